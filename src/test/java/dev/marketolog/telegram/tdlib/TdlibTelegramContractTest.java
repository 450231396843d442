package dev.marketolog.telegram.tdlib;

import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.TelegramContractTest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;

/** The Telegram port's contract, run on the TDLib adapter over a fake libtdjson that answers like TDLib. */
class TdlibTelegramContractTest extends TelegramContractTest {

    private TdRuntime runtime;

    @Override
    protected ContractWorld newWorld() {
        runtime = new TdRuntime(new FakeTdlib());
        AtomicReference<TdlibTelegram> port = new AtomicReference<>();
        TdClient client = runtime.newClient(update -> port.get().onUpdate(update));
        port.set(new TdlibTelegram(client, Duration.ofSeconds(30), InstantSource.system(), runtime.scheduler()));
        return new ContractWorld(port.get(), FakeTdlib.OPEN, FakeTdlib.CLOSED, FakeTdlib.UNKNOWN,
                new PostKey(FakeTdlib.OPEN, FakeTdlib.ALBUM_FIRST), FakeTdlib.ALBUM_PARTS);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }
}

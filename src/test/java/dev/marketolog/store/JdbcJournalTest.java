package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketolog.engine.AccountState;
import dev.marketolog.engine.Branch;
import dev.marketolog.engine.CommentStatus;
import dev.marketolog.engine.EngineStores;
import dev.marketolog.engine.FleetRules;
import dev.marketolog.engine.JournalContract;
import dev.marketolog.engine.JournalEntry;
import dev.marketolog.engine.Reservation;
import dev.marketolog.engine.StateChange;
import dev.marketolog.telegram.PostKey;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class JdbcJournalTest extends JournalContract {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @Override
    protected EngineStores emptyStores() {
        EngineTables.reset(db.dataSource());
        return JdbcStores.create(db.dataSource());
    }

    @Test
    void aResultWhoseStateCannotBeWrittenIsNotWrittenEither() throws SQLException {
        EngineStores stores = emptyStores();
        long epoch = stores.leases().take("a", "owner-a", Duration.ofMinutes(5)).orElseThrow();
        long id = ((Reservation.Reserved) stores.journal().reserve("a", new PostKey(-1001, 1), Branch.SCHEDULER, T0,
                new FleetRules(1, Duration.ZERO), epoch)).id();
        assertThat(stores.journal().markSending(id, "text", T0)).isTrue();
        AccountState floodWait = new AccountState(Optional.empty(), 1, 0, Optional.empty(), Optional.of(T0.plusSeconds(600)));
        db.run("""
                create function refuse_state() returns trigger language plpgsql as
                $$ begin raise exception 'disk full while writing account_state'; end $$;
                create trigger refuse_state before insert or update on account_state execute function refuse_state();""");
        try {
            assertThatThrownBy(() -> stores.journal().markFailed(id, "FLOOD_WAIT_600", true, T0.plusSeconds(1),
                    List.of(new StateChange.Ban(-1001, "CHAT_WRITE_FORBIDDEN"), new StateChange.Account(floodWait))))
                    .isInstanceOf(StoreException.class).hasMessageContaining("disk full");
        } finally {
            db.run("drop trigger refuse_state on account_state; drop function refuse_state();");
        }

        assertThat(stores.journal().history("a", T0)).extracting(JournalEntry::status).containsExactly(CommentStatus.SENDING);
        assertThat(stores.channelStates().load("a")).isEmpty();
        assertThat(stores.accountStates().load("a")).isEqualTo(AccountState.FRESH);
    }
}

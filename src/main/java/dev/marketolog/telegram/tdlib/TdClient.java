package dev.marketolog.telegram.tdlib;

import dev.marketolog.telegram.tdlib.TdObject.TdError;
import java.lang.reflect.ParameterizedType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** One TDLib client (one account's session): typed requests answered through futures. */
public final class TdClient {

    /** Requests TDLib answers from its database or after one server round trip. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Sends and joins: TDLib itself waits out flood waits of up to about 60 s and resends before it answers. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(90);

    private static final ClassValue<Class<?>> RESULT_TYPES = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> function) {
            for (var type : function.getGenericInterfaces()) {
                if (type instanceof ParameterizedType p && p.getRawType() == TdFunction.class) {
                    return (Class<?>) p.getActualTypeArguments()[0];
                }
            }
            throw new IllegalArgumentException(function + " does not implement TdFunction<R> directly");
        }
    };

    private final int id;
    private final TdTransport transport;
    private final TdRouter router;
    private final TdScheduler scheduler;
    private final TdJsonMapper json = TdJsonMapper.get();

    TdClient(int id, TdTransport transport, TdRouter router, TdScheduler scheduler) {
        this.id = id;
        this.transport = transport;
        this.router = router;
        this.scheduler = scheduler;
    }

    public int id() {
        return id;
    }

    /**
     * Sends {@code function}; the future fails with {@link TdException} on TDLib's error, or with a
     * {@link TdTimeoutException} naming the request after 30 s without an answer.
     */
    public <R extends TdObject> CompletableFuture<R> send(TdFunction<R> function) {
        return send(function, DEFAULT_TIMEOUT);
    }

    public <R extends TdObject> CompletableFuture<R> send(TdFunction<R> function, Duration timeout) {
        CompletableFuture<TdRouter.Answer> answer = new CompletableFuture<>();
        long extra = router.expect(id, answer);
        String request = json.encode(function, extra);
        TdScheduler.Scheduled expiry = scheduler.schedule(timeout,
                () -> answer.completeExceptionally(new TdTimeoutException(TdTimeoutException.requestName(function), timeout)));
        CompletableFuture<TdRouter.Answer> settled = answer.whenComplete((node, failure) -> {
            expiry.cancel();
            router.forget(extra);
        });
        transport.send(id, request);
        return settled.thenApply(reply -> decodeAnswer(function, reply));
    }

    /**
     * Waits for {@code answer} (callers are virtual threads): its value, or TDLib's {@link TdException}, a
     * {@link TdClosedException}, or a {@link TdTimeoutException} when TDLib did not answer in time.
     */
    public static <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TdClosedException("interrupted while waiting for TDLib");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Stops routing this client's answers and updates; its waiting requests fail with {@link TdClosedException}. */
    void forget() {
        router.unregister(id);
    }

    /** TDLib's answer to {@code function}: its result, or a {@link TdException} for an {@code error}. */
    static <R extends TdObject> R decodeAnswer(TdFunction<R> function, TdRouter.Answer answer) {
        TdJsonMapper json = TdJsonMapper.get();
        @SuppressWarnings("unchecked")
        Class<R> resultType = (Class<R>) RESULT_TYPES.get(function.getClass());
        if ("error".equals(answer.type())) {
            throw new TdException(function.getClass().getSimpleName(), json.decode(answer.json(), TdError.class));
        }
        R result = json.decode(answer.json(), resultType);
        if (result == null) {
            throw new IllegalStateException(function.getClass().getSimpleName() + " was answered with an unexpected " + answer.type());
        }
        return result;
    }
}

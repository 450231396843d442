package dev.marketolog.web.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * Times a console request repeated over HTTP and says what each one cost, in measures a loaded machine does not
 * distort: the statements the server sent to PostgreSQL, the CPU of this JVM (server and client together) and the CPU
 * of the database's backends (read from {@code /proc}, so the database must run on this machine). Wall times on a
 * shared machine are mostly waits for a CPU; the load average is printed next to them.
 */
final class RequestTimer {

    private static final long CLOCK_TICK_NANOS = 10_000_000; // USER_HZ is 100 on Linux
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final DataSource database;
    private final LongAdder statements = new LongAdder();

    /** @param database the database the server reads, not wrapped by {@link #counting()} */
    RequestTimer(DataSource database) {
        this.database = database;
    }

    /** The database for the server: the same pool, with every statement it prepares counted. */
    DataSource counting() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, database, args);
                    return result instanceof Connection connection ? countingConnection(connection) : result;
                });
    }

    private Connection countingConnection(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (Set.of("prepareStatement", "createStatement", "prepareCall").contains(method.getName())) {
                        statements.increment();
                    }
                    return invoke(method, connection, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Warms up with half as many requests (at least 20: the JIT compiles meanwhile), then measures {@code requests} and prints one line. */
    void measure(String what, int requests, IntFunction<HttpResponse<String>> request) {
        for (int i = 0; i < Math.max(20, requests / 2); i++) {
            check(request.apply(i));
        }
        Map<Long, Long> databaseBefore = databaseCpu();
        long statementsBefore = statements.sum();
        long cpuBefore = OS.getProcessCpuTime();
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            check(request.apply(i));
            nanos[i] = System.nanoTime() - start;
        }
        double jvmCpu = (OS.getProcessCpuTime() - cpuBefore) / 1e6 / requests;
        double perStatement = (double) (statements.sum() - statementsBefore) / requests;
        Map<Long, Long> databaseAfter = databaseCpu();
        long databaseNanos = databaseAfter.entrySet().stream()
                .mapToLong(backend -> backend.getValue() - databaseBefore.getOrDefault(backend.getKey(), 0L)).sum();
        Arrays.sort(nanos);
        System.out.printf("%s: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms; per request %.1f statements, CPU %.2f ms"
                        + " JVM + %.2f ms PostgreSQL (load average %s)%n", what, requests, nanos[requests / 2] / 1e6,
                nanos[requests * 99 / 100] / 1e6, nanos[requests - 1] / 1e6, perStatement, jvmCpu,
                databaseNanos / 1e6 / requests, loadAverage());
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    /** CPU time (user and system) of each backend serving this database, by process id. */
    private Map<Long, Long> databaseCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select pid from pg_stat_activity where datname = current_database()")) {
            while (rows.next()) {
                long pid = rows.getLong(1);
                try {
                    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                    // the fields after the command name (which may hold spaces) in parentheses; utime and stime are 14 and 15
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    cpu.put(pid, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * CLOCK_TICK_NANOS);
                } catch (NoSuchFileException e) {
                    // a backend that has just ended
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the database's backends: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cpu;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}

package dev.marketolog.store;

import dev.marketolog.engine.Instance;
import dev.marketolog.engine.InstanceRegistry;
import dev.marketolog.engine.Roster;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The register of instances in PostgreSQL's {@code instance} and {@code instance_account} tables (V9), on the database's
 * clock. An instance silent for a day is dropped when another joins, so the table keeps only recent ones.
 */
public final class JdbcInstanceRegistry implements InstanceRegistry {

    private static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

    private final Jdbc jdbc;

    public JdbcInstanceRegistry(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void join(Instance self, Set<String> runnable) {
        jdbc.transaction("register instance " + self.id(), connection -> {
            Jdbc.update(connection, "delete from instance where heartbeat_at < now() - make_interval(secs => ?)",
                    s -> s.setDouble(1, FORGOTTEN_AFTER.toSeconds()));
            Jdbc.update(connection, """
                    insert into instance (id, host, http_port, started_at, heartbeat_at) values (?, ?, ?, ?, now())
                    on conflict (id) do update set host = excluded.host, http_port = excluded.http_port,
                        started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at""", s -> {
                s.setString(1, self.id());
                s.setString(2, self.host());
                s.setInt(3, self.httpPort());
                s.setTimestamp(4, Timestamp.from(self.startedAt()));
            });
            Jdbc.update(connection, "delete from instance_account where instance = ?", s -> s.setString(1, self.id()));
            // only accounts the database knows: every instance registers the accounts of its own configuration first
            Jdbc.update(connection, """
                    insert into instance_account (instance, account)
                    select ?, name from account where name = any (?)""", s -> {
                s.setString(1, self.id());
                s.setArray(2, s.getConnection().createArrayOf("text", runnable.toArray()));
            });
            return null;
        });
    }

    @Override
    public Optional<Roster> heartbeat(String id, Duration liveWithin) {
        return jdbc.transaction("heartbeat of instance " + id, connection -> {
            if (Jdbc.update(connection, "update instance set heartbeat_at = now() where id = ?", s -> s.setString(1, id)) == 0) {
                return Optional.empty();
            }
            Map<String, Set<String>> live = new HashMap<>();
            for (String[] row : Jdbc.query(connection, """
                    select i.id, a.account from instance i left join instance_account a on a.instance = i.id
                    where i.heartbeat_at > now() - make_interval(secs => ?)""",
                    s -> s.setDouble(1, liveWithin.toNanos() / 1e9),
                    row -> new String[] {row.getString(1), row.getString(2)})) {
                Set<String> accounts = live.computeIfAbsent(row[0], instance -> new HashSet<>());
                if (row[1] != null) {
                    accounts.add(row[1]);
                }
            }
            Map<String, String> holders = new HashMap<>();
            for (String[] row : Jdbc.query(connection, "select account, owner from account_lease where expires_at > now()",
                    s -> {}, row -> new String[] {row.getString(1), row.getString(2)})) {
                holders.put(row[0], row[1]);
            }
            return Optional.of(new Roster(live, holders));
        });
    }

    @Override
    public void leave(String id) {
        jdbc.update("take instance " + id + " off the register", "delete from instance where id = ?", s -> s.setString(1, id));
    }
}

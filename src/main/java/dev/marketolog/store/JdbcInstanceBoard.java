package dev.marketolog.store;

import dev.marketolog.engine.InstanceBoard;
import dev.marketolog.engine.InstanceRegistry;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * The register of instances (V9) and the leases, read for the console in one transaction: liveness and lease expiry
 * are judged on the database's clock, as the instances themselves judge them.
 */
public final class JdbcInstanceBoard implements InstanceBoard {

    private final Jdbc jdbc;
    private final String self;

    /** @param self the id of the instance answering, marked in what it reads */
    public JdbcInstanceBoard(DataSource dataSource, String self) {
        this.jdbc = new Jdbc(dataSource);
        this.self = self;
    }

    @Override
    public Instances read() {
        double liveSeconds = InstanceRegistry.LIVE_WITHIN.toNanos() / 1e9;
        return jdbc.transaction("read the instances and their leases", connection -> {
            List<InstanceStatus> instances = Jdbc.query(connection, """
                    select i.id, i.host, i.http_port, i.started_at, i.heartbeat_at,
                           i.heartbeat_at > now() - make_interval(secs => ?) as live,
                           (select count(*) from instance_account a where a.instance = i.id) as runnable,
                           array(select l.account from account_lease l where l.owner = i.id and l.expires_at > now()
                                 order by l.account) as running
                    from instance i order by i.started_at, i.id""",
                    s -> s.setDouble(1, liveSeconds),
                    row -> new InstanceStatus(row.getString("id"), row.getString("host"), row.getInt("http_port"),
                            row.getTimestamp("started_at").toInstant(), row.getTimestamp("heartbeat_at").toInstant(),
                            row.getString("id").equals(self), row.getBoolean("live"), row.getInt("runnable"),
                            names(row.getArray("running"))));
            List<String> waiting = Jdbc.query(connection, """
                    select distinct a.account from instance_account a join instance i on i.id = a.instance
                    where i.heartbeat_at > now() - make_interval(secs => ?)
                      and not exists (select 1 from account_lease l where l.account = a.account and l.expires_at > now())
                    order by a.account""",
                    s -> s.setDouble(1, liveSeconds), row -> row.getString(1));
            return new Instances(instances, waiting);
        });
    }

    private static List<String> names(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}

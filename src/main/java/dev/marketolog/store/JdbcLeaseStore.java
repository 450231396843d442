package dev.marketolog.store;

import dev.marketolog.engine.LeaseStore;
import java.time.Duration;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Account leases in PostgreSQL's {@code account_lease} table, on the database's clock: one upsert decides, so two
 * processes never both win. A released lease keeps its row (expired), so the next take's epoch is still greater.
 */
public final class JdbcLeaseStore implements LeaseStore {

    private final Jdbc jdbc;

    public JdbcLeaseStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public OptionalLong take(String account, String owner, Duration term) {
        return jdbc.queryOne("take the lease of " + account, """
                insert into account_lease (account, owner, expires_at, epoch) values (?, ?, now() + make_interval(secs => ?), 1)
                on conflict (account) do update
                    set owner = excluded.owner, expires_at = excluded.expires_at, epoch = account_lease.epoch + 1
                where account_lease.owner = excluded.owner or account_lease.expires_at <= now()
                returning epoch""",
                s -> {
                    s.setString(1, account);
                    s.setString(2, owner);
                    s.setDouble(3, seconds(term));
                },
                row -> row.getLong(1))
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public boolean renew(String account, String owner, long epoch, Duration term) {
        return jdbc.update("renew the lease of " + account, """
                update account_lease set expires_at = now() + make_interval(secs => ?)
                where account = ? and owner = ? and epoch = ? and expires_at > now()""",
                s -> {
                    s.setDouble(1, seconds(term));
                    s.setString(2, account);
                    s.setString(3, owner);
                    s.setLong(4, epoch);
                }) == 1;
    }

    @Override
    public void release(String account, String owner) {
        jdbc.update("give up the lease of " + account,
                "update account_lease set expires_at = least(expires_at, now()) where account = ? and owner = ?", s -> {
                    s.setString(1, account);
                    s.setString(2, owner);
                });
    }

    private static double seconds(Duration term) {
        return term.toNanos() / 1e9;
    }
}

package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.timestamp;

import dev.marketolog.engine.LeaseStore;
import java.time.Instant;
import javax.sql.DataSource;

/** Account leases in PostgreSQL's {@code account_lease} table: one upsert decides, so two processes never both win. */
public final class JdbcLeaseStore implements LeaseStore {

    private final Jdbc jdbc;

    public JdbcLeaseStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public boolean acquire(String account, String owner, Instant now, Instant until) {
        return jdbc.update("take the lease of " + account, """
                insert into account_lease (account, owner, expires_at) values (?, ?, ?)
                on conflict (account) do update set owner = excluded.owner, expires_at = excluded.expires_at
                where account_lease.owner = excluded.owner or account_lease.expires_at <= ?""",
                s -> {
                    s.setString(1, account);
                    s.setString(2, owner);
                    s.setTimestamp(3, timestamp(until));
                    s.setTimestamp(4, timestamp(now));
                }) == 1;
    }

    @Override
    public void release(String account, String owner) {
        jdbc.update("give up the lease of " + account, "delete from account_lease where account = ? and owner = ?", s -> {
            s.setString(1, account);
            s.setString(2, owner);
        });
    }
}

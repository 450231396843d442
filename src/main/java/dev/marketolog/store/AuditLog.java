package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.timestamp;

import dev.marketolog.engine.AccountControl.Actor;
import dev.marketolog.engine.AccountControl.AuditAction;
import dev.marketolog.engine.AccountControl.AuditEntry;
import dev.marketolog.engine.AccountControl.AuditPage;
import dev.marketolog.engine.AccountControl.AuditQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code audit_log} table: every change made through the console, newest first when read. */
final class AuditLog {

    /** One row to write: what, to which account and subject, the values before and after. */
    record Change(String account, AuditAction action, String subject, Optional<String> oldValue, Optional<String> newValue) {}

    private AuditLog() {}

    /** Writes the change inside the caller's transaction. */
    static void write(Connection connection, Change change, Actor actor, Instant at) throws SQLException {
        Jdbc.update(connection, """
                insert into audit_log (at, account, action, subject, old_value, new_value, address)
                values (?, ?, ?, ?, ?, ?, ?)""",
                s -> {
                    s.setTimestamp(1, timestamp(at));
                    s.setString(2, change.account());
                    s.setString(3, change.action().code());
                    s.setString(4, change.subject());
                    s.setString(5, change.oldValue().orElse(null));
                    s.setString(6, change.newValue().orElse(null));
                    s.setString(7, actor.address());
                });
    }

    /** A page of rows, newest first: one more row than asked for is read to tell whether an older page exists. */
    static AuditPage read(Jdbc jdbc, AuditQuery query) {
        List<AuditEntry> rows = jdbc.query("read the audit log", """
                select id, at, account, action, subject, old_value, new_value, address from audit_log
                where (?::text is null or account = ?) and (?::bigint is null or id < ?)
                order by id desc limit ?""",
                s -> {
                    s.setString(1, query.account().orElse(null));
                    s.setString(2, query.account().orElse(null));
                    s.setObject(3, query.before().orElse(null), Types.BIGINT);
                    s.setObject(4, query.before().orElse(null), Types.BIGINT);
                    s.setInt(5, query.limit() + 1);
                },
                AuditLog::entry);
        if (rows.size() <= query.limit()) {
            return new AuditPage(rows, Optional.empty());
        }
        List<AuditEntry> page = rows.subList(0, query.limit());
        return new AuditPage(page, Optional.of(page.getLast().id()));
    }

    private static AuditEntry entry(ResultSet row) throws SQLException {
        return new AuditEntry(
                row.getLong("id"),
                row.getTimestamp("at").toInstant(),
                row.getString("account"),
                action(row.getString("action")),
                row.getString("subject"),
                Optional.ofNullable(row.getString("old_value")),
                Optional.ofNullable(row.getString("new_value")),
                row.getString("address"));
    }

    private static AuditAction action(String code) {
        return Arrays.stream(AuditAction.values()).filter(a -> a.code().equals(code)).findFirst()
                .orElseThrow(() -> new StoreException("unknown audit action in the database: " + code, null));
    }
}

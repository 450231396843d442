-- Marketolog V6 (console): the journal as operators read it, message links, and channel analytics.
-- Each sent comment keeps its link in Telegram (TDLib's message ids are not the ids of t.me links).
alter table comment add column message_link text;
-- The journal's pages, newest first, with a keyset cursor on (counted_at, id): unfiltered, by account, by channel.
-- The other filters (status, branch) are selective enough to be read along one of these.
create index comment_journal_time on comment (counted_at desc, id desc);
create index comment_journal_account on comment (account, counted_at desc, id desc);
create index comment_journal_channel on comment (channel_id, counted_at desc, id desc);
-- The console's overview counts every account's rows since its day start in one statement: over the rows that count
-- only, so the count is an index-only scan instead of a heap visit per row.
create index comment_account_counting on comment (account, counted_at)
    where status in ('reserved', 'sending', 'sent', 'unknown', 'dry_run') or (status = 'failed' and reached_server);

-- Marketolog V4: the gate's journal reads stay fast as the journal grows (a year of it, a thousand accounts).
-- counted_at is the time a row counts at (sent, else reserved); the database keeps it, so no writer can forget it.
alter table comment add column counted_at timestamptz generated always as (coalesce(sent_at, created_at)) stored;
-- history: an account's rows since a time; also serves every lookup by account (recover, markDeleted, retention)
create index comment_account_counted on comment (account, counted_at);
drop index comment_account_created;
-- the others' last comment in a channel: read backwards, the first row of another account answers
create index comment_channel_live_counted on comment (channel_id, counted_at desc)
    where status in ('reserved','sending','sent','unknown','dry_run');
drop index comment_channel_created;
-- an account's recent texts, newest first. No index orders the whole table by time (nor does the journal ask for it):
-- the planner could otherwise walk every account's rows backwards looking for this account's.
create index comment_account_texts on comment (account, counted_at desc, id desc)
    where status in ('sent','dry_run') and text is not null;
-- comments of ours others deleted, per account and channel
create index comment_account_deleted on comment (account, channel_id, deleted_at) where deleted_at is not null;

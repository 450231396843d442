-- Marketolog V10: one account tick reads the others' last comment in all its channels in one statement, each channel
-- from this index alone (the account is in it, so no table row is read to skip the account's own comments). Its rows
-- are the live ones of V7 (a draft awaiting review is live).
create index comment_channel_others on comment (channel_id, counted_at desc) include (account)
    where status in ('reserved','sending','sent','unknown','dry_run','awaiting_review');
drop index comment_channel_live_counted;

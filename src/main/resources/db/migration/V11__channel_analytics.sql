-- Marketolog V11: channel analytics. What became of our comments, read back from Telegram now and then, and the posts
-- our accounts saw in their channels. Nothing existing changes.

-- The latest read of one of our comments. asked_at is the last time it was asked for, read or not (the schedule of
-- reads counts from it, so a comment that cannot be read is not asked for again before its next step); the counts and
-- read_at are those of the last read that answered, null until one did. The comment's channel and send time are copied
-- here: the analytics sum a period's feedback per channel from this table alone, not through a join with the journal
-- (measured on 1.2 million journal rows: the join tripled the channels page's query).
create table comment_feedback (
    comment_id  bigint primary key references comment(id) on delete cascade,
    channel_id  bigint not null,
    sent_at     timestamptz not null,
    reactions   int check (reactions >= 0),
    replies     int check (replies >= 0),
    read_at     timestamptz,
    reads       int not null default 0,
    asked_at    timestamptz not null,
    check ((reactions is null) = (read_at is null) and (replies is null) = (read_at is null))
);
create index comment_feedback_sent on comment_feedback (sent_at);

-- Each post any of our accounts saw in an allowlisted channel, once however many accounts saw it. It counts on the day
-- it was published (a channel's first fetch also brings older posts: they belong to their own days, not to today).
-- Kept as long as the journal (JOURNAL_RETENTION_DAYS, by published_at).
create table post_seen (
    channel_id    bigint not null,
    post_id       bigint not null,
    published_at  timestamptz not null,
    seen_at       timestamptz not null,
    primary key (channel_id, post_id)
);
create index post_seen_published on post_seen (published_at);

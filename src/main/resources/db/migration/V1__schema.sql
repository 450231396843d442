-- Marketolog V1: accounts, their channels and state, the comment journal, account leases.
-- Times are always written from the engine's clock (virtual in tests), never the database's now().
create table account (
    name        text primary key,
    created_at  timestamptz not null
);
-- allowlisted channels of an account and their per-channel state
create table account_channel (
    account        text   not null references account(name) on delete cascade,
    channel_id     bigint not null,
    allowlisted    boolean not null default true,   -- false when it left the config (state kept)
    banned_reason  text,                            -- non-null = on the ban list until an operator clears it
    banned_at      timestamptz,
    hold_until     timestamptz,                     -- slow mode
    primary key (account, channel_id)
);
create table account_state (
    account             text primary key references account(name) on delete cascade,
    spam_block_until    timestamptz,
    serious_streak      int not null default 0,
    cooldown_level      int not null default 0,      -- how many spam blocks in a row (doubles the cooldown)
    last_spam_block_at  timestamptz,
    flood_wait_until    timestamptz,
    updated_at          timestamptz not null
);
-- the journal: one row per attempt to comment
create table comment (
    id                  bigserial primary key,
    account             text   not null references account(name),
    channel_id          bigint not null,
    post_id             bigint not null,
    discussion_chat_id  bigint,
    message_id          bigint,
    text                text,
    branch              text not null check (branch in ('scheduler', 'instant')),
    status              text not null check (status in ('reserved','sending','sent','failed','unknown','released','dry_run')),
    error               text,
    created_at          timestamptz not null,   -- when the slot was reserved (engine clock, not now())
    sent_at             timestamptz,
    deleted_at          timestamptz,            -- our comment was deleted by someone else
    updated_at          timestamptz not null
);
-- one live comment per (account, channel, post); released and failed rows do not block a retry
create unique index comment_one_per_post on comment (account, channel_id, post_id)
    where status in ('reserved','sending','sent','unknown','dry_run');
create index comment_account_created on comment (account, created_at);
create index comment_post on comment (channel_id, post_id);
-- an account runs in at most one process
create table account_lease (
    account     text primary key references account(name) on delete cascade,
    owner       text not null,
    expires_at  timestamptz not null
);

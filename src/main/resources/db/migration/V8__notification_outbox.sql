-- Marketolog V8: notifications to the operator through an outbox. An event is written in the transaction of the change
-- that caused it (a spam block, a ban) or when it is detected; a delivery loop sends it to every configured sink.
create table notification_outbox (
    id              bigserial primary key,
    event_key       text not null unique,        -- the same happening twice is one event
    kind            text not null,
    account         text,                        -- null: about the whole process (the LLM, the digest)
    body            text not null,
    created_at      timestamptz not null,
    deliver_from    timestamptz not null,        -- not before (a spam block's end is written at its start)
    next_attempt_at timestamptz not null,
    attempts        integer not null default 0,
    sinks_done      text[] not null default '{}', -- the sinks that have it: a retry goes only to the others
    last_error      text,
    delivered_at    timestamptz
);
-- the delivery loop's read: what is due, oldest first
create index notification_outbox_due on notification_outbox (next_attempt_at, id) where delivered_at is null;

-- Marketolog V7: the review queue (REVIEW_MODE). A written draft waits as 'awaiting_review': live (it blocks its post for
-- every account and counts against the limits at its reservation time, like 'reserved'), but start-up recovery leaves it
-- alone. Each waiting draft has a review_item (what the writer saw, the original and current text, the gate's latest
-- word) and its steps in review_event (texts, who did what and from which address). Both go with their journal row.
alter table comment drop constraint comment_status_check;
alter table comment add constraint comment_status_check
    check (status in ('reserved','sending','sent','failed','unknown','released','dry_run','awaiting_review'));

drop index comment_one_per_post;
create unique index comment_one_per_post on comment (account, channel_id, post_id)
    where status in ('reserved','sending','sent','unknown','dry_run','awaiting_review');
drop index comment_channel_live_counted;
create index comment_channel_live_counted on comment (channel_id, counted_at desc)
    where status in ('reserved','sending','sent','unknown','dry_run','awaiting_review');

create table review_item (
    id                  bigint primary key references comment(id) on delete cascade,
    account             text not null,
    channel_title       text not null,
    post_published_at   timestamptz not null,
    post_text           text not null,
    comments_under      text[] not null,
    state               text not null check (state in ('waiting','approved','sent','rejected','expired')),
    original_text       text not null,
    text                text not null,
    created_at          timestamptz not null,
    expires_at          timestamptz not null,
    blocked_by          text,
    could_go_at         timestamptz,
    approved_by         text,
    approved_from       text,
    closed_at           timestamptz
);
-- an account's pending drafts, and every account's for the console
create index review_item_pending on review_item (account, created_at) where state in ('waiting','approved');
-- the posts of an account's closed drafts, read at its start
create index review_item_closed on review_item (account, closed_at) where state in ('rejected','expired');

create table review_event (
    id          bigserial primary key,
    item_id     bigint not null references review_item(id) on delete cascade,
    at          timestamptz not null,
    kind        text not null check (kind in ('drafted','edited','regenerated','approved','rejected','expired','sent')),
    text        text,
    operator    text,
    address     text,
    note        text
);
create index review_event_item on review_event (item_id, id);

-- the console's count of the rows that count (V6) counts a waiting draft too, as the gate does
drop index comment_account_counting;
create index comment_account_counting on comment (account, counted_at)
    where status in ('reserved', 'sending', 'sent', 'unknown', 'dry_run', 'awaiting_review') or (status = 'failed' and reached_server);

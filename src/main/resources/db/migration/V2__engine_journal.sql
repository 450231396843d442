-- Marketolog V2 (engine): a failure that reached Telegram's server counts against the limits (it was a real request),
-- one rejected by TDLib before sending does not; and the fleet's per-channel lookups get their index.
alter table comment add column reached_server boolean not null default false;
create index comment_channel_created on comment (channel_id, created_at);

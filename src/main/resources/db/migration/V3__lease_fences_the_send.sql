-- Marketolog V3: the lease fences the send. Each take of a lease gets a greater epoch; a journal row keeps the epoch it
-- was reserved under and moves to 'sending' only while that lease is still held. Lease times come from the database's
-- clock (now()), so processes on hosts whose clocks disagree still agree on who holds an account; journal times stay
-- on the engine's clock.
alter table account_lease add column epoch bigint not null default 0;
alter table comment add column lease_epoch bigint;

-- Marketolog V9: the instances of serve that share this database, and the accounts each can run (a TDLib session
-- lives in one instance's DATA_DIR; the sandbox's accounts run anywhere). Heartbeats are on the database's clock, as
-- lease times are, so hosts whose clocks disagree still agree on who lives.
create table instance (
    id            text primary key,
    host          text not null,
    http_port     int not null,
    started_at    timestamptz not null,
    heartbeat_at  timestamptz not null
);
create table instance_account (
    instance  text not null references instance(id) on delete cascade,
    account   text not null references account(name) on delete cascade,
    primary key (instance, account)
);

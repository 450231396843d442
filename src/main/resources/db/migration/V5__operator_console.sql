-- Marketolog V5 (operator console, write path): settings changed at run time, commands for the process that runs an
-- account, the audit log, and a paused flag that survives restarts. Times come from the application's clock.
alter table account add column paused boolean not null default false;

-- the console's values on top of an account's .env file and environment (a reset deletes the row)
create table account_override (
    account  text not null references account(name) on delete cascade,
    setting  text not null,
    value    text not null,
    set_at   timestamptz not null,
    primary key (account, setting)
);

-- an outbox of operators' commands: every serve hears of a new row (NOTIFY operator_command, and a poll), and the
-- process holding the account's lease applies it and sets applied_at
create table operator_command (
    id          bigserial primary key,
    account     text not null references account(name) on delete cascade,
    command     text not null check (command in ('pause', 'resume', 'lift-spam-block', 'clear-ban', 'settings')),
    args        text not null default '',   -- the channel id of a clear-ban
    created_at  timestamptz not null,
    applied_at  timestamptz,
    applied_by  text                        -- the instance that applied it
);
create index operator_command_pending on operator_command (id) where applied_at is null;

-- every change made through the console; no foreign key: the log outlives an account taken out of the config
create table audit_log (
    id         bigserial primary key,
    at         timestamptz not null,
    account    text not null,
    action     text not null,
    subject    text not null default '',     -- the setting of an override or reset, the channel of a clear-ban
    old_value  text,
    new_value  text,
    address    text not null
);
create index audit_log_account on audit_log (account, id);

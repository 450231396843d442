-- Marketolog V12: every filter of the console's journal reads a page from an index in its order, however rare the rows
-- it asks for. V6's indexes (by time, by account, by channel) read the status and branch filters along, which costs a
-- page's worth of rows when the filter matches often (sent, scheduler) and the whole table, or the whole channel, when
-- it matches rarely or never (failed, unknown, released; instant in a fleet that seldom comments fresh posts). The rare
-- values get their own partial indexes, small because their rows are few; JdbcJournalSearch writes status and branch
-- as literals (values of a closed set), so the planner knows which of these a query may use.
create index comment_journal_status on comment (status, counted_at desc, id desc) where status <> 'sent';
create index comment_journal_account_status on comment (account, status, counted_at desc, id desc) where status <> 'sent';
create index comment_journal_channel_status on comment (channel_id, status, counted_at desc, id desc) where status <> 'sent';
create index comment_journal_instant on comment (counted_at desc, id desc) where branch = 'instant';
create index comment_journal_channel_instant on comment (channel_id, counted_at desc, id desc) where branch = 'instant';

-- E-mail addresses are unique whatever their letter case. An index on an expression works on both databases;
-- SQLite's lower() folds only ASCII letters, PostgreSQL's follows the database's locale.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Lists of tickets and comments are filtered and ordered by these columns (TicketRepository, CommentRepository).
CREATE INDEX tickets_status_created_at ON tickets (status, created_at, id);
CREATE INDEX comments_ticket_created_at ON comments (ticket_id, created_at, id);

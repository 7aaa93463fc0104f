-- Full-text search on ticket titles, a PostgreSQL-only feature (TicketRepository.searchFullText).
-- A generated column: the database keeps it in step with the title, whoever writes the row.
ALTER TABLE tickets
    ADD COLUMN title_search tsvector GENERATED ALWAYS AS (to_tsvector('english', title)) STORED;

CREATE INDEX tickets_title_search ON tickets USING GIN (title_search);

-- Tags in a join table rather than an array or JSON column: both databases index and query it the same way.
CREATE TABLE ticket_tags (
    ticket_id BIGINT      NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    tag       VARCHAR(50) NOT NULL,
    PRIMARY KEY (ticket_id, tag)
);

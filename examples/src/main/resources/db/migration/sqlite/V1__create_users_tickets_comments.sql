-- The tables whose columns SQLite and PostgreSQL spell differently: generated ids and timestamps.
-- Keep in step with postgresql/V1__create_users_tickets_comments.sql; everything portable is in common/.

CREATE TABLE users (
    -- AUTOINCREMENT: never hand out the id of a deleted row again, as a PostgreSQL identity never does
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    -- SQLite ignores the length, so UserRepository checks it before PostgreSQL would refuse it
    email         VARCHAR(254) NOT NULL,
    password_hash VARCHAR(200) NOT NULL
);

CREATE TABLE tickets (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       VARCHAR(200) NOT NULL,
    status      VARCHAR(10)  NOT NULL CHECK (status IN ('open', 'closed')),
    assignee_id INTEGER REFERENCES users (id),
    -- UTC with exactly six fraction digits, so that text order is time order (see Dialect.SQLITE)
    created_at  TEXT NOT NULL
        CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
);

CREATE TABLE comments (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES users (id),
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
        CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
);

-- A portable schema: the same script runs on SQLite and PostgreSQL.
CREATE TABLE author (
    id   INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE
);

CREATE TABLE book (
    id        INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES author (id),
    title     VARCHAR(200) NOT NULL
);

-- a row the migration itself inserts: a reset must keep it
INSERT INTO author (id, name) VALUES (1, 'Migrated Author');

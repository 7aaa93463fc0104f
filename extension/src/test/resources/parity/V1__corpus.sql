-- The parity corpus: a portable schema on which each case of ParityCorpusTests passes on SQLite and fails on
-- PostgreSQL.
CREATE TABLE people (
    id       INTEGER PRIMARY KEY,
    name     VARCHAR(20) NOT NULL,
    nickname VARCHAR(5),
    age      INTEGER,
    score    SMALLINT,
    balance  NUMERIC(10, 2),
    weight   REAL,
    active   BOOLEAN,
    born     DATE,
    joined   TIMESTAMP,
    code     TEXT,
    team     VARCHAR(20)
);

CREATE TABLE badges (
    code  VARCHAR(10) PRIMARY KEY,
    label VARCHAR(40) NOT NULL
);

CREATE TABLE "Teams" (
    name VARCHAR(20) PRIMARY KEY
);

INSERT INTO people (id, name, age, team, code) VALUES (1, 'Ada', 36, 'red', '42');
INSERT INTO people (id, name, age, team, code) VALUES (2, 'Grace', 45, 'blue', '7');
INSERT INTO people (id, name, age, team, code) VALUES (3, 'Linus', NULL, 'red', NULL);
INSERT INTO "Teams" (name) VALUES ('red');

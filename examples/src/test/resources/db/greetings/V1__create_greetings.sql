-- A first migration, in SQL that SQLite and PostgreSQL both accept: a table and two rows.
CREATE TABLE greetings (
    language VARCHAR(10)  PRIMARY KEY,
    greeting VARCHAR(100) NOT NULL
);

INSERT INTO greetings (language, greeting) VALUES ('en', 'Hello'), ('de', 'Hallo');

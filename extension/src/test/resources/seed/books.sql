-- Seed rows every test starts from; semicolons inside strings are no statement ends.
INSERT INTO author (id, name) VALUES (2, 'Ursula; K. Le Guin');
INSERT INTO book (id, author_id, title) VALUES (1, 2, 'The Dispossessed');
/* a block comment; with a semicolon */
INSERT INTO book (id, author_id, title) VALUES (2, 2, 'The Lathe of Heaven');

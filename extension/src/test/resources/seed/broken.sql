INSERT INTO author (id, name) VALUES (3, 'Fine');

INSERT INTO book (id, author_id, title) VALUES (9, 999, 'No such author');

-- A seed with a value PostgreSQL would refuse: a VARCHAR(5) holding nine characters.
UPDATE people SET nickname = 'Augustine' WHERE id = 2;

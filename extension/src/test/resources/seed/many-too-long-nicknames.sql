-- A seed with more values PostgreSQL would refuse than the parity check's message shows for a table: a test's own
-- must still be found behind them.
UPDATE people SET nickname = 'Augustine' WHERE id = 1;
UPDATE people SET nickname = 'Gracefully' WHERE id = 2;
UPDATE people SET nickname = 'Linusesque' WHERE id = 3;
INSERT INTO people (id, name, nickname) VALUES (4, 'Edsger', 'Dijkstra');

-- Only for DialectDifferencesTest: two columns of types SQLite has no storage class for, declared alike for both.
ALTER TABLE tickets ADD COLUMN urgent BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tickets ADD COLUMN hours_spent DECIMAL(6, 2);

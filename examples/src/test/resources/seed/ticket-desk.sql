-- The state every test starts from, on both backends: two users, three tickets, two comments.
-- Ids are left to the database (a PostgreSQL identity refuses given ones), so rows find each other by name.
-- Timestamps are written as SQLite stores them (UTC, six fraction digits); PostgreSQL reads the same text.

-- Passwords 'alice-password' and 'bob-password', hashed as PasswordHasher does but with a fixed salt and only
-- 1 000 iterations, so that logging in stays fast in tests. Never use such hashes outside tests.
INSERT INTO users (email, password_hash) VALUES
    ('alice@example.com', 'pbkdf2_sha256$1000$YWxpY2VAZXhhbXBsZS5jbw==$VaKRcBw+XB6eHrf0EbFciefTvh688fV9mXTm8GTBtfM='),
    ('bob@example.com',   'pbkdf2_sha256$1000$Ym9iQGV4YW1wbGUuY29tLQ==$AMPD2ZinUU/31xbUg3zzN9PG4bnhv1wfPtkRTMAxRBY=');

-- tag::tickets[]
INSERT INTO tickets (title, status, assignee_id, created_at) VALUES
    ('New laptop for Dana', 'closed',
        (SELECT id FROM users WHERE email = 'bob@example.com'), '2024-04-30T16:00:00.000000Z'),
    ('Printer on floor 3 is jammed', 'open',
        (SELECT id FROM users WHERE email = 'alice@example.com'), '2024-05-01T09:00:00.000000Z'),
    ('VPN disconnects every hour', 'open', NULL, '2024-05-01T09:30:00.000000Z');
-- end::tickets[]

INSERT INTO ticket_tags (ticket_id, tag)
    SELECT id, 'hardware' FROM tickets WHERE title IN ('New laptop for Dana', 'Printer on floor 3 is jammed');
INSERT INTO ticket_tags (ticket_id, tag)
    SELECT id, 'printer' FROM tickets WHERE title = 'Printer on floor 3 is jammed';
INSERT INTO ticket_tags (ticket_id, tag)
    SELECT id, 'network' FROM tickets WHERE title = 'VPN disconnects every hour';

INSERT INTO comments (ticket_id, author_id, body, created_at) VALUES
    ((SELECT id FROM tickets WHERE title = 'Printer on floor 3 is jammed'),
        (SELECT id FROM users WHERE email = 'bob@example.com'),
        'Cleared a paper jam in tray 2.', '2024-05-01T09:05:00.000000Z'),
    ((SELECT id FROM tickets WHERE title = 'Printer on floor 3 is jammed'),
        (SELECT id FROM users WHERE email = 'alice@example.com'),
        'Jammed again; ordering a new roller.', '2024-05-01T09:20:00.000000Z');

-- The outbox's per-user index no longer takes every notice. A fan-out
-- writes its rows to workers at random, and an entry per row in an index
-- by user dirtied one page of it per row: a day of 5M posting notices was
-- mostly that index (28,000 rows/s with it, 93,000 without, measured on
-- the embedded store). A user's notices are looked up by user only once
-- the drain has taken them up: sent (the cap's count, the last notice
-- reported), or held or retried with a cause (quiet hours, digest, away),
-- which is when the drain writes the row anyway. A fresh notice is found
-- by the drain, in due order, through notices_due.
DROP INDEX notices_sent;
CREATE INDEX notices_sent ON notices (user_key, kind, sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX notices_held ON notices (user_key, status, due_at) WHERE last_error <> '';
-- A notice given up on without a cause (none are written so since) is
-- given one, so that erasure finds it through notices_held.
UPDATE notices SET last_error = 'unspecified' WHERE last_error = '' AND status = 'failed';

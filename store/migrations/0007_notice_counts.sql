-- The daily cap is seeded at start-up from the posting notices written
-- since local midnight (PostingNoticeCounts). created_at only grows, so
-- this index is appended to, not written at random, by Enqueue.
CREATE INDEX notices_created ON notices (created_at);

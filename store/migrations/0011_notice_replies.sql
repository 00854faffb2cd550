-- A fan-out gives thousands of workers the same words. They are stored
-- once here and the notices point at them, instead of each notice holding
-- a copy (a day of 5M notices of a few hundred bytes each was gigabytes,
-- and a fifth of the time to write them). A notice whose reply_id is NULL
-- holds its own reply: messages, notices to one user, and those written
-- before this migration. What is stored here is a posting's or a fair's
-- notice, the same for all its readers, so erasing one user's data leaves
-- it.
CREATE TABLE notice_replies (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    reply TEXT NOT NULL -- JSON gigbot.Reply
);
ALTER TABLE notices ADD COLUMN reply_id BIGINT;

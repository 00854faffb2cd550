-- What several replicas on one database need to share work (issue 8).
--
-- An outbox claim: the drain that takes a notice writes its name and a
-- lease; another drain skips the notice until the lease runs out, so two
-- replicas never send it together, and one that dies mid-send leaves it to
-- be taken again after the lease. Settling a notice clears its claim.
ALTER TABLE notices ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN claimed_until BIGINT;

-- The change feed of postings: one row per write to a posting (created,
-- status changed, expired), in commit order. Every replica follows it to
-- keep its own search index current.
CREATE TABLE posting_changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    posting_id BIGINT NOT NULL,
    at         BIGINT NOT NULL
);

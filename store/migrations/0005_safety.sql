-- Trust and safety (issue 7): employers' standing, the phone blacklist,
-- workers' reports of postings and the audit log of staff actions.
-- Counts of an employer's postings, rejections and reports are derived
-- from postings and posting_reports, never kept as counters.

-- What staff decided about an employer; no row means neither verified nor
-- blacklisted.
CREATE TABLE employer_standing (
    user_key    TEXT    PRIMARY KEY, -- gigbot.UserRef.Key()
    verified    BOOLEAN NOT NULL DEFAULT FALSE,
    blacklisted BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at  BIGINT  NOT NULL
);

-- Phone numbers no posting may carry, from any account on any channel.
CREATE TABLE blocked_phones (
    phone      TEXT   PRIMARY KEY,
    created_at BIGINT NOT NULL
);

-- One row per posting and reporting user. The reporter is a hash
-- (gigbot.UserRef.Hash()), so a worker who deletes their data leaves no
-- id behind while their report still counts.
CREATE TABLE posting_reports (
    posting_id BIGINT NOT NULL,
    reporter   TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (posting_id, reporter)
);

-- Every staff action: who (a hash), what, on what, when.
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    actor  TEXT   NOT NULL,
    action TEXT   NOT NULL,
    target TEXT   NOT NULL,
    at     BIGINT NOT NULL
);

CREATE INDEX postings_phone ON postings (phone);
CREATE INDEX postings_review ON postings (status, id);

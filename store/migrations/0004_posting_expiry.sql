-- The expiry job closes open postings past their end every few minutes:
-- find them without scanning every posting ever published.
CREATE INDEX postings_expiry ON postings (status, expires_at);

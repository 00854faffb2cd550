-- Each process keeps an in-memory index of standing worker profiles; on
-- several replicas it follows the workers changed elsewhere by updated_at.
CREATE INDEX workers_updated ON workers (updated_at);

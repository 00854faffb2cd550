-- Workers who registered interest in a fair ("报名"): counted for staff,
-- reminded before the day. One row per worker and fair; id keeps the order
-- of registration.
CREATE TABLE fair_registrations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    fair_id    BIGINT NOT NULL REFERENCES fairs (id),
    user_key   TEXT   NOT NULL,
    channel    TEXT   NOT NULL,
    user_id    TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (fair_id, user_key)
);

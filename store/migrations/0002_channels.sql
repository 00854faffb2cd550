-- What the channel adapters keep beside the rest (see channel.go in the
-- domain): platform access tokens shared by every process, and when each
-- user last wrote, for WeChat's 48-hour customer-service window.

CREATE TABLE access_tokens (
    key        TEXT   PRIMARY KEY, -- e.g. "wechat:<AppID>"
    token      TEXT   NOT NULL,
    expires_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE interactions (
    user_key TEXT   PRIMARY KEY, -- gigbot.UserRef.Key()
    at       BIGINT NOT NULL     -- when the user last wrote
);

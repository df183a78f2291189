CREATE TABLE api_keys (
    id uuid NOT NULL PRIMARY KEY,
    name varchar(100) NOT NULL,
    prefix varchar(32) NOT NULL UNIQUE,
    secret_hash bytea NOT NULL,
    scopes text NOT NULL,
    customer_id uuid NULL REFERENCES customers (id),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NULL,
    last_used_at timestamptz NULL,
    revoked_at timestamptz NULL
);

CREATE TABLE api_keys (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    name nvarchar(100) NOT NULL,
    prefix nvarchar(32) NOT NULL UNIQUE,
    secret_hash varbinary(32) NOT NULL,
    scopes nvarchar(max) NOT NULL,
    customer_id uniqueidentifier NULL REFERENCES customers (id),
    created_at datetimeoffset NOT NULL,
    expires_at datetimeoffset NULL,
    last_used_at datetimeoffset NULL,
    revoked_at datetimeoffset NULL
);

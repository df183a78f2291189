-- One row per thing done once in a database's life. The first admin key is issued by whichever node inserts
-- 'admin-key' first: two nodes starting on an empty database cannot both issue one.
CREATE TABLE bootstrap_claims (
    name varchar(50) NOT NULL PRIMARY KEY,
    claimed_at timestamptz NOT NULL
);

INSERT INTO bootstrap_claims (name, claimed_at)
SELECT 'admin-key', MIN(created_at) FROM api_keys HAVING COUNT(*) > 0;

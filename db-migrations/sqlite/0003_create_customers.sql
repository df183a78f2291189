CREATE TABLE customers (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE customer_external_refs (
    source TEXT NOT NULL,
    external_id TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    PRIMARY KEY (source, external_id)
);

CREATE INDEX ix_customer_external_refs_customer_id ON customer_external_refs (customer_id);

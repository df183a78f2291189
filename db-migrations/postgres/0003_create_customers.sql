CREATE TABLE customers (
    id uuid NOT NULL PRIMARY KEY,
    name varchar(200) NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE customer_external_refs (
    source varchar(50) NOT NULL,
    external_id varchar(100) NOT NULL,
    customer_id uuid NOT NULL REFERENCES customers (id),
    PRIMARY KEY (source, external_id)
);

CREATE INDEX ix_customer_external_refs_customer_id ON customer_external_refs (customer_id);

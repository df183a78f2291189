CREATE TABLE customers (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    name nvarchar(200) NOT NULL,
    created_at datetimeoffset NOT NULL
);

CREATE TABLE customer_external_refs (
    source nvarchar(50) NOT NULL,
    external_id nvarchar(100) NOT NULL,
    customer_id uniqueidentifier NOT NULL REFERENCES customers (id),
    PRIMARY KEY (source, external_id)
);

CREATE INDEX ix_customer_external_refs_customer_id ON customer_external_refs (customer_id);

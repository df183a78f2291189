CREATE TABLE agreements (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    customer_id uniqueidentifier NOT NULL REFERENCES customers (id),
    current_version int NOT NULL,
    created_at datetimeoffset NOT NULL
);

CREATE INDEX ix_agreements_customer_id ON agreements (customer_id);

CREATE TABLE agreement_versions (
    agreement_id uniqueidentifier NOT NULL REFERENCES agreements (id),
    version int NOT NULL,
    policy_id uniqueidentifier NOT NULL REFERENCES policies (id),
    name nvarchar(200) NOT NULL,
    effective_from datetimeoffset NOT NULL,
    effective_to datetimeoffset NULL,
    renewal_date date NULL,
    covered_services nvarchar(max) NOT NULL,
    monthly_fee_amount decimal(18, 4) NOT NULL,
    monthly_fee_currency nchar(3) NOT NULL,
    credit_rules nvarchar(max) NOT NULL,
    version_effective_from datetimeoffset NOT NULL,
    PRIMARY KEY (agreement_id, version)
);

CREATE INDEX ix_agreement_versions_effective_to ON agreement_versions (effective_to);
CREATE INDEX ix_agreement_versions_renewal_date ON agreement_versions (renewal_date);

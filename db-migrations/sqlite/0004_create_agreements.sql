-- Money is decimal text so that no amount is rounded through a binary float.
CREATE TABLE agreements (
    id TEXT NOT NULL PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    current_version INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX ix_agreements_customer_id ON agreements (customer_id);

CREATE TABLE agreement_versions (
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    version INTEGER NOT NULL,
    policy_id TEXT NOT NULL REFERENCES policies (id),
    name TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    effective_to TEXT NULL,
    renewal_date TEXT NULL,
    covered_services TEXT NOT NULL,
    monthly_fee_amount TEXT NOT NULL,
    monthly_fee_currency TEXT NOT NULL,
    credit_rules TEXT NOT NULL,
    version_effective_from TEXT NOT NULL,
    PRIMARY KEY (agreement_id, version)
);

CREATE INDEX ix_agreement_versions_effective_to ON agreement_versions (effective_to);
CREATE INDEX ix_agreement_versions_renewal_date ON agreement_versions (renewal_date);

CREATE TABLE agreements (
    id uuid NOT NULL PRIMARY KEY,
    customer_id uuid NOT NULL REFERENCES customers (id),
    current_version integer NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE INDEX ix_agreements_customer_id ON agreements (customer_id);

CREATE TABLE agreement_versions (
    agreement_id uuid NOT NULL REFERENCES agreements (id),
    version integer NOT NULL,
    policy_id uuid NOT NULL REFERENCES policies (id),
    name varchar(200) NOT NULL,
    effective_from timestamptz NOT NULL,
    effective_to timestamptz NULL,
    renewal_date date NULL,
    covered_services text NOT NULL,
    monthly_fee_amount numeric(18, 4) NOT NULL,
    monthly_fee_currency char(3) NOT NULL,
    credit_rules text NOT NULL,
    version_effective_from timestamptz NOT NULL,
    PRIMARY KEY (agreement_id, version)
);

CREATE INDEX ix_agreement_versions_effective_to ON agreement_versions (effective_to);
CREATE INDEX ix_agreement_versions_renewal_date ON agreement_versions (renewal_date);

-- An agreement's own zone for its months, a cap on its monthly credits, the priced response tier it chose and the
-- clauses its SLA document states; a policy's priced response tiers; the tier an incident was bound under.
-- All optional: versions stored before them read as "none".
ALTER TABLE agreement_versions ADD COLUMN time_zone varchar(64) NULL;
ALTER TABLE agreement_versions ADD COLUMN credit_cap_percent numeric(9, 4) NULL;
ALTER TABLE agreement_versions ADD COLUMN response_tier varchar(100) NULL;
ALTER TABLE agreement_versions ADD COLUMN clauses text NULL;
ALTER TABLE policy_versions ADD COLUMN response_tiers text NULL;
ALTER TABLE incidents ADD COLUMN response_tier varchar(100) NULL;

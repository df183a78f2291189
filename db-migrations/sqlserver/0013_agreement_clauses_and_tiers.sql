-- An agreement's own zone for its months, a cap on its monthly credits, the priced response tier it chose and the
-- clauses its SLA document states; a policy's priced response tiers; the tier an incident was bound under.
-- All optional: versions stored before them read as "none".
ALTER TABLE agreement_versions ADD time_zone nvarchar(64) NULL, credit_cap_percent decimal(9, 4) NULL,
    response_tier nvarchar(100) NULL, clauses nvarchar(max) NULL;
ALTER TABLE policy_versions ADD response_tiers nvarchar(max) NULL;
ALTER TABLE incidents ADD response_tier nvarchar(100) NULL;

-- The teams a ticket passes through, in order, as a JSON array of team ids (docs/sla-semantics.md §9 "Escalation path");
-- null for none declared.
ALTER TABLE policy_versions ADD COLUMN escalation_path TEXT NULL;

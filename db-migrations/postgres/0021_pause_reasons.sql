-- The reasons a pause may be given for, as a JSON array of codes (sla-semantics §8 "Pause reasons"); null for any.
ALTER TABLE policy_versions ADD COLUMN pause_reasons text NULL;

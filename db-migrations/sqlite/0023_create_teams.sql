-- Teams an incident is assigned to, versioned like policies, each with its OLA targets per priority as JSON
-- (docs/sla-semantics.md §9); a team with a vendor is an outside supplier held to an underpinning contract.
CREATE TABLE teams (
    id TEXT NOT NULL PRIMARY KEY,
    current_version INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE team_versions (
    team_id TEXT NOT NULL REFERENCES teams (id),
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    calendar_id TEXT NOT NULL,
    vendor TEXT NULL,
    ola_targets TEXT NOT NULL,
    version_effective_from TEXT NOT NULL,
    PRIMARY KEY (team_id, version)
);

-- The team an assigned event hands the incident to; null for every other event.
ALTER TABLE incident_events ADD COLUMN team_id TEXT NULL;

-- Teams an incident is assigned to, versioned like policies, each with its OLA targets per priority as JSON
-- (docs/sla-semantics.md §9); a team with a vendor is an outside supplier held to an underpinning contract.
CREATE TABLE teams (
    id uuid NOT NULL PRIMARY KEY,
    current_version integer NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE team_versions (
    team_id uuid NOT NULL REFERENCES teams (id),
    version integer NOT NULL,
    name varchar(200) NOT NULL,
    calendar_id uuid NOT NULL,
    vendor varchar(200) NULL,
    ola_targets text NOT NULL,
    version_effective_from timestamptz NOT NULL,
    PRIMARY KEY (team_id, version)
);

-- The team an assigned event hands the incident to; null for every other event.
ALTER TABLE incident_events ADD COLUMN team_id uuid NULL;

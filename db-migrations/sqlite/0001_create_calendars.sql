-- Instants are ISO 8601 text in UTC, ids are GUID text; each version row is immutable.
CREATE TABLE calendars (
    id TEXT NOT NULL PRIMARY KEY,
    current_version INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE calendar_versions (
    calendar_id TEXT NOT NULL REFERENCES calendars (id),
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    week TEXT NOT NULL,
    holidays TEXT NOT NULL,
    version_effective_from TEXT NOT NULL,
    PRIMARY KEY (calendar_id, version)
);

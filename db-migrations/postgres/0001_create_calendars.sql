CREATE TABLE calendars (
    id uuid NOT NULL PRIMARY KEY,
    current_version integer NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE calendar_versions (
    calendar_id uuid NOT NULL REFERENCES calendars (id),
    version integer NOT NULL,
    name varchar(200) NOT NULL,
    time_zone varchar(64) NOT NULL,
    week text NOT NULL,
    holidays text NOT NULL,
    version_effective_from timestamptz NOT NULL,
    PRIMARY KEY (calendar_id, version)
);

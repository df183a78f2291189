CREATE TABLE calendars (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    current_version int NOT NULL,
    created_at datetimeoffset NOT NULL
);

CREATE TABLE calendar_versions (
    calendar_id uniqueidentifier NOT NULL REFERENCES calendars (id),
    version int NOT NULL,
    name nvarchar(200) NOT NULL,
    time_zone nvarchar(64) NOT NULL,
    week nvarchar(max) NOT NULL,
    holidays nvarchar(max) NOT NULL,
    version_effective_from datetimeoffset NOT NULL,
    PRIMARY KEY (calendar_id, version)
);

-- An incident's natural key is (source, externalId) within its customer: a key bound to one customer can neither
-- take nor detect another customer's ticket numbers (docs/decisions/ADR-006-tenant-natural-key.md). source comes first
-- so that a lookup by (source, externalId) alone still uses the index. The old constraint was created unnamed.
DECLARE @old sysname = (
    SELECT name FROM sys.key_constraints WHERE parent_object_id = OBJECT_ID(N'dbo.incidents') AND type = N'UQ');
DECLARE @drop nvarchar(300) = N'ALTER TABLE dbo.incidents DROP CONSTRAINT ' + QUOTENAME(@old);
EXEC sp_executesql @drop;
ALTER TABLE dbo.incidents ADD CONSTRAINT uq_incidents_ref_customer UNIQUE (source, external_id, customer_id);

-- Who ended a grant to a restricted record early, so the review list can name them (the audit
-- log records it too). Null while the grant runs, and for grants that ended by expiring.
alter table access_grants add column revoked_by text;

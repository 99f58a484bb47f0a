-- Citus-ready keys: every tenant table's primary key and unique indexes include council_id, so the
-- schema can be distributed by council_id (checked from the catalogue by test/tenancy-catalogue.test.ts).
-- Every foreign key between tenant tables already pairs council_id with council_id (0001-0004).
-- sessions keeps its key (sid): council_id is null before sign-in, so it stays a local table, not distributed.

-- record_flags had no primary key (a record can fail the same rule twice, so no natural key): a
-- surrogate one. Adding the identity column numbers the rows a council already holds.
alter table record_flags add column flag_id bigint generated always as identity;
alter table record_flags add constraint record_flags_pkey primary key (council_id, flag_id);

-- users: email and single-sign-on identity were unique across the deployment (0002), which a table
-- distributed by council_id cannot enforce. They become unique within a council; the columns sign-in
-- looks up by, before it knows the council, lead each index so that lookup still uses it. One account
-- per email across the deployment is now kept by the application (src/access/store.ts insertUser),
-- and sign-in matches no one when an address or identity is held in two councils.
-- The old indexes were stricter, so rows already held satisfy the new ones.
drop index users_email;
create unique index users_email on users (lower(email), council_id);
drop index users_oidc;
create unique index users_oidc on users (oidc_issuer, oidc_subject, council_id) where oidc_subject is not null;

-- The national view (issue 17 item 5): councils' de-identified returns, received by a national
-- tenant (council_id: the body that receives them, like "national"), and each import of them.
--
-- A return holds counts, FTE and rates over groups, with small groups suppressed (`c`) before it
-- leaves the council (src/national/model); nothing here names a person. No foreign key to
-- councils: the submitting council is a code in the return, not a tenant of this deployment.
create table national_returns (
  council_id text not null,
  return_council text not null,          -- the submitting council's code (the return's council.code)
  census_year integer not null check (census_year between 2000 and 2100),
  census_date date not null,
  council_name text not null,
  region text not null,
  format_version integer not null,
  document jsonb not null,               -- the return as received (checked by src/national/model/read.ts)
  import_id text not null,
  imported_at timestamptz not null default now(),
  primary key (council_id, census_year, return_council)
);

create table national_imports (
  council_id text not null,
  import_id text not null,
  imported_at timestamptz not null default now(),
  imported_by text not null,
  files integer not null,
  accepted integer not null,
  rejected integer not null,
  report jsonb not null,                 -- each file: accepted (council, year, replaced) or rejected (reasons)
  primary key (council_id, import_id)
);

-- The national analyst: reads the national view and nothing of any council's records (see
-- src/access/model). The users table's role list is widened to include it.
alter table users drop constraint if exists users_roles_check;
alter table users add constraint users_roles_check check (roles <@ array['practitioner', 'team_manager', 'service_manager', 'business_support',
  'performance_analyst', 'data_officer', 'system_administrator', 'auditor', 'national_analyst']::text[] and cardinality(roles) > 0);

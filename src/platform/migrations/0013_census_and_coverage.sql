-- What an import carried, beyond the register's rows (issue 13).
--
-- 1. The workforce census as received: one row per census date, and one per worker and census
--    date, with the fields the register has no place for (Cases30, FTE30, OrgRole, the agency
--    flag, absence and leaving). The DfE caseload measure and the workforce rates can then be
--    computed from the council's own census as well as from the register. A later import of the
--    same census date replaces that date's rows; other dates are kept.
create table census_returns (
  council_id text not null references councils (council_id),
  census_date date not null,
  vacancies_fte numeric not null,
  agency_fte numeric not null,
  agency_headcount integer not null,
  workers integer not null,
  import_id text not null,
  imported_at timestamptz not null default now(),
  primary key (council_id, census_date)
);

create table census_workers (
  council_id text not null,
  census_date date not null,
  swe_number text not null,
  -- The register's worker the census row was matched to (by Social Work England number), if any.
  practitioner_id text,
  agency boolean not null,
  fte numeric,
  fte30 numeric,
  org_role text,
  role_start date,
  role_end date,
  start_origin text,
  leaver_destination text,
  reason_leave text,
  cases30 integer,
  working_days_lost numeric,
  absent_on_30_sept boolean,
  reason_absence text,
  primary key (council_id, census_date, swe_number),
  foreign key (council_id, census_date) references census_returns (council_id, census_date) on delete cascade
);

-- 2. Which activities' completion each source's last import could show: an activity whose
--    completion no imported source records is "not in your data" on a schedule, never overdue.
--    Each import of a case-data source (SSD, CIN census, SSDA903) replaces that source's rows.
--    A council with no rows (the demo council, or one entering records in Caseweight) records
--    everything itself.
create table import_coverage (
  council_id text not null references councils (council_id),
  source text not null check (source in ('ssd', 'cin', '903')),
  activity_code text not null,
  carried boolean not null,
  -- Where the completion comes from (an SSD table and field), or why it is not carried.
  basis text not null,
  import_id text not null,
  primary key (council_id, source, activity_code)
);

-- The register: who works here, which children are open to us, and who holds which case when.
-- Every table carries council_id first, so one deployment can host several councils and the
-- schema can be distributed by council_id (Citus) later.

create table councils (
  council_id text primary key,
  name text not null,
  la_code text,                                  -- DfE local authority code, e.g. '202'
  created_at timestamptz not null default now()
);

create table teams (
  council_id text not null references councils (council_id),
  team_id text not null,
  name text not null,
  service text not null check (service in (
    'front_door', 'assessment', 'child_in_need', 'child_protection', 'children_in_care',
    'care_leavers', 'family_help', 'disabled_children', 'court', 'other')),
  parent_team_id text,
  primary key (council_id, team_id)
);

create table practitioners (
  council_id text not null references councils (council_id),
  practitioner_id text not null,
  name text not null,
  team_id text not null,
  role text not null check (role in (
    'social_worker', 'senior_practitioner', 'team_manager',
    'family_help_practitioner', 'family_support_worker')),
  swe_number text check (swe_number is null or swe_number ~ '^[A-Z]{2}[0-9]{10}$'),
  staff_id text,
  qualified_on date,
  asye_start date,
  agency boolean not null default false,
  fte numeric(7, 6) not null check (fte >= 0 and fte <= 1),
  contracted_weekly_hours numeric(5, 2) not null check (contracted_weekly_hours >= 0 and contracted_weekly_hours <= 60),
  working_pattern text not null default 'full_time' check (working_pattern in (
    'full_time', 'part_time', 'compressed_hours', 'term_time', 'job_share')),
  started_on date not null,
  left_on date,
  primary key (council_id, practitioner_id),
  foreign key (council_id, team_id) references teams (council_id, team_id),
  check (left_on is null or left_on >= started_on)
);
create unique index practitioners_swe_number on practitioners (council_id, swe_number) where swe_number is not null;

create table absences (
  council_id text not null references councils (council_id),
  absence_id text not null,
  practitioner_id text not null,
  kind text not null check (kind in ('annual_leave', 'sickness', 'parental', 'training', 'other')),
  start_date date not null,
  end_date date not null,
  primary key (council_id, absence_id),
  foreign key (council_id, practitioner_id) references practitioners (council_id, practitioner_id),
  check (end_date >= start_date)
);
create index absences_practitioner on absences (council_id, practitioner_id);

-- Establishment: a post covered by an agency worker still counts as vacant (DfE definition),
-- so cover is recorded apart from status.
create table posts (
  council_id text not null references councils (council_id),
  post_id text not null,
  team_id text not null,
  role text not null,
  fte numeric(7, 6) not null check (fte > 0 and fte <= 1),
  status text not null check (status in ('filled', 'vacant')),
  held_by text,                                 -- the permanent holder, when filled
  covered_by text,                              -- an agency worker covering a vacancy
  primary key (council_id, post_id),
  foreign key (council_id, team_id) references teams (council_id, team_id),
  check ((status = 'filled') = (held_by is not null))
);

create table children (
  council_id text not null references councils (council_id),
  child_id text not null,
  name text not null,
  date_of_birth date,
  sex text check (sex in ('M', 'F', 'U')),
  family_id text,                               -- siblings share it
  restricted boolean not null default false,    -- needs an explicit grant to read (issue 3)
  primary key (council_id, child_id)
);
create index children_family on children (council_id, family_id);

create table case_episodes (
  council_id text not null references councils (council_id),
  episode_id text not null,
  child_id text not null,
  kind text not null check (kind in (
    'family_help', 'referral', 's47', 'cin_plan', 'cp_plan', 'looked_after', 'care_leaver',
    'court_proceedings')),
  start_date date not null,
  end_date date,
  placement_distance_miles numeric(6, 1),       -- looked_after: one episode per placement (as SSDA903)
  placement_long_term boolean,                  -- placement intended to last until 18 (reg. 28)
  s47_outcome text check (s47_outcome in ('conference', 'no_further_action')),
  primary key (council_id, episode_id),
  foreign key (council_id, child_id) references children (council_id, child_id),
  check (end_date is null or end_date >= start_date)
);
create index case_episodes_child on case_episodes (council_id, child_id);

create table complexity_factors (
  council_id text not null references councils (council_id),
  factor_id text not null,
  child_id text not null,
  factor text not null check (factor in ('interpreter', 'disability', 'exploitation', 'missing')),
  start_date date not null,
  end_date date,
  primary key (council_id, factor_id),
  foreign key (council_id, child_id) references children (council_id, child_id)
);
create index complexity_factors_child on complexity_factors (council_id, child_id);

-- Who held which case when. 'lead' is the allocated worker whose workload the case counts in.
create table allocations (
  council_id text not null references councils (council_id),
  allocation_id text not null,
  child_id text not null,
  practitioner_id text not null,
  team_id text not null,
  role text not null default 'lead' check (role in ('lead', 'support')),
  start_date date not null,
  end_date date,
  primary key (council_id, allocation_id),
  foreign key (council_id, child_id) references children (council_id, child_id),
  foreign key (council_id, practitioner_id) references practitioners (council_id, practitioner_id),
  check (end_date is null or end_date >= start_date)
);
create index allocations_practitioner on allocations (council_id, practitioner_id);
create index allocations_child on allocations (council_id, child_id);

-- Work done, as recorded in the case management system (visits, reviews, conferences).
create table recorded_activities (
  council_id text not null references councils (council_id),
  recorded_id text not null,
  child_id text not null,
  activity_code text not null,
  occurred_on date not null,
  practitioner_id text,
  hours numeric(6, 2),
  primary key (council_id, recorded_id),
  foreign key (council_id, child_id) references children (council_id, child_id)
);
create index recorded_activities_child on recorded_activities (council_id, child_id, activity_code);

-- The workload model's configuration, versioned: a figure keeps the version it was computed with.
create table workload_configs (
  council_id text not null references councils (council_id),
  version integer not null check (version > 0),
  config jsonb not null,
  note text not null default '',
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (council_id, version)
);

-- Daily workload snapshots: one row per practitioner in post per day, as the model computed it
-- that day with the configuration version then in force. Trends and "over the safe band since"
-- come from here; old rows are never recomputed when the model changes.
create table workload_snapshots (
  council_id text not null references councils (council_id),
  snapshot_date date not null,
  practitioner_id text not null,
  team_id text not null,
  role text not null,
  fte numeric(7, 6) not null,
  agency boolean not null,
  in_asye boolean not null,
  cases integer not null,
  demand_low numeric(9, 2) not null,
  demand_central numeric(9, 2) not null,
  demand_high numeric(9, 2) not null,
  casework_hours numeric(9, 2) not null,
  band text not null check (band in ('green', 'amber', 'red', 'none')),
  config_version integer not null,
  primary key (council_id, snapshot_date, practitioner_id)
);
create index workload_snapshots_team on workload_snapshots (council_id, team_id, snapshot_date);

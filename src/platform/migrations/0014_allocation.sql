-- Allocation (issue 14): the decisions a manager makes in Caseweight, why, and whether the case
-- management system has caught up with them. The allocation itself is a row in `allocations`
-- (written in the same transaction); a decision keeps what the manager chose and said.
create table allocation_decisions (
  council_id text not null references councils (council_id),
  decision_id text not null,
  child_id text not null,
  -- The worker given the case, and the one it came from (null for a case nobody held).
  practitioner_id text not null,
  previous_practitioner_id text,
  team_id text not null,
  allocation_id text not null,
  reason_code text not null check (reason_code in (
    'new_case', 'worker_left', 'workload_adjustment', 'change_of_need', 'risk_to_staff', 'transfer_in', 'other'
  )),
  note text not null,
  effective_date date not null,
  -- The suggestion ranked first when the manager chose, so a chosen-against-suggestion decision can be seen.
  suggested_practitioner_id text,
  -- A rule the manager overrode with a reason (an ASYE worker's child protection lead; siblings split).
  override_reason text,
  plan_id text,
  decided_by text not null,
  decided_by_name text not null,
  decided_at timestamptz not null default now(),
  -- 'recorded' until an import shows the same allocation ('confirmed') or a different one ('mismatch').
  status text not null default 'recorded' check (status in ('recorded', 'confirmed', 'mismatch')),
  checked_import_id text,
  mismatch text,
  primary key (council_id, decision_id),
  foreign key (council_id, child_id) references children (council_id, child_id),
  foreign key (council_id, practitioner_id) references practitioners (council_id, practitioner_id),
  foreign key (council_id, allocation_id) references allocations (council_id, allocation_id)
);
create index allocation_decisions_child on allocation_decisions (council_id, child_id);
create index allocation_decisions_status on allocation_decisions (council_id, status);

-- Declared conflicts of interest: a worker who must not hold a child's (or a family's) case.
create table allocation_conflicts (
  council_id text not null references councils (council_id),
  conflict_id text not null,
  practitioner_id text not null,
  child_id text,
  family_id text,
  reason text not null,
  declared_by text not null,
  declared_at timestamptz not null default now(),
  ended_at timestamptz,
  primary key (council_id, conflict_id),
  foreign key (council_id, practitioner_id) references practitioners (council_id, practitioner_id),
  check (child_id is not null or family_id is not null)
);
create index allocation_conflicts_practitioner on allocation_conflicts (council_id, practitioner_id);

-- The council's allocation rules (who may hold what, ASYE limits), versioned like the workload settings.
create table allocation_settings (
  council_id text not null references councils (council_id),
  version integer not null check (version > 0),
  settings jsonb not null,
  note text not null,
  created_by text not null,
  created_by_name text,
  created_at timestamptz not null default now(),
  primary key (council_id, version)
);

-- Tasks handed to business support (issue 16, items 1, 2 and 6). A practitioner or manager hands a
-- typed task on a case (a letter, minutes, a booking, chasing a school or GP, a court bundle) to
-- the team's business support queue or a named person, who claims it, works it and hands it back
-- done, or returns it with a question. `details` holds only what the task needs (for a letter the
-- addressee, for minutes the meeting): business support sees the task, never the child's record.
-- A task's hours come from the workload model's configuration, not from this table, so a council
-- that recalibrates them moves every open task at once.
create table tasks (
  council_id text not null references councils (council_id),
  task_id text not null,
  child_id text not null,
  -- The queue it goes to: the team of the person who asked (the case's team when a manager asks).
  team_id text not null,
  type text not null check (type in ('letter', 'minutes', 'room_booking', 'interpreter_booking', 'chase_information', 'court_bundle', 'other')),
  title text not null check (length(title) between 1 and 120),
  instructions text not null check (length(instructions) between 1 and 5000),
  details jsonb not null default '{}'::jsonb,
  due_on date not null,
  status text not null check (status in ('open', 'claimed', 'returned', 'done', 'cancelled')),
  -- A named person in business support, or null for the team's queue.
  assigned_to text,
  claimed_by text,
  claimed_by_name text,
  claimed_at timestamptz,
  requested_by text not null,
  requested_by_name text not null,
  requested_at timestamptz not null,
  -- The latest question business support returned it with, and the asker's answer.
  question text,
  answer text,
  outcome text,
  done_at timestamptz,
  -- The case note the hand-back added to the child's record (written through recording's service).
  note_id text,
  -- When the asker saw it handed back (the "handed back" list shows it until then).
  acknowledged_at timestamptz,
  updated_at timestamptz not null,
  check ((status = 'done') = (done_at is not null)),
  check (status not in ('claimed', 'returned', 'done') or claimed_by is not null),
  check (status <> 'returned' or question is not null),
  primary key (council_id, task_id),
  foreign key (council_id, child_id) references children (council_id, child_id),
  foreign key (council_id, team_id) references teams (council_id, team_id)
);
create index tasks_queue on tasks (council_id, team_id, status, due_on);
create index tasks_child on tasks (council_id, child_id);
create index tasks_requested_by on tasks (council_id, requested_by, status);

-- Business support's working time (item 2). They are not in the register's practitioners (that
-- table feeds the DfE workforce census of social workers), so their contracted hours live here,
-- set by their team manager or a service manager (HR's figure), one row per person; FTE is
-- these hours over the workload model's full-time week. Nobody set: the model's full-time week.
create table support_capacity (
  council_id text not null references councils (council_id),
  user_id text not null,
  weekly_hours numeric(5, 2) not null check (weekly_hours > 0 and weekly_hours <= 60),
  set_by text not null,
  set_at timestamptz not null,
  primary key (council_id, user_id)
);

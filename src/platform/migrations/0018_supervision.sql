-- Supervision (issue 16, items 3, 4 and 6). A session between a supervisor and a supervisee,
-- kept in two parts (DOMAIN.md §10): the case decisions and actions per child, each of which is
-- also posted to that child's record as a case note through the recording service (this table
-- keeps only which note it became), and the reflective part (wellbeing, development), which is
-- never on a child's record and so never in a child's subject access bundle.
create table supervision_sessions (
  council_id text not null references councils (council_id),
  session_id text not null,
  supervisee_id text not null,
  -- The supervisor's account (who recorded it) and, when they hold a practitioner record, that
  -- record, so the session counts in their capacity too. Seeded history has no account.
  supervisor_user_id text,
  supervisor_practitioner_id text,
  supervisor_name text not null,
  held_on date not null,
  minutes integer not null check (minutes between 5 and 480),
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (council_id, session_id),
  foreign key (council_id, supervisee_id) references practitioners (council_id, practitioner_id),
  foreign key (council_id, supervisor_practitioner_id) references practitioners (council_id, practitioner_id),
  check (supervisor_practitioner_id is null or supervisor_practitioner_id <> supervisee_id)
);
create index supervision_sessions_supervisee on supervision_sessions (council_id, supervisee_id, held_on);
create index supervision_sessions_supervisor on supervision_sessions (council_id, supervisor_practitioner_id, held_on);

-- The reflective part: one row per session at most, apart from the outline so that no query for
-- the schedule, the capacity or a list ever reads it by accident.
create table supervision_reflections (
  council_id text not null references councils (council_id),
  session_id text not null,
  wellbeing text not null default '',
  development text not null default '',
  primary key (council_id, session_id),
  foreign key (council_id, session_id) references supervision_sessions (council_id, session_id)
);

-- Which case notes the session's decisions became (the notes themselves are recording's).
create table supervision_case_items (
  council_id text not null references councils (council_id),
  session_id text not null,
  item_no integer not null check (item_no >= 1),
  child_id text not null,
  note_id text not null,
  primary key (council_id, session_id, item_no),
  foreign key (council_id, session_id) references supervision_sessions (council_id, session_id),
  foreign key (council_id, child_id) references children (council_id, child_id)
);

-- The supervisee's own comments on a session (as private as the reflective part).
create table supervision_comments (
  council_id text not null references councils (council_id),
  comment_id text not null,
  session_id text not null,
  author_user_id text not null,
  author_name text not null,
  text text not null check (length(text) between 1 and 5000),
  written_at timestamptz not null,
  primary key (council_id, comment_id),
  foreign key (council_id, session_id) references supervision_sessions (council_id, session_id)
);
create index supervision_comments_session on supervision_comments (council_id, session_id, written_at);

-- The council's supervision policy, versioned like the allocation rules: the schedule (with its
-- source) and who beyond the two people may read the reflective part.
create table supervision_settings (
  council_id text not null references councils (council_id),
  version integer not null check (version > 0),
  settings jsonb not null,
  note text not null,
  created_by text not null,
  created_by_name text,
  created_at timestamptz not null default now(),
  primary key (council_id, version)
);

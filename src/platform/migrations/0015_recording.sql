-- Recording (issue 15): a visit, contact or meeting as the worker records it in Caseweight. The
-- statutory schedule reads completed work from `recorded_activities` (one row written in the same
-- transaction, so the next visit falls due from this one's actual date); this row keeps what the
-- register row cannot: when it happened and when it was recorded, whether the child was seen and
-- seen alone, who attended, the time spent by kind, and the note.
create table recordings (
  council_id text not null references councils (council_id),
  recording_id text not null,
  child_id text not null,
  activity_code text not null,
  recorded_id text not null,
  happened_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  recorded_by text not null,
  recorded_by_name text not null,
  practitioner_id text,
  -- Two separate facts: seen at all, and seen alone (null: not asked, e.g. a meeting without the child).
  child_seen boolean,
  seen_alone boolean,
  attendees text not null default '',
  direct_minutes integer not null default 0 check (direct_minutes between 0 and 1440),
  travel_minutes integer not null default 0 check (travel_minutes between 0 and 1440),
  recording_minutes integer not null default 0 check (recording_minutes between 0 and 1440),
  meeting_minutes integer not null default 0 check (meeting_minutes between 0 and 1440),
  note text not null default '',
  check (seen_alone is not true or child_seen is true),
  primary key (council_id, recording_id),
  foreign key (council_id, child_id) references children (council_id, child_id),
  foreign key (council_id, recorded_id) references recorded_activities (council_id, recorded_id),
  foreign key (council_id, practitioner_id) references practitioners (council_id, practitioner_id)
);
create index recordings_child on recordings (council_id, child_id, happened_at);
create index recordings_practitioner on recordings (council_id, practitioner_id, happened_at);

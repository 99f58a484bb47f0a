-- Case notes (issue 15, item 2): one row per version of a note. A note is a draft until its author
-- marks it final; a final version never changes (the trigger below refuses any UPDATE of one, so
-- neither a bug nor a hand-typed statement can rewrite the record); a correction is the next
-- version of the same note, `supersedes` naming the one it replaces, and the original stays.
-- A back-dated note keeps both dates: `happened_on` (the day it is about) and `written_at`.
create table case_notes (
  council_id text not null references councils (council_id),
  note_id text not null,
  version integer not null check (version >= 1),
  child_id text not null,
  type text not null check (type in ('case_note', 'manager_oversight', 'case_decision')),
  text text not null check (length(text) between 1 and 20000),
  status text not null check (status in ('draft', 'final')),
  significant boolean not null default false,
  happened_on date not null,
  written_at timestamptz not null,
  -- When a draft was last saved, and when the version became final.
  updated_at timestamptz not null,
  finalised_at timestamptz,
  author_user_id text not null,
  author_name text not null,
  supersedes integer,
  correction_reason text,
  check ((version = 1 and supersedes is null) or (version > 1 and supersedes = version - 1 and correction_reason is not null)),
  check ((status = 'final') = (finalised_at is not null)),
  primary key (council_id, note_id, version),
  foreign key (council_id, child_id) references children (council_id, child_id),
  foreign key (council_id, note_id, supersedes) references case_notes (council_id, note_id, version)
);
create index case_notes_child on case_notes (council_id, child_id, written_at);

create function case_notes_final_unchanged() returns trigger language plpgsql as $$
begin
  raise exception 'case note % version % is final: a correction is a new version', old.note_id, old.version;
end;
$$;
create trigger case_notes_final_no_update before update on case_notes
  for each row when (old.status = 'final') execute function case_notes_final_unchanged();

-- Imports of the council's own data (SSD extract, CIN census, SSDA903, workforce census).
-- The register's tables are left as they are: where a row came from, and any DfE rule it
-- fails, are kept beside it, so council-entered rows and imported rows look the same to the model.

-- Every import, confirmed or stopped: who, when, which files (with hashes), what changed.
create table imports (
  council_id text not null references councils (council_id),
  import_id text not null,
  format text not null check (format in ('ssd', 'cin', '903', 'csww')),
  status text not null check (status in ('imported', 'unchanged', 'stopped')),
  imported_by text not null,
  imported_at timestamptz not null default now(),
  extract_date date not null,
  files jsonb not null,                         -- [{name, bytes, sha256, recognisedAs, rows, encoding}]
  counts jsonb not null,                        -- {table: {added, changed, closed, unchanged, rejected}}
  problem_counts jsonb not null,                -- [{severity, code, count}]
  report jsonb not null,                        -- the full report, as shown at the time
  primary key (council_id, import_id)
);
create index imports_recent on imports (council_id, imported_at desc);

-- Register rows an import vouches for, by source: a later extract of the same source closes
-- the open ones it no longer lists; rows entered in Caseweight are never closed by an import.
create table import_records (
  council_id text not null references councils (council_id),
  source text not null,
  entity text not null,
  register_id text not null,
  external_id text not null,
  import_id text not null,
  primary key (council_id, source, entity, register_id)
);
create index import_records_external on import_records (council_id, source, entity, external_id);

-- Content-rule failures (DfE validation rules where one exists), flagged on the record so it
-- can be fixed at source. Each import of a source replaces that source's flags.
create table record_flags (
  council_id text not null references councils (council_id),
  source text not null,
  entity text not null,
  record_id text not null,
  rule_code text,
  field text,
  message text not null,
  import_id text not null
);
create index record_flags_record on record_flags (council_id, entity, record_id);

-- Per-council import configuration: involvement role codes → lead / support / ignore.
create table import_settings (
  council_id text primary key references councils (council_id),
  role_mapping jsonb not null,
  updated_by text not null,
  updated_at timestamptz not null default now()
);

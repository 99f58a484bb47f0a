-- Uploaded and recorded files (a family portal's documents, recorded visits' audio): one row per
-- stored file. The bytes live in a FileStore (platform/files.ts: a folder outside the web root
-- today, an S3-compatible store later) under the council's own prefix and a random id; this row
-- says what they are and which record owns them, so the owner deletes its file rows in the same
-- transaction as its record.
--
-- A file is deleted in two steps: the owning area's transaction marks the row (deleted_at) with
-- its record, so a rollback keeps both; after the commit the bytes are removed and the row with
-- them. The files sweep (a scheduled job) finishes any removal a crash interrupted, and removes
-- bytes that never got a row (an upload whose record's transaction rolled back).
create table files (
  council_id text not null references councils (council_id),
  file_id uuid not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  bytes bigint not null check (bytes >= 0),
  content_type text,
  label text,                                    -- the client's file name, shown only, never a path
  owner_area text not null,                      -- e.g. 'portal', 'recording'
  owner_type text not null,                      -- e.g. 'document', 'visit_audio'
  owner_id text not null,
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  primary key (council_id, file_id)
);
create index files_owner on files (council_id, owner_area, owner_type, owner_id);
create index files_deleted on files (council_id, deleted_at) where deleted_at is not null;

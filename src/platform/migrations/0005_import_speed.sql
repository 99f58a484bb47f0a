-- Faster imports (issue 8, item 7).
--
-- import_records_external (council_id, source, entity, external_id) serves no query: imports
-- read a source's records by (council_id, source), which the primary key's leading columns
-- answer (EXPLAIN picks the primary key once this index is gone), and match on external_id in
-- memory (src/imports/sync.ts, adopt.ts). Every vouched row still paid to maintain it: on
-- PostgreSQL 15 with 670,000 rows held, writing 153,000 records took 3.9-4.2 s without it
-- against 4.5-5.2 s with it.
drop index if exists import_records_external;

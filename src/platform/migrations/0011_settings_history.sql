-- The workload model's settings history (issue 12): who saved each version, by the name they had
-- then (an account can be renamed or removed later; the history must still say who), and, for a
-- version that restores an earlier one, which. The note is the reason, required on every save.
alter table workload_configs add column created_by_name text;
alter table workload_configs add column restored_from integer check (restored_from is null or restored_from > 0);

-- Cases held by someone with no casework time this month (absent all month, or a role with no
-- casework share) are work needing cover, a band of their own ('cover'), counted apart from
-- people over the safe band. Snapshots taken before this migration keep 'red' for them.
alter table workload_snapshots drop constraint if exists workload_snapshots_band_check;
alter table workload_snapshots add constraint workload_snapshots_band_check check (band in ('green', 'amber', 'red', 'cover', 'none'));

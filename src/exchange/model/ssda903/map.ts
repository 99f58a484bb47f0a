import type { AllocationRow, EpisodeRow, FactorRow, RecordedRow } from '../../../kernel/register.ts';
import type { Row903, Tables903 } from '../../../standards/ssda903/read.ts';
import type { ReportBuilder } from '../../../standards/report.ts';
import { attributeRecorded, COURT_LEGAL_STATUSES } from '../ssd/map.ts';
import { emptySnapshot, type IncomingChild, type RegisterEntity, type Snapshot } from '../snapshot.ts';
import type { RegisterState } from '../sync.ts';
import { longTermFromPlacementType } from '../placements.ts';
import { coverageFrom, SSDA903_COMPLETION } from '../coverage.ts';

export interface Map903Options {
  councilId: string;
  /** The council's register: 903 rows join the children, workers and episodes already held. */
  register: Omit<RegisterState, 'sourced'>;
  /** Children whose header row the reader rejected: their other rows are left out too, saying why. */
  rejectedChildren?: ReadonlySet<string>;
}


/** 903 rows have no ids of their own: the register id is the table, the child and the row's date. */
export const id903 = (kind: 'LA' | 'CP' | 'MIS' | 'REV' | 'SW', child: string, date: string) => `903-${kind}-${child}-${date}`;

const SWE = /^[A-Z]{2}\d{10}$/;
const v = (r: Row903, column: string): string | null => r.values[column] ?? null;

/**
 * SSDA903 tables → register rows (pure). Children keep the id the SSD and CIN census use
 * (CHILD); names, families and restriction, which the 903 does not carry, stay as held. Rows
 * matching one the register already holds (same child, kind and start) update it rather than
 * add a second, so a council that also imports its SSD does not count a placement twice.
 */
export function map903(tables: Tables903, options: Map903Options, report: ReportBuilder): Snapshot {
  const s = emptySnapshot();
  s.closes = ['episodes', 'factors', 'allocations'];
  s.keepOpen = [...(options.rejectedChildren ?? [])];
  const c = options.councilId;
  const reg = options.register;
  const rows = (t: string): Row903[] => tables.get(t) ?? [];
  const reject = (e: RegisterEntity) => (s.rejected[e] = (s.rejected[e] ?? 0) + 1);
  const flag = (row: Row903, entity: RegisterEntity, recordId: string) => {
    for (const i of row.issues) s.flags.push({ entity, recordId, code: i.code, field: i.field, message: i.message });
  };

  // Children: the header, plus any the register already holds.
  const heldChildren = new Map(reg.children.map((ch) => [ch.child_id, ch]));
  const known = new Set(heldChildren.keys());
  for (const r of rows('header')) {
    const id = v(r, 'CHILD')!;
    const held = heldChildren.get(id);
    const child: IncomingChild = {
      council_id: c, child_id: id, name: held?.name ?? `Child ${id}`, date_of_birth: v(r, 'DOB') ?? held?.date_of_birth ?? null,
      sex: sexCode(v(r, 'SEX')) ?? held?.sex ?? null, family_id: held?.family_id ?? null, restricted: held?.restricted ?? false,
      unknown: held ? ['name', 'family_id', 'restricted'] : [],
    };
    s.children.push(child);
    known.add(id);
    flag(r, 'children', id);
  }
  // A row whose child is nowhere is left out, with the reason; the rest of the set imports.
  const childOf = (r: Row903, entity: RegisterEntity = 'children'): string | undefined => {
    const id = v(r, 'CHILD')!;
    if (known.has(id)) return id;
    reject(entity);
    const key = `CHILD ${id}`;
    if (options.rejectedChildren?.has(id)) {
      report.reject(r.file, `CHILD "${id}" has no header row that could be imported (see the rows not imported), so this row was not imported either.`, { line: r.line, field: 'CHILD', key });
      return undefined;
    }
    const padded = [...known].find((k) => k.replace(/^0+/, '') === id.replace(/^0+/, '') && k !== id);
    report.reject(r.file, `CHILD "${id}" is not in the header table or the register, so this row was not imported.${padded ? ` The header has "${padded}": Excel may have removed leading zeros. Export the files again without opening them in Excel.` : ' Include the child in the header table of the same return.'}`, { line: r.line, field: 'CHILD', key });
    return undefined;
  };
  const heldBy = <T extends { child_id: string }>(list: readonly T[], match: (x: T) => boolean) => {
    const map = new Map<string, T[]>();
    for (const x of list) if (match(x)) map.set(x.child_id, [...(map.get(x.child_id) ?? []), x]);
    return map;
  };
  const heldEpisodes = heldBy(reg.episodes, () => true);
  // Two held episodes can share a start (a placement that ended the day it began, which the 903
  // cannot carry, and the next one): prefer the one whose end matches, then one that lasted.
  const sameStart = (child: string, kind: string, start: string, end?: string | null) => {
    const candidates = (heldEpisodes.get(child) ?? []).filter((e) => e.kind === kind && e.start_date === start);
    return candidates.find((e) => end !== undefined && e.end_date === end) ?? candidates.find((e) => e.end_date !== e.start_date) ?? candidates[0];
  };

  // Episodes: one looked-after episode per 903 episode, except that a change of legal status
  // alone (RNE L) keeps the same placement, so it continues the episode before it.
  const episodes = new Map<string, Row903[]>();
  for (const r of rows('episodes')) {
    const child = childOf(r, 'episodes');
    if (child) episodes.set(child, [...(episodes.get(child) ?? []), r]);
  }
  for (const [child, list] of episodes) {
    list.sort((a, b) => v(a, 'DECOM')!.localeCompare(v(b, 'DECOM')!));
    let current: EpisodeRow | undefined;
    let court: EpisodeRow | undefined;
    const courts: EpisodeRow[] = [];
    for (const r of list) {
      const start = v(r, 'DECOM')!;
      const end = v(r, 'DEC');
      if (end !== null && end < start) {
        reject('episodes');
        s.keepOpen.push(child); // rule 356, already reported: the register cannot hold an episode that ends before it starts
        continue;
      }
      const continues = current !== undefined && v(r, 'RNE') === 'L' && current.end_date === start;
      if (continues && current) {
        current.end_date = end;
        flag(r, 'episodes', current.episode_id);
      } else {
        const held = sameStart(child, 'looked_after', start, end);
        const distance = v(r, 'PL_DISTANCE');
        const longTerm = longTermFromPlacementType(v(r, 'PLACE'));
        current = {
          council_id: c, episode_id: held?.episode_id ?? id903('LA', child, start), child_id: child, kind: 'looked_after', start_date: start, end_date: end,
          placement_distance_miles: distance !== null && distance !== undefined ? Number(distance) : held?.placement_distance_miles ?? null,
          placement_long_term: longTerm ?? held?.placement_long_term ?? null, s47_outcome: null,
        };
        s.episodes.push(current);
        flag(r, 'episodes', current.episode_id);
      }
      // An interim care order (C1) means care proceedings are under way; runs of C1 episodes make one court episode.
      if (COURT_LEGAL_STATUSES.has(v(r, 'LS') ?? '')) {
        if (court && court.end_date === start) court.end_date = end;
        else {
          court = { council_id: c, episode_id: id903('CP', child, start), child_id: child, kind: 'court_proceedings', start_date: start, end_date: end, placement_distance_miles: null, placement_long_term: null, s47_outcome: null };
          courts.push(court);
        }
      } else court = undefined;
    }
    for (const run of courts) s.episodes.push(joinHeldCourt(run, heldEpisodes.get(child) ?? [], list));
  }

  // Missing and away from placement without authorisation: both are the 'missing' factor.
  const heldMissing = heldBy(reg.factors, (f) => f.factor === 'missing');
  for (const r of rows('missing')) {
    const child = childOf(r, 'factors');
    if (!child) continue;
    const start = v(r, 'MIS_START')!;
    const end = v(r, 'MIS_END');
    if (end !== null && end < start) {
      reject('factors');
      s.keepOpen.push(child); // rule 567, already reported
      continue;
    }
    const held = (heldMissing.get(child) ?? []).find((f) => f.start_date === start);
    const factor: FactorRow = { council_id: c, factor_id: held?.factor_id ?? id903('MIS', child, start), child_id: child, factor: 'missing', start_date: start, end_date: end };
    s.factors.push(factor);
    flag(r, 'factors', factor.factor_id);
  }

  // Social worker episodes (2024 on): lead allocations, for workers the register already holds.
  const workers = new Map<string, string>();
  for (const p of reg.practitioners) {
    workers.set(p.practitioner_id, p.practitioner_id);
    if (p.staff_id) workers.set(p.staff_id, p.practitioner_id);
    if (p.swe_number) workers.set(p.swe_number, p.practitioner_id);
  }
  const teamOf = new Map(reg.practitioners.map((p) => [p.practitioner_id, p.team_id]));
  const heldAllocations = heldBy(reg.allocations, () => true);
  for (const r of rows('social_worker')) {
    const child = childOf(r, 'allocations');
    if (!child) continue;
    const raw = v(r, 'SW_ID')!;
    const swe = raw.replace(/\s+/g, '').toUpperCase();
    const worker = workers.get(SWE.test(swe) ? swe : raw);
    const start = v(r, 'SW_DECOM')!;
    const end = v(r, 'SW_DEC');
    if (!worker || (end !== null && end < start)) {
      report.reject(r.file, worker ? `The social worker episode ends (${end}) before it starts (${start}), so it was not imported.` : `Social worker "${raw}" is not in the register, so this episode was not imported. Import the SSD extract or workforce census first, which bring the council's social workers.`, { line: r.line, field: worker ? 'SW_DEC' : 'SW_ID', key: `CHILD ${child}, SW_DECOM ${start}` });
      reject('allocations');
      continue;
    }
    const held = (heldAllocations.get(child) ?? []).find((a) => a.practitioner_id === worker && a.start_date === start);
    const allocation: AllocationRow = {
      council_id: c, allocation_id: held?.allocation_id ?? id903('SW', child, start), child_id: child, practitioner_id: worker,
      team_id: held?.team_id ?? teamOf.get(worker)!, role: 'lead', start_date: start, end_date: end,
    };
    s.allocations.push(allocation);
    flag(r, 'allocations', allocation.allocation_id);
  }

  // Reviews: recorded looked-after reviews, credited to whoever held the child that day.
  const heldReviews = heldBy(reg.recorded, (x) => x.activity_code === 'lac_review');
  for (const r of rows('reviews')) {
    const child = childOf(r, 'recorded');
    if (!child) continue;
    const on = v(r, 'REVIEW')!;
    const held = (heldReviews.get(child) ?? []).find((x) => x.occurred_on === on);
    const review: RecordedRow = { council_id: c, recorded_id: held?.recorded_id ?? id903('REV', child, on), child_id: child, activity_code: 'lac_review', occurred_on: on, practitioner_id: null, hours: held?.hours ?? null };
    s.recorded.push(review);
    flag(r, 'recorded', review.recorded_id);
  }
  const incoming = new Set(s.allocations.map((a) => a.allocation_id));
  attributeRecorded({ allocations: [...reg.allocations.filter((a) => !incoming.has(a.allocation_id)), ...s.allocations], recorded: s.recorded });
  // Who did a review the register already holds is the council's record; the 903 cannot say, so it stands.
  const heldWorker = new Map(reg.recorded.filter((x) => x.practitioner_id !== null).map((x) => [x.recorded_id, x.practitioner_id]));
  for (const x of s.recorded) x.practitioner_id = heldWorker.get(x.recorded_id) ?? x.practitioner_id;

  // The outcome and adoption tables describe the child, not work a social worker must do, so
  // they are checked but not mapped; their rule failures are flagged on the child.
  for (const t of ['uasc', 'oc2', 'oc3', 'ad1', 'placed_adoption', 'prev_perm']) {
    for (const r of rows(t)) {
      const child = childOf(r);
      if (child) flag(r, 'children', child);
    }
  }
  s.coverage = coverageFrom(SSDA903_COMPLETION, new Set(tables.keys()));
  return s;
}

/**
 * Proceedings the register already holds that cover the start of a C1 run are the same
 * proceedings: they often begin before the child comes into care and can outlast the care
 * episode, so the held dates stand unless the 903 shows the order ending while the child
 * was still looked after (a later episode with another legal status).
 */
function joinHeldCourt(run: EpisodeRow, held: readonly EpisodeRow[], episodes: readonly Row903[]): EpisodeRow {
  const same = held.find((e) => e.kind === 'court_proceedings' && e.start_date <= run.start_date && (e.end_date === null || e.end_date >= run.start_date));
  if (!same) return run;
  const endedInCare = run.end_date !== null && episodes.some((r) => v(r, 'DECOM') === run.end_date);
  return { ...run, episode_id: same.episode_id, start_date: same.start_date, end_date: endedInCare ? run.end_date : same.end_date };
}

/** 903 sex: M/F/U since 2025; 1 and 2 before (still seen in older systems' extracts). */
function sexCode(raw: string | null): string | null {
  if (raw === null) return null;
  if (raw === 'M' || raw === '1') return 'M';
  if (raw === 'F' || raw === '2') return 'F';
  if (raw === 'U') return 'U';
  return null;
}

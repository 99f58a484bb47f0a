import type { EpisodeRow } from '../../../kernel/register.ts';
import { openOn } from '../../../kernel/register.ts';
import type { Out903 } from '../../../standards/ssda903/write.ts';
import type { RegisterState } from '../sync.ts';

/**
 * What the register cannot say but the 903 requires: written as placeholders (listed in the
 * export's notes) for the council to correct from its case system before sending the return.
 */
export const PLACEHOLDERS = {
  ETHNIC: 'NOBT', // information not yet obtained
  UPN: 'UN4', // the DfE's "UPN not yet obtained" code
  CIN: 'N1',
  LS: 'C2', // looked after under a care order, when no proceedings are open
} as const;

const placeFor = (longTerm: boolean | null) => (longTerm === true ? 'U4' : longTerm === false ? 'U6' : 'Z1');
const yearsOld = (dob: string, on: string) => Number(on.slice(0, 4)) - Number(dob.slice(0, 4)) - (on.slice(5) < dob.slice(5) ? 1 : 0);

/**
 * The register as 903 tables (pure): every child ever looked after, their episodes (split
 * where proceedings start or end, as a change of legal status starts a new 903 episode),
 * reviews, missing periods and social worker episodes. Placement type comes from the
 * long-term flag: U4 long-term fostering, U6 fostering not long term, Z1 when not known.
 */
export function registerTo903(state: Omit<RegisterState, 'sourced'>, options: { withDistance?: boolean } = {}): { tables: Out903; notes: string[] } {
  const out: Out903 = new Map([['header', []], ['episodes', []], ['reviews', []], ['missing', []], ['social_worker', []]]);
  const put = (t: string, row: Record<string, string | null>) => out.get(t)!.push(row);
  const notes: string[] = [];
  const byChild = <T extends { child_id: string }>(rows: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.child_id, [...(m.get(r.child_id) ?? []), r]);
    return m;
  };
  const care = byChild(state.episodes.filter((e) => e.kind === 'looked_after'));
  const courts = byChild(state.episodes.filter((e) => e.kind === 'court_proceedings'));
  const swe = new Map(state.practitioners.filter((p) => p.swe_number).map((p) => [p.practitioner_id, p.swe_number!]));
  const children = new Map(state.children.map((c) => [c.child_id, c]));
  let noDob = 0;
  let zeroLength = 0;
  const included = new Set<string>();

  for (const [childId, eps] of care) {
    const child = children.get(childId)!;
    if (!child.date_of_birth) {
      noDob++;
      continue;
    }
    const dob = child.date_of_birth;
    included.add(childId);
    put('header', { CHILD: childId, SEX: child.sex ?? 'U', DOB: dob, ETHNIC: PLACEHOLDERS.ETHNIC, UPN: PLACEHOLDERS.UPN, MOTHER: null, MC_DOB: null });
    eps.sort((a, b) => a.start_date.localeCompare(b.start_date));
    // An episode that ends the day it starts has no place in the 903 (a child's DECOMs are unique).
    const sameDay = eps.filter((e) => e.end_date === e.start_date);
    zeroLength += sameDay.length;
    if (sameDay.length > 0) eps.splice(0, eps.length, ...eps.filter((e) => e.end_date !== e.start_date));
    const inCourt = (day: string) => (courts.get(childId) ?? []).some((c) => openOn(c, day));
    eps.forEach((e, i) => {
      const cuts = new Set<string>();
      for (const c of courts.get(childId) ?? []) {
        for (const d of [c.start_date, c.end_date]) if (d !== null && d > e.start_date && (e.end_date === null || d < e.end_date)) cuts.add(d);
      }
      const starts = [e.start_date, ...[...cuts].sort()];
      const previous = eps[i - 1];
      const next = eps[i + 1];
      starts.forEach((start, j) => {
        const end = starts[j + 1] ?? e.end_date;
        const rne = j > 0 ? 'L' : previous?.end_date === e.start_date ? 'P' : 'S';
        const continues = j + 1 < starts.length || (end !== null && next?.start_date === end);
        put('episodes', {
          CHILD: childId, DECOM: start, RNE: rne, LS: inCourt(start) ? 'C1' : PLACEHOLDERS.LS, CIN: PLACEHOLDERS.CIN, PLACE: placeFor(e.placement_long_term),
          DEC: end, REC: end === null ? null : continues ? 'X1' : 'E8',
          ...(options.withDistance ? { PL_DISTANCE: e.placement_distance_miles === null ? null : String(Number(e.placement_distance_miles)) } : {}),
        });
      });
    });
  }
  for (const r of state.recorded) {
    if (r.activity_code !== 'lac_review' || !included.has(r.child_id)) continue;
    const dob = children.get(r.child_id)!.date_of_birth!;
    // PN0: the child was under 4; for older children how they took part is not recorded here.
    put('reviews', { CHILD: r.child_id, DOB: dob, REVIEW: r.occurred_on, REVIEW_CODE: yearsOld(dob, r.occurred_on) < 4 ? 'PN0' : 'PN1' });
  }
  for (const f of state.factors) {
    if (f.factor !== 'missing' || !included.has(f.child_id)) continue;
    put('missing', { CHILD: f.child_id, DOB: children.get(f.child_id)!.date_of_birth, MISSING: 'M', MIS_START: f.start_date, MIS_END: f.end_date });
  }
  let noSwe = 0;
  for (const a of state.allocations) {
    if (a.role !== 'lead' || !included.has(a.child_id) || !overlapsCare(a, care.get(a.child_id)!)) continue;
    const id = swe.get(a.practitioner_id);
    if (!id) {
      noSwe++;
      continue;
    }
    put('social_worker', { CHILD: a.child_id, DOB: children.get(a.child_id)!.date_of_birth, SW_ID: id, SW_DECOM: a.start_date, SW_DEC: a.end_date, SW_REASON: null });
  }
  notes.push(`Placeholders for what the register does not hold: ETHNIC ${PLACEHOLDERS.ETHNIC}, UPN ${PLACEHOLDERS.UPN}, CIN ${PLACEHOLDERS.CIN}, legal status ${PLACEHOLDERS.LS} outside proceedings, REVIEW_CODE PN1 from age 4, REC E8 when care ends. Correct them from the case system before sending the return.`);
  if (noDob > 0) notes.push(`${noDob} looked-after children have no date of birth, which the 903 requires, so they were left out.`);
  if (zeroLength > 0) notes.push(`${zeroLength} placements that ended the day they began were left out.`);
  if (noSwe > 0) notes.push(`${noSwe} social worker episodes were left out: the worker has no Social Work England number.`);
  return { tables: out, notes };
}

const overlapsCare = (a: { start_date: string; end_date: string | null }, eps: readonly EpisodeRow[]) =>
  eps.some((e) => (e.end_date === null || a.start_date < e.end_date) && (a.end_date === null || a.end_date > e.start_date));


import type { ChildRow, EpisodeRow, FactorRow, RecordedRow } from '../../../kernel/register.ts';
import { censusPeriod, collectionYear, type CinCensus, type CinChild, type CinEpisode } from '../../../standards/cin/model.ts';

const CIN_KINDS = new Set(['referral', 's47', 'cin_plan', 'cp_plan']);
const ORDER: Record<string, number> = { referral: 0, s47: 1, cin_plan: 2, cp_plan: 3 };

/** What the export had to fill with the census's "not known" codes, because the register does not hold it. */
export const CIN_EXPORT_NOTES = [
  'Ethnicity is NOBT (information not yet obtained) and ReferralSource is 10 (unknown): Caseweight does not hold them.',
  'Child protection plans give category of abuse MUL (multiple/not recommended): Caseweight does not hold the category.',
  'A child with a disability on the register is returned with Disability DDA (other): the register does not hold which kind.',
  'ReasonForClosure and PrimaryNeedCode are left out: Caseweight does not hold them. Add them in the case management system return.',
];

export interface RegisterForCin {
  children: ChildRow[];
  episodes: EpisodeRow[];
  factors: FactorRow[];
  recorded: RecordedRow[];
}

/**
 * The register as a CIN census for the year ending on `censusDate` (pure). A child's CIN
 * episode is a register referral and the enquiries and plans that follow it (until the next
 * referral); one is returned when it is open at some point in the year. Within it, each
 * enquiry or plan open in the year is returned, with dates after the census date left out.
 * The referral-and-assessment stage goes out as an assessment from the referral date, which
 * is how the importer reads it back.
 */
export function registerToCin(state: RegisterForCin, censusDate: string, lea: string | null): CinCensus {
  const period = censusPeriod(censusDate);
  const clip = (end: string | null) => (end === null || end > period.end ? null : end);
  const inYear = (e: EpisodeRow) => e.start_date <= period.end && (e.end_date === null || e.end_date >= period.start);
  const byChild = new Map<string, EpisodeRow[]>();
  for (const e of state.episodes) if (CIN_KINDS.has(e.kind) && e.start_date <= period.end) byChild.set(e.child_id, [...(byChild.get(e.child_id) ?? []), e]);
  const reviews = new Map<string, string[]>();
  for (const r of state.recorded) if (r.activity_code === 'review_conference') reviews.set(r.child_id, [...(reviews.get(r.child_id) ?? []), r.occurred_on]);
  const disabled = new Set(state.factors.filter((f) => f.factor === 'disability' && f.start_date <= period.end && (f.end_date === null || f.end_date >= period.start)).map((f) => f.child_id));
  const allCpPlans = new Map<string, string[]>();
  for (const e of state.episodes) if (e.kind === 'cp_plan') allCpPlans.set(e.child_id, [...(allCpPlans.get(e.child_id) ?? []), e.start_date]);

  const children: CinChild[] = [];
  for (const child of [...state.children].sort((a, b) => a.child_id.localeCompare(b.child_id))) {
    const eps = (byChild.get(child.child_id) ?? []).sort((a, b) => a.start_date.localeCompare(b.start_date) || ORDER[a.kind]! - ORDER[b.kind]! || a.episode_id.localeCompare(b.episode_id));
    const groups: { referral: EpisodeRow | undefined; members: EpisodeRow[] }[] = [];
    for (const e of eps) {
      if (e.kind === 'referral' || groups.length === 0) groups.push({ referral: e.kind === 'referral' ? e : undefined, members: [] });
      if (e.kind !== 'referral') groups[groups.length - 1]!.members.push(e);
    }
    const episodes: CinEpisode[] = [];
    for (const g of groups) {
      const all = g.referral ? [g.referral, ...g.members] : g.members;
      const ended = all.every((e) => e.end_date !== null && e.end_date <= period.end);
      const closure = ended ? all.map((e) => e.end_date!).sort().at(-1)! : null;
      if (closure !== null && closure < period.start) continue;
      const open = g.members.filter(inYear);
      const cp = open.filter((e) => e.kind === 'cp_plan');
      episodes.push({
        line: 0, referralDate: g.referral?.start_date ?? all[0]!.start_date, referralSource: '10', primaryNeed: null,
        closureDate: closure, reasonForClosure: null, initialCpcDate: null, referralNfa: false,
        assessments: g.referral && inYear(g.referral) ? [{ start: g.referral.start_date, internalReview: null, authorised: clip(g.referral.end_date), factors: [] }] : [],
        cinPlans: open.filter((e) => e.kind === 'cin_plan').map((e) => ({ start: e.start_date, end: clip(e.end_date) })),
        section47s: open.filter((e) => e.kind === 's47').map((e) => ({
          start: e.start_date, icpcTarget: null, icpcDate: e.s47_outcome === 'conference' ? clip(e.end_date) : null, icpcNotRequired: e.s47_outcome === 'no_further_action',
        })),
        cpPlans: cp.map((e) => {
          const until = clip(e.end_date) ?? period.end;
          return {
            start: e.start_date, end: clip(e.end_date), initialCategory: 'MUL', latestCategory: 'MUL',
            previousPlans: (allCpPlans.get(child.child_id) ?? []).filter((d) => d < e.start_date).length,
            reviews: [...new Set((reviews.get(child.child_id) ?? []).filter((d) => d >= e.start_date && d <= until))].sort(),
          };
        }),
      });
    }
    if (episodes.length === 0) continue;
    children.push({
      id: child.child_id, line: 0, upn: null, birthDate: child.date_of_birth, expectedBirthDate: null, sex: (child.sex as 'M' | 'F' | 'U' | null) ?? 'U',
      deathDate: null, ethnicity: 'NOBT', disabilities: [disabled.has(child.child_id) ? 'DDA' : 'NONE'], episodes,
    });
  }
  return { year: collectionYear(censusDate), referenceDate: censusDate, lea: lea && /^\d{3}$/.test(lea) ? lea : null, children };
}

import type { EpisodeRow, RecordedRow } from '../../../kernel/register.ts';
import type { CinCensus } from '../../../standards/cin/model.ts';
import { checkCinRules, type RuleTarget } from '../../../standards/cin/rules.ts';
import type { ReportBuilder } from '../../../standards/report.ts';
import { emptySnapshot, type IncomingChild, type Snapshot } from '../snapshot.ts';
import type { RegisterState } from '../sync.ts';
import { CIN_COMPLETION, coverageFrom } from '../coverage.ts';

/**
 * CIN census → the register rows it describes (pure). The census carries children and their
 * CIN episodes, assessments, section 47 enquiries, CIN and CP plans, conferences and reviews;
 * it carries no names, no families and no worker, so it never creates or changes allocations.
 *
 * The census has no episode ids. An episode's id is made from the child, its kind and its
 * start date, which is also how `adopt` finds the same episode already on the register (from
 * the SSD, say), so importing the CIN census beside the SSD never counts a case twice.
 */
export function mapCin(census: CinCensus, file: string, councilId: string, report: ReportBuilder): { snapshot: Snapshot; adopt: (state: RegisterState) => void } {
  const s = emptySnapshot();
  const c = councilId;
  // A census is a year's return, not a picture of today: what it leaves out has not ended.
  s.closes = [];
  const dupes = new Set<string>();
  const dropped = new Set<string>();
  const targetIds = new Map<string, string>(); // rule target key → register id
  const ids = new Set<string>();
  const unique = (id: string) => {
    let out = id;
    for (let n = 2; ids.has(out); n++) out = `${id}-${n}`;
    ids.add(out);
    return out;
  };

  const idCount = new Map<string, number>();
  for (const ch of census.children) idCount.set(ch.id, (idCount.get(ch.id) ?? 0) + 1);
  const lineOf = new Map<string, number[]>();
  for (const ch of census.children) lineOf.set(ch.id, [...(lineOf.get(ch.id) ?? []), ch.line]);
  census.children.forEach((child, ci) => {
    if (child.id !== '' && (idCount.get(child.id) ?? 0) > 1) {
      // Neither is guessed between: both children are left out and both reported.
      const others = lineOf.get(child.id)!.filter((l) => l !== child.line).join(' and ');
      report.reject(file, `LAchildID "${child.id}" is also on the child at line ${others}. Neither was imported: each child appears once, with all their CIN episodes under one <Child>; correct the return at source.`, { line: child.line, element: `Child[${ci + 1}]/ChildIdentifiers`, field: 'LAchildID', key: `LAchildID ${child.id}` }, `child ${child.line}`);
      s.rejected.children = (s.rejected.children ?? 0) + 1;
      dupes.add(child.id);
      return;
    }
    if (child.id === '') {
      s.rejected.children = (s.rejected.children ?? 0) + 1;
      return; // rule 8500, reported below
    }
    const unknown: IncomingChild['unknown'] = ['name', 'family_id', 'restricted'];
    if (child.birthDate === null) unknown.push('date_of_birth');
    if (child.sex === 'U') unknown.push('sex');
    s.children.push({ council_id: c, child_id: child.id, name: `Child ${child.id}`, date_of_birth: child.birthDate, sex: child.sex, family_id: null, restricted: false, unknown });

    let made: string[] = [];
    const episode = (key: string, kind: string, short: string, start: string, end: string | null, extra: Partial<EpisodeRow> = {}) => {
      if (end !== null && end < start) {
        dropped.add(key);
        s.rejected.episodes = (s.rejected.episodes ?? 0) + 1;
        return;
      }
      const id = unique(`CIN-${child.id}-${short}-${start}`);
      targetIds.set(key, id);
      made.push(id);
      s.episodes.push({ council_id: c, episode_id: id, child_id: child.id, kind, start_date: start, end_date: end, placement_distance_miles: null, placement_long_term: null, s47_outcome: null, ...extra });
    };
    const recorded = new Set<string>();
    const record = (code: string, short: string, on: string | null) => {
      if (on === null || recorded.has(`${code}|${on}`)) return;
      recorded.add(`${code}|${on}`);
      s.recorded.push({ council_id: c, recorded_id: unique(`CIN-${child.id}-${short}-${on}`), child_id: child.id, activity_code: code, occurred_on: on, practitioner_id: null, hours: null } satisfies RecordedRow);
    };

    child.episodes.forEach((e, ei) => {
      made = [];
      // The referral-and-assessment stage, as the SSD mapping reads it: the first assessment
      // runs from the referral; a referral with nothing else runs to its closure. A referral
      // whose work is all in plans or enquiries has no stage of its own.
      const first = e.assessments.reduce<number>((best, a, i) => (best < 0 || a.start < e.assessments[best]!.start ? i : best), -1);
      e.assessments.forEach((a, ai) => {
        const start = ai === first && e.referralDate < a.start ? e.referralDate : a.start;
        episode(key({ kind: 'assessment', episode: ei, index: ai }), 'referral', 'REF', start, a.authorised);
      });
      if (e.assessments.length === 0 && e.section47s.length + e.cinPlans.length + e.cpPlans.length === 0) {
        episode(key({ kind: 'episode', episode: ei }), 'referral', 'REF', e.referralDate, e.closureDate);
      }
      e.section47s.forEach((x, i) => {
        // The census records when the conference was held, not when the enquiry ended: the conference closes it.
        const outcome = x.icpcDate !== null ? 'conference' : x.icpcNotRequired ? 'no_further_action' : null;
        const end = x.icpcDate ?? (x.icpcNotRequired ? e.closureDate : null);
        episode(key({ kind: 's47', episode: ei, index: i }), 's47', 'S47', x.start, end, { s47_outcome: outcome });
        record('initial_cp_conference', 'ICPC', x.icpcDate);
      });
      record('initial_cp_conference', 'ICPC', e.initialCpcDate);
      e.cinPlans.forEach((p, i) => episode(key({ kind: 'cin_plan', episode: ei, index: i }), 'cin_plan', 'CINP', p.start, p.end));
      e.cpPlans.forEach((p, i) => {
        episode(key({ kind: 'cp_plan', episode: ei, index: i }), 'cp_plan', 'CPP', p.start, p.end);
        for (const r of p.reviews) record('review_conference', 'CPPR', r);
      });
      // Rules on the CIN episode as a whole are flagged on its first register episode.
      if (!targetIds.has(key({ kind: 'episode', episode: ei })) && made[0]) targetIds.set(key({ kind: 'episode', episode: ei }), made[0]);
    });
    // The census gives no date for a disability: it counts from the child's first referral.
    if (child.disabilities.some((d) => d !== 'NONE') && child.episodes.length > 0) {
      const from = child.episodes.map((e) => e.referralDate).sort()[0]!;
      s.factors.push({ council_id: c, factor_id: `CIN-${child.id}-DIS`, child_id: child.id, factor: 'disability', start_date: from, end_date: null });
    }

    function key(t: RuleTarget): string {
      return t.kind === 'child' ? `${child.id}|child` : t.kind === 'episode' ? `${child.id}|${t.episode}|episode` : `${child.id}|${t.episode}|${t.kind}|${t.index}`;
    }
  });

  // Rule 100: the census date is 31 March of the collection year.
  if (census.referenceDate !== `${census.year}-03-31`) {
    report.rule(file, '100', `Reference Date is incorrect: the header gives ${census.referenceDate}, but the ${census.year - 1}/${String(census.year).slice(2)} census date is ${census.year}-03-31.`, { element: 'Message/Header/CollectionDetails/ReferenceDate', field: 'ReferenceDate' });
  }
  for (const f of checkCinRules(census)) {
    if (dupes.has(f.child)) continue;
    const at = { line: f.line, element: f.element, field: f.field, ...(f.child ? { key: `LAchildID ${f.child}` } : {}) };
    const row = `child ${census.children[f.childIndex]?.line ?? f.line}`;
    const k = f.on.kind === 'child' ? `${f.child}|child` : f.on.kind === 'episode' ? `${f.child}|${f.on.episode}|episode` : `${f.child}|${f.on.episode}|${f.on.kind}|${f.on.index}`;
    if (f.child === '' || dropped.has(k)) {
      report.rule(file, f.code, f.child === '' ? f.message : `${f.message} It was not imported: correct the dates in the case management system.`, at, row);
      continue;
    }
    const episodeId = f.on.kind === 'child' ? undefined : targetIds.get(k);
    const record = episodeId ? { table: 'episodes', id: episodeId } : { table: 'children', id: f.child };
    report.rule(file, f.code, `${f.message} It was imported and flagged.`, { ...at, record }, row);
    s.flags.push({ entity: episodeId ? 'episodes' : 'children', recordId: record.id, code: f.code || null, field: f.field, message: f.message });
  }
  s.coverage = coverageFrom(CIN_COMPLETION, new Set(['cin']));
  return { snapshot: s, adopt: (state) => adoptRegisterIds(s, state) };
}

/**
 * Gives each incoming row the id of the same row already on the register, whatever source
 * wrote it: episodes by child, kind and start date; recorded work by child, activity and day;
 * a disability by child. What the census does not carry is kept from the register.
 */
export function adoptRegisterIds(s: Snapshot, state: Pick<RegisterState, 'episodes' | 'factors' | 'recorded'>): void {
  const renamed = new Map<string, string>();
  const pool = <T>(rows: T[], keyOf: (r: T) => string, idOf: (r: T) => string) => {
    const m = new Map<string, T[]>();
    for (const r of [...rows].sort((a, b) => idOf(a).localeCompare(idOf(b)))) m.set(keyOf(r), [...(m.get(keyOf(r)) ?? []), r]);
    return (k: string) => m.get(k)?.shift();
  };
  const episode = pool(state.episodes, (e) => `${e.child_id}|${e.kind}|${e.start_date}`, (e) => e.episode_id);
  for (const e of s.episodes) {
    const held = episode(`${e.child_id}|${e.kind}|${e.start_date}`);
    if (!held) continue;
    renamed.set(e.episode_id, held.episode_id);
    e.episode_id = held.episode_id;
    e.placement_distance_miles = held.placement_distance_miles;
    e.placement_long_term = held.placement_long_term;
    e.s47_outcome = e.s47_outcome ?? held.s47_outcome;
    // A held end stands where the census has none; for an enquiry the census's end is only the conference date.
    if (held.end_date !== null && (e.end_date === null || e.kind === 's47')) e.end_date = held.end_date;
  }
  const recorded = pool(state.recorded, (r) => `${r.child_id}|${r.activity_code}|${r.occurred_on}`, (r) => r.recorded_id);
  for (const r of s.recorded) {
    const held = recorded(`${r.child_id}|${r.activity_code}|${r.occurred_on}`);
    if (!held) continue;
    r.recorded_id = held.recorded_id;
    r.practitioner_id = held.practitioner_id;
    r.hours = held.hours;
  }
  const factor = pool(state.factors.filter((f) => f.factor === 'disability'), (f) => f.child_id, (f) => `${f.end_date === null ? 0 : 1}${f.factor_id}`);
  for (const f of s.factors) {
    const held = factor(f.child_id);
    if (!held) continue;
    Object.assign(f, { factor_id: held.factor_id, start_date: held.start_date, end_date: held.end_date });
  }
  for (const flag of s.flags) if (flag.entity === 'episodes') flag.recordId = renamed.get(flag.recordId) ?? flag.recordId;
}

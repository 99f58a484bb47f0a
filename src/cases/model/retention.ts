import { addMonths, dayFromIso, isoFromDay, type Day } from '../../kernel/calendar.ts';
import { openOn } from '../../kernel/register.ts';
import type { CaseStatus } from '../../workload/model/catalogue.ts';

/**
 * Retention of case records (DOMAIN.md §8). Statute sets looked-after records (until the 75th
 * birthday) and adoption (100 years); children in need and child protection have no statutory
 * period and local schedules differ, so every period is configuration a council can change.
 */
export interface RetentionRule {
  /** Episode kinds this rule governs. */
  kinds: readonly CaseStatus[];
  name: string;
  rule: { kind: 'until_age'; years: number } | { kind: 'after_closure'; years: number };
  source: string;
}

export const DEFAULT_RETENTION: RetentionRule[] = [
  { kinds: ['looked_after', 'care_leaver'], name: 'Looked-after child', rule: { kind: 'until_age', years: 75 },
    source: 'Care Planning, Placement and Case Review (England) Regulations 2010, reg. 50: until the 75th birthday (15 years after death if the child dies before 18).' },
  { kinds: ['cp_plan', 's47', 'court_proceedings'], name: 'Child protection', rule: { kind: 'until_age', years: 25 },
    source: 'No statutory period. Local default: until age 25; R (C) v Northumberland CC [2015] held 35 years after closure lawful. Set locally.' },
  { kinds: ['cin_plan', 'referral'], name: 'Child in need', rule: { kind: 'until_age', years: 21 },
    source: 'No statutory period. Local default: age 18 plus 3 years. Set locally.' },
  { kinds: ['family_help'], name: 'Family help', rule: { kind: 'after_closure', years: 6 },
    source: 'No statutory period. Local default: 6 years after closure. Set locally.' },
];

export interface RetentionInput {
  childId: string;
  dateOfBirth: string | null;
  episodes: readonly { kind: string; start_date: string; end_date: string | null }[];
}

export type RetentionState = 'open' | 'keep' | 'due_for_review' | 'no_date_of_birth';

export interface RetentionResult {
  childId: string;
  state: RetentionState;
  /** The rule that keeps the record longest: the one that governs. */
  governingRule: string | null;
  reviewOn: string | null;
  source: string | null;
}

/** When a child's record is due for review or deletion: the latest date any of its rules gives. */
export function retentionFor(input: RetentionInput, today: string, rules: readonly RetentionRule[] = DEFAULT_RETENTION): RetentionResult {
  // Still open today, or due to start: the record is live whatever its retention period.
  const open = input.episodes.some((e) => openOn(e, today) || e.start_date > today);
  if (open) return { childId: input.childId, state: 'open', governingRule: null, reviewOn: null, source: null };
  const lastClosed = input.episodes.reduce<string | null>((max, e) => (e.end_date && (!max || e.end_date > max) ? e.end_date : max), null);
  let best: { day: Day; rule: RetentionRule } | null = null;
  for (const rule of rules) {
    if (!input.episodes.some((e) => (rule.kinds as readonly string[]).includes(e.kind))) continue;
    let day: Day | null = null;
    if (rule.rule.kind === 'until_age') day = input.dateOfBirth ? addMonths(dayFromIso(input.dateOfBirth), rule.rule.years * 12) : null;
    else if (lastClosed) day = addMonths(dayFromIso(lastClosed), rule.rule.years * 12);
    if (day === null) return { childId: input.childId, state: 'no_date_of_birth', governingRule: rule.name, reviewOn: null, source: rule.source };
    if (!best || day > best.day) best = { day, rule };
  }
  if (!best) return { childId: input.childId, state: 'keep', governingRule: null, reviewOn: null, source: null };
  const reviewOn = isoFromDay(best.day);
  return { childId: input.childId, state: reviewOn <= today ? 'due_for_review' : 'keep', governingRule: best.rule.name, reviewOn, source: best.rule.source };
}

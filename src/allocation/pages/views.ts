/**
 * View models of the allocation pages: the work waiting for a worker, one case's suggestions
 * with the decision form, and the decisions made (the page and the file business support
 * enters in the case management system). Pure: service data in, words and links out.
 */
import type { FieldProblem } from '../../kernel/errors.ts';
import type { Band } from '../../kernel/bands.ts';
import type { DataTable } from '../../standards/downloads.ts';
import { en } from '../../platform/web/locales/en.ts';
import { formatDate, formatNumber, formatPercent } from '../../platform/web/nunjucks.ts';
import { formErrors } from '../../platform/web/forms.ts';
import { REASON_CODES, REASON_LABELS, WAIT_REASON_TEXT, type Load, type Suggestion } from '../model/index.ts';
import type { DecisionsData, DecisionView, SuggestionsData, UnallocatedData } from '../service/index.ts';

export const NOT_WRITTEN_TO_CMS = 'Caseweight does not write to the case management system. Record each decision there too, or download the decisions for the business support officer who enters them.';

const bandText = (band: Band): string => (en.bands as Record<string, string>)[band] ?? band;
const hours = (x: number) => `${formatNumber(x)} h`;
const share = (l: Load) => (l.ratio === null ? 'no casework time' : formatPercent(l.ratio));
const childLink = (childId: string, date: string, split = false) => `/allocation/cases/${encodeURIComponent(childId)}?date=${date}${split ? '&split=yes' : ''}`;

export function toUnallocatedView(data: UnallocatedData) {
  const families = new Set(data.cases.filter((c) => c.familyId !== null).map((c) => c.familyId));
  return {
    title: 'Work waiting for a worker',
    date: data.date,
    dateText: formatDate(data.date),
    notWritten: NOT_WRITTEN_TO_CMS,
    teamItems: [{ value: '', text: 'All the teams you allocate for', selected: data.teamId === null },
      ...data.teams.map((t) => ({ value: t.teamId, text: t.name, selected: t.teamId === data.teamId }))],
    showTeamFilter: data.teams.length > 1,
    count: data.cases.length,
    families: families.size,
    rows: data.cases.map((c) => ({
      childId: c.childId,
      name: c.name,
      href: c.hidden ? null : childLink(c.childId, data.date),
      hidden: c.hidden,
      statuses: c.statusNames.join(', '),
      reason: c.reason === 'never_allocated' ? 'Not yet allocated' : 'Needs a new worker',
      needsNewWorker: c.reason !== 'never_allocated',
      why: waitDetail(c),
      team: c.teamName ?? 'Not yet with a team',
      waited: `${c.waitingWorkingDays} working ${c.waitingWorkingDays === 1 ? 'day' : 'days'}`,
      waitedDays: c.waitingWorkingDays,
      age: `${c.ageWorkingDays} working ${c.ageWorkingDays === 1 ? 'day' : 'days'} open`,
      siblings: c.siblings.map((s) => `${s.name}${s.waiting ? ' (waiting too)' : ''}`).join(', '),
      due: c.due.slice(0, 3).map((d) => ({
        text: `${d.name}: ${d.state === 'overdue' ? `${d.daysOverdue} ${d.daysOverdue === 1 ? 'day' : 'days'} overdue` : `due ${formatDate(d.dueOn)}`}`,
        overdue: d.state === 'overdue',
      })),
      moreDue: Math.max(0, c.due.length - 3),
    })),
  };
}

/** Why the case needs a new worker, naming the last one. */
function waitDetail(c: UnallocatedData['cases'][number]): string | null {
  const who = c.formerWorker?.name;
  if (c.reason === 'worker_left') return `${who ?? 'The worker'} has left`;
  if (c.reason === 'worker_absent') return `${who ?? 'The worker'} is away long-term`;
  if (c.reason === 'released') return who ? `Released by ${who}` : WAIT_REASON_TEXT.released;
  return null;
}

/** The form's values as the person typed them, kept when the page comes back with an error. */
export interface DecisionForm {
  practitionerId: string;
  reasonCode: string;
  note: string;
  overrides: string[];
  overrideReason: string;
  splitReason: string;
}

export const EMPTY_FORM: DecisionForm = { practitionerId: '', reasonCode: '', note: '', overrides: [], overrideReason: '', splitReason: '' };

const text = (v: unknown) => (typeof v === 'string' ? v : '');
export function readDecisionForm(body: Record<string, unknown>): DecisionForm {
  const overrides = Array.isArray(body.overrides) ? body.overrides.map(text) : text(body.overrides) ? [text(body.overrides)] : [];
  return {
    practitionerId: text(body.practitionerId), reasonCode: text(body.reasonCode), note: text(body.note),
    overrides, overrideReason: text(body.overrideReason), splitReason: text(body.splitReason),
  };
}

function continuity(s: Ranked | Suggestion): string[] {
  return [s.holdsSibling ? 'Holds a sibling' : null, s.heldBefore ? 'Held this child before' : null].filter((t) => t !== null);
}

type Ranked = Suggestion & { roleName: string };

function candidateHint(s: Ranked, teamName: string): string {
  const parts = [
    `${s.roleName}, ${teamName}.`,
    `Workload ${share(s.now)} → ${share(s.after)} (${bandText(s.after.band).toLowerCase()}).`,
    `${s.now.cases} → ${s.after.cases} cases.`,
    s.recentAllocations > 0 ? `${s.recentAllocations} ${s.recentAllocations === 1 ? 'case' : 'cases'} given to them in the past 7 days.` : null,
    ...continuity(s),
  ];
  return parts.filter((p) => p !== null).join(' ');
}

export function toSuggestionsView(data: SuggestionsData, options: { form?: DecisionForm; problems?: readonly FieldProblem[]; split: boolean }) {
  const form = options.form ?? EMPTY_FORM;
  const { errorSummary, errors } = formErrors(options.problems ?? []);
  const team = (id: string) => data.teamNames[id] ?? id;
  // Offered: everyone eligible, and those only the ASYE child protection rule stops (a manager may override it with a reason).
  const offered = data.suggestions.filter((s) => s.eligible || s.problems.every((p) => p.overridable));
  const notOffered = data.suggestions.filter((s) => !offered.includes(s));
  const firstEligible = data.suggestions.find((s) => s.eligible);
  const others = data.unit.length - 1;
  return {
    title: `Allocate ${data.child.name}${others > 0 ? ` and ${others} ${others === 1 ? 'sibling' : 'siblings'}` : ''}`,
    errorSummary, errors,
    date: data.date,
    dateText: formatDate(data.date),
    notWritten: NOT_WRITTEN_TO_CMS,
    action: `/allocation/cases/${encodeURIComponent(data.child.childId)}?date=${data.date}${options.split ? '&split=yes' : ''}`,
    child: data.child,
    statuses: data.child.statuses.join(', '),
    unit: data.unit,
    together: data.unit.length > 1,
    splitOut: data.splitOut,
    split: options.split,
    splitHref: data.unit.length > 1 ? childLink(data.child.childId, data.date, true) : null,
    unsplitHref: options.split ? childLink(data.child.childId, data.date) : null,
    current: data.current,
    unitHours: `${hours(data.unitHours.central)} a month (${formatNumber(data.unitHours.low)} to ${formatNumber(data.unitHours.high)})`,
    policyVersion: data.policyVersion,
    suggested: firstEligible ? { name: firstEligible.name, why: whyFirst(firstEligible, data) } : null,
    candidateItems: offered.map((s) => ({
      value: s.practitionerId,
      text: `${s.name}${s === firstEligible ? ' (suggested)' : ''}`,
      checked: form.practitionerId === s.practitionerId,
      hint: { text: `${candidateHint(s, team(s.teamId))}${s.eligible ? '' : ` ${s.problems.map((p) => p.text).join(' ')}`}` },
      label: { classes: 'govuk-label--s' },
    })),
    rows: offered.map((s) => ({
      name: s.name, role: s.roleName, team: team(s.teamId), eligible: s.eligible,
      nowBand: s.now.band, nowBandText: bandText(s.now.band), afterBand: s.after.band, afterBandText: bandText(s.after.band),
      hours: `${formatNumber(s.now.hours.central)} → ${formatNumber(s.after.hours.central)} h`,
      share: `${share(s.now)} → ${share(s.after)}`,
      afterRange: `${formatNumber(s.after.hours.low)}–${formatNumber(s.after.hours.high)} h`,
      cases: `${s.now.cases} → ${s.after.cases}`,
      recent: s.recentAllocations, continuity: continuity(s).join('; ') || '–',
      needsOverride: !s.eligible,
    })),
    notOffered: notOffered.map((s) => ({ name: s.name, role: s.roleName, team: team(s.teamId), reasons: s.problems.map((p) => p.text) })),
    anyOverridable: offered.some((s) => !s.eligible),
    reasonItems: REASON_CODES.map((code) => ({ value: code, text: REASON_LABELS[code], checked: form.reasonCode === code })),
    overrideItems: [{ value: 'asye_child_protection', text: 'I override the ASYE child protection rule for this allocation', checked: form.overrides.includes('asye_child_protection') }],
    form,
  };
}

function whyFirst(s: Ranked, data: SuggestionsData): string {
  const reasons = continuity(s).map((r) => r.toLowerCase());
  const afterBand = bandText(s.after.band).toLowerCase();
  reasons.push(`${reasons.length ? 'then ' : ''}the lowest workload after taking it among those eligible (${formatPercent(s.after.ratio)}, ${afterBand})`);
  if (s.recentAllocations > 0) reasons.push(`allowing for ${s.recentAllocations} recent ${s.recentAllocations === 1 ? 'case' : 'cases'} not yet in their hours`);
  return `${reasons.join('; ')}. ${data.suggestions.filter((x) => x.eligible).length} people are eligible.`;
}

export function toDecisionsView(data: DecisionsData, since: string, recorded: string | null) {
  const { rows } = data;
  const done = recorded ? rows.filter((r) => r.decisionId === recorded) : [];
  return {
    title: 'Allocation decisions',
    mayAllocate: data.mayAllocate,
    breadcrumbs: [{ text: 'Home', href: '/' }, ...(data.mayAllocate ? [{ text: 'Allocation', href: '/allocation' }] : [])],
    since, sinceText: formatDate(since),
    notWritten: NOT_WRITTEN_TO_CMS,
    recorded: done.length > 0 ? `${done.map((d) => d.childName).join(' and ')} allocated to ${done[0]!.practitionerName} from ${formatDate(done[0]!.effectiveDate)}. Now enter it in the case management system, or download the decisions for business support.` : null,
    downloadHref: `/allocation/decisions/export.csv?since=${since}`,
    count: rows.length,
    mismatches: rows.filter((r) => r.status === 'mismatch').length,
    awaiting: rows.filter((r) => r.status === 'recorded').length,
    rows: rows.map((r) => ({
      ...r,
      effectiveText: formatDate(r.effectiveDate),
      statusText: STATUS_TEXT[r.status] ?? r.status,
      statusClass: r.status === 'confirmed' ? 'govuk-tag--green' : r.status === 'mismatch' ? 'govuk-tag--red' : 'govuk-tag--grey',
      highlighted: r.decisionId === recorded,
    })),
  };
}

const STATUS_TEXT: Record<string, string> = {
  recorded: 'Awaiting the case management system',
  confirmed: 'Confirmed by import',
  mismatch: 'Import shows something else',
};

/** The file business support enters: one row per child, in the order decided. */
export function decisionsTable(rows: readonly DecisionView[], since: string): DataTable {
  return {
    title: `Allocation decisions since ${since}`,
    sheetName: 'Allocation decisions',
    columns: [
      { header: 'Child ID', kind: 'text' }, { header: 'Child', kind: 'text' }, { header: 'New lead worker', kind: 'text' },
      { header: 'Previous worker', kind: 'text' }, { header: 'Team', kind: 'text' }, { header: 'From', kind: 'date' },
      { header: 'Reason', kind: 'text' }, { header: 'Note', kind: 'text' }, { header: 'Decided by', kind: 'text' },
      { header: 'Decided at', kind: 'datetime' }, { header: 'Status', kind: 'text' },
    ],
    rows: rows.map((r) => [
      r.childId, r.childName, r.practitionerName, r.previousName, r.teamName, new Date(`${r.effectiveDate}T00:00:00Z`),
      r.reason, r.note, r.decidedBy, r.decidedAt, STATUS_TEXT[r.status] ?? r.status,
    ]),
  };
}

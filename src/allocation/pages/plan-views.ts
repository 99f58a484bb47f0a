/**
 * View models of the plan and what-if pages. Pure: the service's plan or scenario result in,
 * the words, tags and form fields out.
 */
import type { Band } from '../../kernel/bands.ts';
import type { FieldProblem } from '../../kernel/errors.ts';
import { formErrors } from '../../platform/web/forms.ts';
import { en } from '../../platform/web/locales/en.ts';
import { formatDate, formatNumber, formatPercent } from '../../platform/web/nunjucks.ts';
import { REASON_CODES, REASON_LABELS, WHAT_IF_CASE_TYPES, type Scenario } from '../model/index.ts';
import { PLAN_MODES, type PlanMode, type PlanView, type WhatIfView } from '../service/index.ts';

const bandText = (band: Band | 'gone'): string => (band === 'gone' ? 'Leaves' : (en.bands as Record<string, string>)[band] ?? band);
const share = (ratio: number | null) => (ratio === null ? 'no casework time' : formatPercent(ratio));

export const MODE_TEXT: Record<PlanMode, { label: string; hint: string; title: string }> = {
  leaver: { label: 'Someone is leaving or going on long-term leave', hint: 'Share out their whole caseload.', title: 'Share out a caseload' },
  waiting: { label: 'The cases waiting for a worker', hint: 'Give every waiting case in the team a worker in one go.', title: 'Allocate the waiting cases' },
  balance: { label: 'Bring everyone in the team under the band', hint: 'Move as few cases as possible so nobody is over capacity.', title: 'Bring the team under the band' },
};

export const isPlanMode = (v: unknown): v is PlanMode => typeof v === 'string' && (PLAN_MODES as readonly string[]).includes(v);

export function toPlanChooserView(teams: { teamId: string; name: string }[], teamId: string, people: { practitionerId: string; name: string }[], date: string, problems: readonly FieldProblem[] = []) {
  const { errorSummary, errors } = formErrors(problems);
  return {
    title: 'Plan many cases at once', errorSummary, errors, date, teamId,
    teamItems: teams.map((t) => ({ value: t.teamId, text: t.name, selected: t.teamId === teamId })),
    personItems: [{ value: '', text: 'Choose a person' }, ...people.map((p) => ({ value: p.practitionerId, text: p.name }))],
    modes: PLAN_MODES.map((m) => ({ value: m, text: MODE_TEXT[m].label, hint: { text: MODE_TEXT[m].hint } })),
  };
}

export interface PlanForm {
  edits: Map<string, string>;
  accepted: string[] | null;
  reasonCode: string;
  note: string;
}

export function readPlanForm(body: Record<string, unknown>): PlanForm {
  const edits = new Map<string, string>();
  for (const [k, v] of Object.entries(body)) if (k.startsWith('to-') && typeof v === 'string') edits.set(k.slice(3), v);
  const accept = body.accept;
  const accepted = accept === undefined ? [] : (Array.isArray(accept) ? accept : [accept]).filter((x): x is string => typeof x === 'string');
  return { edits, accepted, reasonCode: typeof body.reasonCode === 'string' ? body.reasonCode : '', note: typeof body.note === 'string' ? body.note : '' };
}

const hoursText = (h: { central: number; low: number; high: number }) => `${formatNumber(h.central)} h (${formatNumber(h.low)}–${formatNumber(h.high)})`;

export function toPlanView(data: PlanView, form: PlanForm | null, problems: readonly FieldProblem[] = []) {
  const all = [...data.editProblems, ...problems];
  const { errorSummary, errors } = formErrors(all);
  const accepted = new Set(form?.accepted && form.accepted.length > 0 ? form.accepted : data.units.filter((u) => u.moved).map((u) => u.unitId));
  const mode = MODE_TEXT[data.request.mode];
  const q = new URLSearchParams({ team: data.request.teamId, mode: data.request.mode, date: data.request.date, ...(data.request.practitionerId ? { practitioner: data.request.practitionerId } : {}) });
  const moved = data.units.filter((u) => u.moved);
  return {
    title: data.leaverName ? `${mode.title}: ${data.leaverName}` : `${mode.title}: ${data.teamName}`,
    errorSummary, errors,
    action: `/allocation/plan?${q.toString()}`,
    dateText: formatDate(data.request.date),
    teamName: data.teamName,
    planId: data.planId,
    summary: [
      { key: { text: 'Cases in the plan' }, value: { text: String(data.units.length) } },
      { key: { text: 'Cases that move' }, value: { text: String(moved.length) } },
      { key: { text: 'Highest workload after' }, value: { text: share(data.objective.highestRatio) } },
      { key: { text: 'Over capacity after' }, value: { text: data.overRed.length === 0 ? 'Nobody' : data.overRed.map((o) => `${o.name} (${formatNumber(o.shortfallHours)} hours over)`).join(', ') } },
      { key: { text: 'Continuity' }, value: { text: data.objective.continuityBroken === 0 ? 'Kept wherever someone who knows the family can take the case' : `${data.objective.continuityBroken} cases go to someone new although a worker who knows the family could take them` } },
    ],
    unplaced: data.units.filter((u) => u.reason !== null).map((u) => `${u.names.join(', ')}: ${u.reason}`),
    workers: data.workers.map((w) => ({
      name: w.name, role: w.role, leaving: w.leaving,
      beforeBand: w.before.band, beforeText: bandText(w.before.band), afterBand: w.after.band, afterText: w.leaving ? 'Leaves' : bandText(w.after.band),
      hours: `${formatNumber(w.before.hours.central)} → ${w.leaving ? '–' : formatNumber(w.after.hours.central)} h`,
      share: `${share(w.before.ratio)} → ${w.leaving ? '–' : share(w.after.ratio)}`,
      change: `${w.gains ? `+${w.gains}` : ''}${w.gains && w.losses ? ' ' : ''}${w.losses ? `−${w.losses}` : ''}` || '–',
    })),
    rows: data.units.map((u) => ({
      unitId: u.unitId,
      names: u.names.join(', '),
      statuses: u.statuses.join(', '),
      hours: hoursText(u.hours),
      from: u.fromName ?? 'Nobody (waiting)',
      moved: u.moved, edited: u.edited, continuity: u.continuity,
      accept: { value: u.unitId, checked: accepted.has(u.unitId) && u.to !== null, disabled: u.to === null },
      selectItems: [
        ...(u.to === null ? [{ value: '', text: 'Nobody may take it', selected: true }] : []),
        ...u.options.map((o) => ({ value: o.practitionerId, text: o.name, selected: o.practitionerId === u.to })),
      ],
      error: errors[`to-${u.unitId}`] ?? null,
      reason: u.reason,
    })),
    reasonItems: REASON_CODES.map((code) => ({ value: code, text: REASON_LABELS[code], checked: (form?.reasonCode ?? (data.request.mode === 'leaver' ? 'worker_left' : data.request.mode === 'balance' ? 'workload_adjustment' : 'new_case')) === code })),
    note: form?.note ?? '',
  };
}

export function toWhatIfView(data: WhatIfView | null, form: Record<string, string>, date: string, teams: { teamId: string; name: string }[], people: { practitionerId: string; name: string }[], problems: readonly FieldProblem[] = []) {
  const { errorSummary, errors } = formErrors(problems);
  const kinds = [
    { value: 'leaver', text: 'A worker leaves' },
    { value: 'starter', text: 'A vacancy is filled by a new starter' },
    { value: 'absence', text: 'A long absence starts' },
    { value: 'more_cases', text: 'The team receives more cases' },
  ];
  return {
    title: 'What if…', errorSummary, errors, date, dateText: formatDate(date), form,
    teamItems: teams.map((t) => ({ value: t.teamId, text: t.name, selected: t.teamId === form.team })),
    kindItems: kinds.map((k) => ({ ...k, checked: form.kind === k.value })),
    personItems: [{ value: '', text: 'Choose a person' }, ...people.map((p) => ({ value: p.practitionerId, text: p.name, selected: p.practitionerId === form.practitioner }))],
    caseTypeItems: WHAT_IF_CASE_TYPES.map((t) => ({ ...t, selected: t.value === form.caseType })),
    result: data && {
      teamName: data.teamName,
      heading: scenarioHeading(form, people, data.teamName, formatDate(date)),
      moving: data.moving, unplaced: data.unplaced,
      crossings: data.crossings.map((c) => `${c.name}: ${bandText(c.from).toLowerCase()} → ${bandText(c.to).toLowerCase()}`),
      overRed: data.overRed.map((o) => `${o.name} (${formatNumber(o.shortfallHours)} hours over)`),
      rows: data.rows.map((r) => ({
        name: r.name, beforeBand: r.before.band, beforeText: bandText(r.before.band), afterBand: r.after?.band ?? 'none', afterText: r.after ? bandText(r.after.band) : 'Leaves',
        hours: `${formatNumber(r.before.hours.central)} → ${r.after ? formatNumber(r.after.hours.central) : '–'} h`,
        share: `${share(r.before.ratio)} → ${r.after ? share(r.after.ratio) : '–'}`,
        cases: `${r.before.cases} → ${r.after ? r.after.cases : '–'}`,
        crossed: r.after === null || r.after.band !== r.before.band,
      })),
    },
  };
}

const whole = (v: unknown, min: number, max: number): number | null => {
  if (typeof v !== 'string' || !/^\d{1,4}$/.test(v.trim())) return null;
  const n = Number(v.trim());
  return n >= min && n <= max ? n : null;
};

/** The what-if form's answers as a scenario, or what to fix. Nothing asked yet is no scenario and no problem. */
export function readScenario(q: Record<string, string | undefined>, day: number): { scenario: Scenario | null; problems: FieldProblem[] } {
  const kind = q.kind;
  if (kind === undefined || kind === '') return { scenario: null, problems: [] };
  const person = typeof q.practitioner === 'string' && q.practitioner ? q.practitioner : null;
  switch (kind) {
    case 'leaver':
      return person ? { scenario: { kind: 'leaver', practitionerId: person }, problems: [] } : { scenario: null, problems: [{ field: 'practitioner', message: 'Choose who leaves.' }] };
    case 'absence': {
      const days = whole(q.days, 1, 365);
      const problems: FieldProblem[] = [];
      if (!person) problems.push({ field: 'practitioner', message: 'Choose who is away.' });
      if (days === null) problems.push({ field: 'days', message: 'Enter the number of days away, from 1 to 365.' });
      return problems.length ? { scenario: null, problems } : { scenario: { kind: 'absence', practitionerId: person!, start: day, end: day + days! - 1 }, problems };
    }
    case 'starter':
      return { scenario: { kind: 'starter', role: 'social_worker', asye: q.asye === 'yes', fte: 1, contractedWeeklyHours: 37 }, problems: [] };
    case 'more_cases': {
      const count = whole(q.count, 1, 200);
      const type = WHAT_IF_CASE_TYPES.find((t) => t.value === q.caseType)?.value ?? 'cin_plan';
      return count === null ? { scenario: null, problems: [{ field: 'count', message: 'Enter how many more cases a month, from 1 to 200.' }] } : { scenario: { kind: 'more_cases', caseType: type, count }, problems: [] };
    }
    default:
      return { scenario: null, problems: [{ field: 'kind', message: 'Choose what to try.' }] };
  }
}

function scenarioHeading(form: Record<string, string>, people: { practitionerId: string; name: string }[], teamName: string, on: string): string {
  const who = people.find((p) => p.practitionerId === form.practitioner)?.name ?? 'someone';
  switch (form.kind) {
    case 'leaver': return `If ${who} leaves on ${on}`;
    case 'absence': return `If ${who} is away for ${form.days} days from ${on}`;
    case 'starter': return `If ${form.asye === 'yes' ? 'a newly qualified social worker' : 'an experienced social worker'} joins ${teamName} on ${on}`;
    default: return `If ${teamName} receives ${form.count} more cases a month from ${on}`;
  }
}

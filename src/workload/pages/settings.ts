import { en } from '../../platform/web/locales/en.ts';
import { formErrors } from '../../platform/web/forms.ts';
import { formatNumber, formatPercent } from '../../platform/web/nunjucks.ts';
import { describeInterval } from '../model/intervals.ts';
import { parseWorkloadConfig, STATUS_NAMES, type CaseStatus, type Rule, type WorkloadConfig } from '../model/index.ts';
import { scalarFieldFor, scalarFields } from './settings-fields.ts';

export interface StoredVersion {
  version: number;
  config: WorkloadConfig;
  note: string;
  createdBy: string;
  createdAt: string | null;
}

export interface FieldProblem {
  /** The id of the form field, for the error summary's link. */
  field: string;
  message: string;
}

export type FormValues = Record<string, string>;

const ESTIMATES = ['low', 'central', 'high'] as const;
export const hoursField = (code: string, k: (typeof ESTIMATES)[number]) => `hours-${code}-${k}`;

/** The form's values for a configuration: what the inputs show before anyone edits them. */
export function formValuesFor(config: WorkloadConfig): FormValues {
  const values: FormValues = { greenUpTo: String(round(config.bands.greenUpTo * 100)), amberUpTo: String(round(config.bands.amberUpTo * 100)), note: '' };
  for (const a of config.activities) for (const k of ESTIMATES) values[hoursField(a.code, k)] = String(a.hours[k]);
  for (const f of scalarFields(config)) values[f.id] = String(round(f.get(config) * f.scale));
  return values;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Reads the posted form onto a copy of the current configuration and checks it with the same
 * validation the model uses (parseWorkloadConfig). Problems come back keyed by form field.
 */
export function readSettingsForm(body: Record<string, unknown>, current: WorkloadConfig):
  { ok: true; config: WorkloadConfig; values: FormValues; note: string } | { ok: false; values: FormValues; problems: FieldProblem[] } {
  const values: FormValues = {};
  const problems: FieldProblem[] = [];
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  const number = (name: string, label: string): number => {
    const raw = text(name);
    values[name] = raw;
    if (raw === '') {
      problems.push({ field: name, message: `Enter ${label}` });
      return Number.NaN;
    }
    const n = Number(raw);
    if (!Number.isFinite(n)) problems.push({ field: name, message: `${capitalise(label)} must be a number, like 2.5` });
    return n;
  };

  const draft = structuredClone(current);
  for (const a of draft.activities) {
    for (const k of ESTIMATES) a.hours[k] = number(hoursField(a.code, k), `the ${k} hours for ${a.name.toLowerCase()}`);
  }
  const green = number('greenUpTo', 'where the safe (green) band ends');
  const amber = number('amberUpTo', 'where the amber band ends');
  draft.bands = { ...draft.bands, greenUpTo: green / 100, amberUpTo: amber / 100 };
  // Older forms (or a trimmed post) may leave a field out: it keeps its current value.
  for (const f of scalarFields(draft)) {
    if (body[f.id] === undefined) continue;
    f.set(draft, number(f.id, f.label.toLowerCase()) / f.scale);
  }
  const note = text('note');
  values.note = note;
  if (note.length < 5) problems.push({ field: 'note', message: 'Say what you changed and why, in a few words' });
  else if (note.length > 500) problems.push({ field: 'note', message: 'Keep the note under 500 characters' });

  // The model's own rules run on the same draft every time (a field that is not a number keeps
  // its current value for this check), so every problem is reported at once, not in rounds.
  const checkable = structuredClone(draft);
  const unreadable = new Set(problems.map((p) => p.field));
  restoreUnreadable(checkable, current, unreadable);
  const parsed = parseWorkloadConfig(checkable);
  if (parsed.ok && problems.length === 0) return { ok: true, config: parsed.config, values, note };
  if (!parsed.ok) {
    for (const p of parsed.problems) {
      const field = fieldFor(p.field, checkable);
      if (unreadable.has(field)) continue;
      problems.push({ field, message: namedMessage(p.field, p.message.replace(/\.$/, ''), checkable) });
    }
  }
  // In the order the fields appear on the page, so the error summary reads top to bottom.
  const order = new Map(pageOrder(current).map((id, i) => [id, i]));
  const ordered = dedupe(problems).sort((x, y) => (order.get(x.field) ?? 1e9) - (order.get(y.field) ?? 1e9));
  return { ok: false, values, problems: ordered };
}

/** The form's fields, top to bottom: each activity's hours, the bands, the other numbers, the note. */
function pageOrder(config: WorkloadConfig): string[] {
  return [
    ...config.activities.flatMap((a) => ESTIMATES.map((k) => hoursField(a.code, k))),
    'greenUpTo', 'amberUpTo',
    ...scalarFields(config).map((f) => f.id),
    'note',
  ];
}

/** Puts back the current value wherever the form's entry could not be read as a number. */
function restoreUnreadable(draft: WorkloadConfig, current: WorkloadConfig, unreadable: ReadonlySet<string>): void {
  draft.activities.forEach((a, i) => {
    for (const k of ESTIMATES) if (unreadable.has(hoursField(a.code, k))) a.hours[k] = current.activities[i]!.hours[k];
  });
  if (unreadable.has('greenUpTo')) draft.bands.greenUpTo = current.bands.greenUpTo;
  if (unreadable.has('amberUpTo')) draft.bands.amberUpTo = current.bands.amberUpTo;
  for (const f of scalarFields(draft)) {
    if (!unreadable.has(f.id)) continue;
    const was = scalarFields(current).find((c) => c.id === f.id);
    if (was) f.set(draft, was.get(current));
  }
}

/** "Child protection visit: high hours must be at least the central hours" — the model's message, naming the activity. */
function namedMessage(path: string, message: string, config: WorkloadConfig): string {
  const activity = /^activities\.(\d+)/.exec(path);
  const name = activity ? config.activities[Number(activity[1])]?.name : undefined;
  return name ? `${name}: ${message.charAt(0).toLowerCase()}${message.slice(1)}` : message;
}

/** A model validation path ("activities.3.hours") → the form field that holds it. */
function fieldFor(path: string, config: WorkloadConfig): string {
  const scalar = scalarFieldFor(path, scalarFields(config));
  if (scalar) return scalar.id;
  const activity = /^activities\.(\d+)\.hours(?:\.(low|central|high))?/.exec(path);
  if (activity) {
    const code = config.activities[Number(activity[1])]?.code ?? '';
    return hoursField(code, (activity[2] as (typeof ESTIMATES)[number] | undefined) ?? 'central');
  }
  if (path.startsWith('bands.amberUpTo')) return 'amberUpTo';
  if (path.startsWith('bands')) return 'greenUpTo';
  return 'note';
}

const dedupe = (problems: FieldProblem[]) => [...new Map(problems.map((p) => [p.field, p])).values()];
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case 'monthly': return rule.perMonth === 1 ? 'Every month' : `${formatNumber(rule.perMonth)} times a month`;
    case 'once': return `Once, within ${describeInterval(rule.within)}`;
    case 'recurring': {
      const parts = [`first within ${describeInterval(rule.first)}`];
      if (rule.second) parts.push(`second within ${describeInterval(rule.second)}`);
      parts.push(`then every ${describeInterval(rule.every)}`);
      if (rule.later) parts.push(`after ${describeInterval(rule.later.after)}, every ${describeInterval(rule.later.every)}${rule.later.onlyIfLongTermPlacement ? ' for long-term placements' : ''}`);
      const text = parts.join(', ');
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
  }
}

export interface BandCounts { green: number; amber: number; red: number; cover: number; none: number }
export interface PreviewPerson { practitionerId: string; name: string; teamId: string; band: string; ratio: number | null }

/** What changes if the draft replaces the current model: who changes band, and the counts. */
export function comparePreview(before: readonly PreviewPerson[], after: readonly PreviewPerson[]) {
  const count = (people: readonly PreviewPerson[]) => {
    const c: BandCounts = { green: 0, amber: 0, red: 0, cover: 0, none: 0 };
    for (const p of people) c[p.band as keyof BandCounts] += 1;
    return c;
  };
  const afterBy = new Map(after.map((p) => [p.practitionerId, p]));
  const moved = before
    .map((b) => ({ before: b, after: afterBy.get(b.practitionerId) }))
    .filter((x): x is { before: PreviewPerson; after: PreviewPerson } => x.after !== undefined && x.after.band !== x.before.band)
    .map(({ before: b, after: a }) => ({
      name: b.name, teamId: b.teamId, href: `/practitioners/${encodeURIComponent(b.practitionerId)}`,
      from: en.bands[b.band] ?? b.band, to: en.bands[a.band] ?? a.band,
      ratioFrom: formatPercent(b.ratio), ratioTo: formatPercent(a.ratio),
    }))
    .sort((x, y) => x.teamId.localeCompare(y.teamId) || x.name.localeCompare(y.name));
  const b = count(before);
  const a = count(after);
  return {
    moved,
    counts: (['green', 'amber', 'red', 'cover', 'none'] as const).map((band) => ({ band, text: en.bands[band]!, before: b[band], after: a[band], change: a[band] - b[band] })),
  };
}

export interface SettingsViewInput {
  current: StoredVersion;
  canEdit: boolean;
  values?: FormValues;
  problems?: FieldProblem[];
  preview?: ReturnType<typeof comparePreview> | null;
  saved?: number | null;
}

/** The settings page: the catalogue and bands with their sources, and the edit form when allowed. */
export function toSettingsView(input: SettingsViewInput) {
  const { config, version } = input.current;
  const values = input.values ?? formValuesFor(config);
  const problems = input.problems ?? [];
  const errorFor = (field: string) => problems.find((p) => p.field === field)?.message ?? null;
  const scalars = scalarFields(config);
  return {
    title: 'Workload model settings',
    version,
    name: config.name,
    note: input.current.note,
    createdBy: input.current.createdBy,
    createdAt: input.current.createdAt,
    canEdit: input.canEdit,
    saved: input.saved ?? null,
    errorSummary: formErrors(problems).errorSummary,
    bands: {
      green: formatPercent(config.bands.greenUpTo), amber: formatPercent(config.bands.amberUpTo), source: config.bands.source,
      greenField: { id: 'greenUpTo', value: values.greenUpTo ?? '', error: errorFor('greenUpTo') },
      amberField: { id: 'amberUpTo', value: values.amberUpTo ?? '', error: errorFor('amberUpTo') },
    },
    activities: config.activities.map((a) => ({
      code: a.code,
      name: a.name,
      status: a.status === 'open_case' ? 'Every open case' : STATUS_NAMES[a.status as CaseStatus],
      rule: describeRule(a.rule),
      ruleSource: a.ruleSource,
      hoursSource: a.hoursSource,
      hours: `${formatNumber(a.hours.central)} (${formatNumber(a.hours.low)} to ${formatNumber(a.hours.high)})`,
      fields: ESTIMATES.map((k) => {
        const id = hoursField(a.code, k);
        return { id, estimate: k, label: `${capitalise(k)} hours`, value: values[id] ?? '', error: errorFor(id) };
      }),
      ruleFields: scalars.filter((f) => f.activityCode === a.code).map((f) => ({ id: f.id, label: f.label, suffix: f.suffix, value: values[f.id] ?? '', error: errorFor(f.id) })),
    })),
    factorFields: scalars.filter((f) => f.group === 'factor').map((f) => ({ id: f.id, label: f.label, suffix: f.suffix, value: values[f.id] ?? '', error: errorFor(f.id) })),
    factorSources: [config.siblings.source, config.factors.interpreter.source, config.factors.disability.source, config.factors.exploitationOrMissing.source],
    capacityFields: scalars.filter((f) => f.group === 'capacity').map((f) => ({ id: f.id, label: f.label, suffix: f.suffix, value: values[f.id] ?? '', error: errorFor(f.id) })),
    caseworkShareSource: config.capacity.caseworkShareSource,
    capacity: [
      { key: 'Full-time hours a week', value: formatNumber(config.capacity.fullTimeWeeklyHours), source: config.capacity.leaveSource },
      { key: 'Annual leave and bank holidays', value: `${formatNumber(config.capacity.annualLeaveDays)} + ${formatNumber(config.capacity.bankHolidayDays)} days`, source: config.capacity.leaveSource },
      ...config.capacity.protectedTime.map((p) => ({ key: p.name, value: `${formatNumber(p.hoursPerMonth)} hours a month`, source: p.source })),
      { key: `ASYE (${config.capacity.asye.policy})`, value: `${formatPercent(config.capacity.asye.developmentShare)} development time for ${config.capacity.asye.months} months, plus ${formatNumber(config.capacity.asye.extraSupervisionHoursPerMonth)} hours supervision a month`, source: config.capacity.asye.source },
    ],
    noteField: { id: 'note', value: values.note ?? '', error: errorFor('note') },
    preview: input.preview ?? null,
  };
}


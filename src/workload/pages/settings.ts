import { en } from '../../platform/web/locales/en.ts';
import { formErrors } from '../../platform/web/forms.ts';
import { formatNumber, formatPercent } from '../../platform/web/nunjucks.ts';
import { describeInterval } from '../model/intervals.ts';
import { checkWorkloadConfig, STATUS_NAMES, type ConfigIssue, type CaseStatus, type Rule, type WorkloadConfig } from '../model/index.ts';
import { scalarFields, type ScalarField } from './settings-fields.ts';

export interface StoredVersion {
  version: number;
  config: WorkloadConfig;
  note: string;
  /** The name of whoever saved it. */
  createdBy: string;
  createdAt: Date | null;
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

/** One number on the form, with the words its error messages use and where the model keeps it. */
interface FormField {
  id: string;
  /** Whose number it is, at the start of each message: the activity's name, or the field's own label. */
  owner: string;
  subject: string;
  /** Model path the model's validation reports for it. */
  path: string;
  scale: number;
  percent: boolean;
  whole: boolean;
  get(config: WorkloadConfig): number;
  set(config: WorkloadConfig, value: number): void;
}

/** Where a field's label reads badly at the start of a message. */
const OWNERS: Record<string, string> = { 'siblings-share': 'Later siblings', 'factor-exploitation-lookback': 'Exploitation or missing episodes counted' };

/** The form's numbers, top to bottom as the page shows them: bands, each activity's rule then hours, factors, capacity. */
function formFields(config: WorkloadConfig): FormField[] {
  const scalars = scalarFields(config);
  const fromScalar = (f: ScalarField, owner: string): FormField => ({
    id: f.id, owner, subject: f.subject, path: f.path, scale: f.scale, percent: f.suffix.startsWith('%'), whole: f.whole, get: f.get, set: f.set,
  });
  const band = (id: 'greenUpTo' | 'amberUpTo', owner: string): FormField => ({
    id, owner, subject: 'where it ends', path: `bands.${id}`, scale: 100, percent: true, whole: false,
    get: (c) => c.bands[id], set: (c, v) => { c.bands[id] = v; },
  });
  return [
    band('greenUpTo', 'Safe band'),
    band('amberUpTo', 'Amber band'),
    ...config.activities.flatMap((a, i) => [
      ...scalars.filter((f) => f.activityCode === a.code).map((f) => fromScalar(f, a.name)),
      ...ESTIMATES.map((k): FormField => ({
        id: hoursField(a.code, k), owner: a.name, subject: `${k} hours`, path: `activities.${i}.hours.${k}`, scale: 1, percent: false, whole: false,
        get: (c) => c.activities[i]!.hours[k], set: (c, v) => { c.activities[i]!.hours[k] = v; },
      })),
    ]),
    ...scalars.filter((f) => f.group === 'factor').map((f) => fromScalar(f, OWNERS[f.id] ?? f.label)),
    ...scalars.filter((f) => f.group === 'capacity').map((f) => fromScalar(f, f.id.startsWith('capacity-casework-') ? `Casework share of a ${lowerFirst(f.label.replace(/^Casework share: /, ''))}` : f.label)),
  ];
}

const NOTE = { min: 5, max: 500 };

/**
 * Reads the posted form onto a copy of the current configuration and checks it with the same
 * validation the model uses. Every problem comes back at once, keyed by form field, in the order
 * the fields appear on the page, each naming its activity ("Child protection visit: high hours
 * must be at least the central hours"). The values as entered are kept to show again.
 */
export function readSettingsForm(body: Record<string, unknown>, current: WorkloadConfig):
  { ok: true; config: WorkloadConfig; values: FormValues; note: string } | { ok: false; values: FormValues; problems: FieldProblem[] } {
  const values: FormValues = {};
  const problems: FieldProblem[] = [];
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  const fields = formFields(current);
  const draft = structuredClone(current);
  const unreadable = new Set<string>();
  for (const f of fields) {
    // Older forms (or a trimmed post) may leave a field out: it keeps its current value.
    const required = f.id.startsWith('hours-') || f.path.startsWith('bands.');
    if (!required && body[f.id] === undefined) continue;
    const raw = text(f.id);
    values[f.id] = raw;
    const n = raw === '' ? Number.NaN : Number(raw);
    if (raw === '') problems.push({ field: f.id, message: `${f.owner}: enter ${/^(the|where) /.test(f.subject) ? f.subject : `the ${f.subject}`}` });
    else if (!Number.isFinite(n)) problems.push({ field: f.id, message: `${f.owner}: ${f.subject} must be a number, like ${f.whole ? '3' : f.percent ? '85' : '2.5'}` });
    // A number that cannot be read keeps its current value for the model's check, so the rest is still checked.
    if (!Number.isFinite(n)) unreadable.add(f.id);
    else f.set(draft, n / f.scale);
  }
  const note = text('note');
  values.note = note;
  if (note.length < NOTE.min) problems.push({ field: 'note', message: 'Say what you changed and why, in a few words' });
  else if (note.length > NOTE.max) problems.push({ field: 'note', message: `Keep the note under ${NOTE.max} characters` });

  const checked = checkWorkloadConfig(draft);
  if (checked.ok && problems.length === 0) return { ok: true, config: checked.config, values, note };
  if (!checked.ok) {
    for (const issue of checked.issues) {
      const field = fieldForIssue(issue.field, fields);
      if (!field || unreadable.has(field.id)) continue;
      problems.push({ field: field.id, message: messageFor(field, issue) });
    }
  }
  // In the order the fields appear on the page, so the error summary reads top to bottom.
  const order = new Map([...fields.map((f) => f.id), 'note'].map((id, i) => [id, i]));
  const ordered = dedupe(problems).sort((x, y) => (order.get(x.field) ?? 1e9) - (order.get(y.field) ?? 1e9));
  return { ok: false, values, problems: ordered };
}

/** The field a model validation path ("activities.3.rule.every.n", "bands") belongs to: the longest match. */
function fieldForIssue(path: string, fields: readonly FormField[]): FormField | undefined {
  if (path === 'bands') return fields.find((f) => f.id === 'greenUpTo');
  return fields.filter((f) => path === f.path || path.startsWith(`${f.path}.`)).sort((a, b) => b.path.length - a.path.length)[0];
}

/** The model's refusal in the form's words and units (a share as a percentage), naming whose number it is. */
function messageFor(field: FormField, issue: ConfigIssue): string {
  const shown = (v: number) => `${formatNumber(round(v * field.scale))}${field.percent ? '%' : ''}`;
  const b = issue.bound;
  let rule: string;
  if (!b) rule = lowerFirst(issue.message.replace(/\.$/, ''));
  else if (b.kind === 'whole') rule = `${field.subject} must be a whole number`;
  else if (b.kind === 'max') rule = `${field.subject} cannot be more than ${shown(b.value)}`;
  else if (b.value === 0 && b.inclusive) rule = `${field.subject} cannot be negative`;
  else if (b.value === 0 && field.whole) rule = `${field.subject} must be at least 1`;
  else rule = b.inclusive ? `${field.subject} cannot be less than ${shown(b.value)}` : `${field.subject} must be more than ${shown(b.value)}`;
  // A factor below 1 would take time away: say what to enter instead.
  if (b?.kind === 'min' && field.subject === 'the factor') rule += ' (use 1 for no extra time)';
  if (field.id === 'greenUpTo' && !b) rule = 'it must end below the amber band';
  return `${field.owner}: ${rule}`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
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
      { key: 'Share of time for casework', value: `${formatPercent(config.capacity.caseworkTime.central)} (${formatPercent(config.capacity.caseworkTime.low)} to ${formatPercent(config.capacity.caseworkTime.high)})`, source: config.capacity.caseworkTime.source },
      ...config.taskHours.map((t) => ({
        key: scalars.find((f) => f.id === `task-hours-${t.type}`)!.label,
        value: `${formatNumber(t.hours.central)} hours (${formatNumber(t.hours.low)} to ${formatNumber(t.hours.high)}), out of the case's ${t.from.join(' and ')} time`,
        source: t.source,
      })),
      { key: 'Business support time for tasks handed over', value: formatPercent(config.businessSupport.taskShare), source: config.businessSupport.source },
    ],
    noteField: { id: 'note', value: values.note ?? '', error: errorFor('note') },
    preview: input.preview ?? null,
  };
}


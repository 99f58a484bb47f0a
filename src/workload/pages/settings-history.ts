import { ukDateTime } from '../../kernel/time.ts';
import { formErrors } from '../../platform/web/forms.ts';
import { formatNumber } from '../../platform/web/nunjucks.ts';
import { ROLE_NAMES } from '../../workforce/model.ts';
import { diffConfigs, STATUS_NAMES, type CaseStatus, type ConfigChange, type Json, type WorkloadConfig } from '../model/index.ts';
import { describeRule, type FieldProblem } from './settings.ts';

/** One saved version, as the history lists it. */
export interface HistoryEntry {
  version: number;
  /** Why it was saved (required on every save and restore). */
  note: string;
  /** The saver's name. */
  createdBy: string;
  createdAt: Date;
  /** The earlier version this one restored, if it was a restore. */
  restoredFrom: number | null;
}

/** A version with the one it is compared with: the one before it (or the built-in defaults), or the one in use. */
export interface VersionComparison {
  entry: HistoryEntry;
  config: WorkloadConfig;
  against: 'previous' | 'current';
  /** entry null: Caseweight's built-in defaults, before the first saved version. */
  other: { entry: HistoryEntry | null; config: WorkloadConfig };
  currentVersion: number;
  canEdit: boolean;
}

export const HISTORY_PATH = '/settings/workload-model/history';
export const versionPath = (version: number, against?: 'current') => `${HISTORY_PATH}/${version}${against ? '?against=current' : ''}`;

/** The history page: newest first, each with who, when, why and a link to what changed. */
export function toHistoryView(entries: readonly HistoryEntry[], restored?: number | null) {
  return {
    title: 'Workload model settings: earlier versions',
    restored: restored ?? null,
    versions: entries.map((e, i) => ({
      version: e.version,
      current: i === 0,
      createdBy: e.createdBy,
      createdAt: e.createdAt,
      note: e.note,
      restoredFrom: e.restoredFrom,
      href: versionPath(e.version),
      label: `What changed in version ${e.version}`,
    })),
  };
}

export interface ChangeRow { field: string; before: string; after: string }
export interface ChangeGroup { heading: string; rows: ChangeRow[] }

/**
 * The differences from `before` to `after` in plain words: grouped as the settings page is (safe
 * bands, each activity by its name, siblings and complexity, capacity), each row a field's old
 * and new value as the page shows them (shares as percentages, rules as sentences).
 */
export function describeChanges(before: WorkloadConfig, after: WorkloadConfig): ChangeGroup[] {
  const groups = new Map<string, ChangeRow[]>();
  const add = (heading: string, row: ChangeRow) => {
    const rows = groups.get(heading) ?? [];
    // A rule is one sentence: several of its numbers changing is still one row.
    if (!rows.some((r) => r.field === row.field && r.before === row.before && r.after === row.after)) rows.push(row);
    groups.set(heading, rows);
  };
  const activityName = (code: string) => after.activities.find((a) => a.code === code)?.name ?? before.activities.find((a) => a.code === code)?.name ?? 'An activity';
  for (const change of diffConfigs(before as unknown as Json, after as unknown as Json)) {
    const keys = change.path.map((s) => ('key' in s ? s.key : s.code));
    if (keys[0] === 'activities' && change.path.length === 1) {
      activityListChanges(before, after, add);
      continue;
    }
    if (keys[0] === 'activities') {
      const code = keys[1]!;
      const a = { before: before.activities.find((x) => x.code === code), after: after.activities.find((x) => x.code === code) };
      add(activityName(code), activityRow(keys.slice(2), change, a));
      continue;
    }
    const { heading, row } = settingRow(keys, change, before, after);
    add(heading, row);
  }
  const order = ['Safe bands', ...after.activities.map((a) => a.name), 'Activities', 'Siblings and complexity', 'Capacity', 'Other settings'];
  return [...groups.entries()]
    .sort(([x], [y]) => rank(order, x) - rank(order, y))
    .map(([heading, rows]) => ({ heading, rows }));
}

const rank = (order: readonly string[], heading: string) => (order.includes(heading) ? order.indexOf(heading) : order.length);
const NOT_SET = 'Not set';
const percent = (v: Json | undefined) => (typeof v === 'number' ? `${formatNumber(Math.round(v * 10000) / 100)}%` : plain(v));

/** Any value in plain words: numbers as the page shows them, lists joined, yes and no. */
function plain(v: Json | undefined): string {
  if (v === undefined || v === null) return NOT_SET;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'string') return v === '' ? NOT_SET : words(v);
  if (Array.isArray(v)) return v.length === 0 ? 'None' : v.map((x) => plain(x)).join(', ');
  return Object.entries(v).map(([k, x]) => `${words(k)}: ${plain(x)}`).join('; ');
}

/** A code or key as words: "cp_plan" → "Child protection plan", "fullTimeWeeklyHours" → "full time weekly hours". */
function words(s: string): string {
  if (s in STATUS_NAMES) return STATUS_NAMES[s as CaseStatus];
  if (s in ROLE_NAMES) return ROLE_NAMES[s]!;
  if (!/^[a-z][A-Za-z0-9_]*$/.test(s)) return s;
  return s.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const ACTIVITY_FIELDS: Record<string, string> = {
  name: 'Name', status: 'For cases', category: 'Kind of work', ruleSource: 'Source of when it happens', hoursSource: 'Source of the hours',
};

function activityRow(keys: readonly string[], change: ConfigChange, a: { before?: WorkloadConfig['activities'][number]; after?: WorkloadConfig['activities'][number] }): ChangeRow {
  const [first, second] = keys;
  if (first === 'hours' && second) return { field: `${sentence(second)} hours`, before: plain(change.before), after: plain(change.after) };
  if (first === 'rule') return { field: 'When', before: a.before ? describeRule(a.before.rule) : NOT_SET, after: a.after ? describeRule(a.after.rule) : NOT_SET };
  if (first === 'travel') {
    const travel = (x: typeof a.before) => (x?.travel ? `${formatNumber(x.travel.extraHours.central)} hours more beyond ${formatNumber(x.travel.beyondMiles)} miles (${formatNumber(x.travel.extraHours.low)} to ${formatNumber(x.travel.extraHours.high)})` : NOT_SET);
    return { field: 'Extra travel for placements far away', before: travel(a.before), after: travel(a.after) };
  }
  if (first === 'status') return { field: 'For cases', before: change.before === 'open_case' ? 'Every open case' : plain(change.before), after: change.after === 'open_case' ? 'Every open case' : plain(change.after) };
  return { field: ACTIVITY_FIELDS[first ?? ''] ?? sentence(keys.map(words).join(' ')), before: plain(change.before), after: plain(change.after) };
}

/** Activities added or removed (the list as a whole changed): each named, and what changed in those kept. */
function activityListChanges(before: WorkloadConfig, after: WorkloadConfig, add: (heading: string, row: ChangeRow) => void): void {
  const was = new Map(before.activities.map((a) => [a.code, a]));
  const now = new Map(after.activities.map((a) => [a.code, a]));
  for (const a of after.activities) if (!was.has(a.code)) add('Activities', { field: 'Activity added', before: NOT_SET, after: a.name });
  for (const a of before.activities) if (!now.has(a.code)) add('Activities', { field: 'Activity removed', before: a.name, after: NOT_SET });
  for (const a of after.activities) {
    const old = was.get(a.code);
    if (!old) continue;
    for (const change of diffConfigs(old as unknown as Json, a as unknown as Json)) {
      add(a.name, activityRow(change.path.map((s) => ('key' in s ? s.key : s.code)), change, { before: old, after: a }));
    }
  }
  const order = (c: WorkloadConfig) => c.activities.filter((x) => was.has(x.code) && now.has(x.code)).map((x) => x.code).join();
  if (order(before) !== order(after)) add('Activities', { field: 'Order of activities', before: before.activities.map((x) => x.name).join(', '), after: after.activities.map((x) => x.name).join(', ') });
}

const FACTOR_NAMES: Record<string, string> = { interpreter: 'Interpreter needed', disability: 'Disability or complex health', exploitationOrMissing: 'Exploitation or missing episodes' };
const CAPACITY_FIELDS: Record<string, string> = {
  fullTimeWeeklyHours: 'Full-time hours a week', annualLeaveDays: 'Annual leave (days a year)', bankHolidayDays: 'Bank holidays (days a year)',
  leaveSource: 'Source of the hours and leave', caseworkShareSource: 'Source of the casework shares', reducingAbsenceKinds: 'Absences that reduce capacity',
};
const ASYE_FIELDS: Record<string, string> = {
  policy: 'ASYE policy', months: 'ASYE lasts (months)', developmentShare: 'ASYE development time', extraSupervisionHoursPerMonth: 'ASYE extra supervision (hours a month)', source: 'Source of the ASYE rules',
};

function settingRow(keys: readonly string[], change: ConfigChange, before: WorkloadConfig, after: WorkloadConfig): { heading: string; row: ChangeRow } {
  const row = (field: string, format: (v: Json | undefined) => string = plain): ChangeRow => ({ field, before: format(change.before), after: format(change.after) });
  const [first, second, third] = keys;
  switch (first) {
    case 'bands':
      if (second === 'greenUpTo') return { heading: 'Safe bands', row: row('Safe band ends at', percent) };
      if (second === 'amberUpTo') return { heading: 'Safe bands', row: row('Amber band ends at', percent) };
      return { heading: 'Safe bands', row: row(second === 'source' ? 'Source of the bands' : 'Bands', second ? plain : (v) => bandsText(v)) };
    case 'siblings':
      if (second === 'share') return { heading: 'Siblings and complexity', row: row('Time a later sibling adds', percent) };
      if (second === 'categories') return { heading: 'Siblings and complexity', row: row('Work a later sibling shares') };
      return { heading: 'Siblings and complexity', row: row('Source of the sibling share') };
    case 'factors': {
      const name = FACTOR_NAMES[second ?? ''] ?? 'A complexity factor';
      if (third === 'multiplier') return { heading: 'Siblings and complexity', row: row(`${name}: times direct work`) };
      if (third === 'lookbackMonths') return { heading: 'Siblings and complexity', row: row(`${name}: months of episodes counted`) };
      if (third === 'categories') return { heading: 'Siblings and complexity', row: row(`${name}: work it applies to`) };
      if (third === 'source') return { heading: 'Siblings and complexity', row: row(`${name}: source`) };
      return { heading: 'Siblings and complexity', row: row(name) };
    }
    case 'capacity': {
      if (second === 'protectedTime' && third) {
        const name = after.capacity.protectedTime.find((p) => p.code === third)?.name ?? before.capacity.protectedTime.find((p) => p.code === third)?.name ?? 'Protected time';
        const field = keys[3] === 'hoursPerMonth' ? `${name} (hours a month)` : keys[3] === 'source' ? `${name}: source` : keys[3] === 'scalesWithFte' ? `${name}: less for part-time staff` : name;
        return { heading: 'Capacity', row: row(field) };
      }
      if (second === 'protectedTime') return { heading: 'Capacity', row: row('Protected time', (v) => (Array.isArray(v) ? v.map((p) => (p && typeof p === 'object' && !Array.isArray(p) ? String(p.name) : plain(p))).join(', ') : plain(v))) };
      if (second === 'asye') return third ? { heading: 'Capacity', row: row(ASYE_FIELDS[third] ?? 'ASYE', third === 'developmentShare' ? percent : plain) } : { heading: 'Capacity', row: row('ASYE') };
      if (second === 'caseworkTime') {
        const which: Record<string, string> = { low: 'Share of time for casework, lowest', central: 'Share of time for casework, central', high: 'Share of time for casework, highest', source: 'Source of the share of time for casework' };
        return { heading: 'Capacity', row: row(which[third ?? ''] ?? 'Share of time for casework', third === 'source' ? plain : percent) };
      }
      if (second === 'caseworkShareByRole') {
        return third ? { heading: 'Capacity', row: row(`Casework share of a ${(ROLE_NAMES[third] ?? words(third)).toLowerCase()}`, percent) } : { heading: 'Capacity', row: row('Casework shares') };
      }
      return { heading: 'Capacity', row: row(CAPACITY_FIELDS[second ?? ''] ?? sentence(words(second ?? 'capacity'))) };
    }
    case 'name': return { heading: 'Other settings', row: row('Name of the settings') };
    case 'horizonDays': return { heading: 'Other settings', row: row('Days counted as a month') };
    case 'supersedes': return { heading: 'Other settings', row: row(`Work a ${STATUS_NAMES[second as CaseStatus]?.toLowerCase() ?? 'status'} replaces`) };
    default: return { heading: 'Other settings', row: row(sentence(keys.map(words).join(' ') || 'Settings')) };
  }
}

function bandsText(v: Json | undefined): string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return plain(v);
  return `Safe up to ${percent(v.greenUpTo)}, amber up to ${percent(v.amberUpTo)}`;
}

export interface RestoreFormInput { values?: { reason: string }; problems?: FieldProblem[] }

/** One version's page: who, when and why; what changed; and, for those who may, restoring it. */
export function toVersionView(c: VersionComparison, form: RestoreFormInput = {}) {
  const { entry, other } = c;
  const isCurrent = entry.version === c.currentVersion;
  const problems = form.problems ?? [];
  const otherName = other.entry ? `version ${other.entry.version}` : 'Caseweight’s built-in defaults';
  // Against the version in use: what restoring this one would change back (the in-use version first).
  const groups = describeChanges(other.config, c.config);
  return {
    title: `Version ${entry.version} of the workload model settings`,
    version: entry.version,
    createdBy: entry.createdBy,
    createdAt: entry.createdAt,
    note: entry.note,
    restoredFrom: entry.restoredFrom,
    summary: [
      { key: { text: 'Saved' }, value: { text: ukDateTime(entry.createdAt) } },
      { key: { text: 'By' }, value: { text: entry.createdBy } },
      { key: { text: 'Why' }, value: { text: entry.note } },
      ...(entry.restoredFrom ? [{ key: { text: 'Restores' }, value: { text: `Version ${entry.restoredFrom}` } }] : []),
    ],
    isCurrent,
    against: c.against,
    comparedWith: otherName,
    beforeLabel: c.against === 'current' ? `In use now (version ${c.currentVersion})` : sentence(otherName),
    afterLabel: `Version ${entry.version}`,
    groups,
    previousHref: versionPath(entry.version),
    currentHref: versionPath(entry.version, 'current'),
    historyHref: HISTORY_PATH,
    canRestore: c.canEdit && !isCurrent,
    restoreAction: `${versionPath(entry.version)}/restore`,
    errorSummary: formErrors(problems).errorSummary,
    reasonField: { id: 'reason', value: form.values?.reason ?? '', error: problems.find((p) => p.field === 'reason')?.message ?? null },
  };
}

/** The restore form: a reason, trimmed. */
export function readRestoreForm(body: Record<string, unknown>): { reason: string } {
  return { reason: typeof body.reason === 'string' ? body.reason.trim() : '' };
}

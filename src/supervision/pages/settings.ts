import type { FieldProblem } from '../../kernel/errors.ts';
import { formErrors } from '../../platform/web/forms.ts';
import { REFLECTIVE_ROLES, SCHEDULE_PRESETS, type SupervisionSettings } from '../model/settings.ts';
import type { SettingsData } from '../service/index.ts';

export interface SettingsForm {
  preset: string;
  minimumMinutes: string;
  roles: string[];
  note: string;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

export function readSettingsForm(body: Record<string, unknown>): SettingsForm {
  return { preset: String(body.preset ?? ''), minimumMinutes: String(body.minimumMinutes ?? ''), roles: list(body.roles), note: String(body.note ?? '') };
}

/** The form's answers over the current settings: a preset schedule, the shortest session that counts, the roles that may read reflective parts. */
export function settingsFromForm(current: SupervisionSettings, form: SettingsForm): { settings: unknown; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const preset = form.preset === 'lga' || form.preset === 'dfe' ? SCHEDULE_PRESETS[form.preset] : null;
  if (!preset) problems.push({ field: 'preset', message: 'Choose the schedule your council follows.' });
  const minutes = /^\d{1,3}$/.test(form.minimumMinutes.trim()) ? Number(form.minimumMinutes.trim()) : null;
  if (minutes === null) problems.push({ field: 'minimumMinutes', message: 'Enter the shortest session that counts as a whole number of minutes, like 90.' });
  if (form.note.trim() === '') problems.push({ field: 'note', message: 'Say what changed and why, for example "Following the DfE summary, agreed by the principal social worker".' });
  const roles = form.roles.filter((r) => (REFLECTIVE_ROLES as readonly string[]).includes(r));
  const schedule = { ...(preset ?? current.schedule), minimumMinutes: minutes ?? current.schedule.minimumMinutes };
  return { settings: { schedule, reflective: { ...current.reflective, roles } }, problems };
}

const presetOf = (s: SupervisionSettings) => (s.schedule.source === SCHEDULE_PRESETS.dfe.source ? 'dfe' : 'lga');

export function startingSettingsForm(data: SettingsData): SettingsForm {
  return { preset: presetOf(data.settings), minimumMinutes: String(data.settings.schedule.minimumMinutes), roles: [...data.settings.reflective.roles], note: '' };
}

export function toSettingsView(data: SettingsData, form: SettingsForm, problems: readonly FieldProblem[] = [], saved = false) {
  const { errorSummary, errors } = formErrors(problems);
  return {
    title: 'Supervision policy',
    errorSummary, errors, form, saved,
    version: data.version,
    mayChange: data.mayChange,
    source: data.settings.schedule.source,
    namedUsers: data.settings.reflective.userIds.length,
    presetItems: [
      { value: 'lga', text: 'LGA employer standard 5', hint: { text: SCHEDULE_PRESETS.lga.source }, checked: form.preset === 'lga' },
      { value: 'dfe', text: 'DfE support-for-social-workers summary', hint: { text: SCHEDULE_PRESETS.dfe.source }, checked: form.preset === 'dfe' },
    ],
    roleItems: [
      { value: 'service_manager', text: 'Heads of service and service managers', checked: form.roles.includes('service_manager') },
      { value: 'auditor', text: 'Auditors', checked: form.roles.includes('auditor') },
    ],
  };
}

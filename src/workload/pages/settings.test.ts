import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../model/index.ts';
import { comparePreview, describeRule, formValuesFor, readSettingsForm, toSettingsView } from './settings.ts';

const current = { version: 4, config: DEFAULT_CONFIG, note: 'Defaults', createdBy: 'Caseweight (demo data)', createdAt: new Date('2026-11-01T09:00:00Z') };

describe('workload model settings', () => {
  it('shows every activity and band with its source', () => {
    const view = toSettingsView({ current, canEdit: false });
    expect(view.activities).toHaveLength(DEFAULT_CONFIG.activities.length);
    for (const a of view.activities) {
      expect(a.ruleSource.length).toBeGreaterThan(0);
      expect(a.hoursSource.length).toBeGreaterThan(0);
    }
    expect(view.bands).toMatchObject({ green: '85%', amber: '100%' });
    expect(view.errorSummary).toEqual([]);
  });

  it('describes rules in plain words', () => {
    expect(describeRule({ kind: 'monthly', perMonth: 1 })).toBe('Every month');
    expect(describeRule({ kind: 'recurring', anchor: 'period_start', first: { n: 10, unit: 'working_days' }, every: { n: 1, unit: 'months' } }))
      .toBe('First within 10 working days, then every 1 month');
  });

  it('reads an unchanged form back to the same configuration', () => {
    const form = readSettingsForm({ ...formValuesFor(DEFAULT_CONFIG), note: 'No change' }, DEFAULT_CONFIG);
    expect(form.ok).toBe(true);
    if (form.ok) expect(form.config).toEqual(DEFAULT_CONFIG);
  });

  it('turns bad input into messages tied to each field, in the model’s own validation', () => {
    const form = readSettingsForm({ ...formValuesFor(DEFAULT_CONFIG), 'hours-cin_visit-central': 'two', note: 'x' }, DEFAULT_CONFIG);
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(form.problems.map((p) => p.field)).toEqual(['hours-cin_visit-central', 'note']);
    expect(form.values['hours-cin_visit-central']).toBe('two');

    const bands = readSettingsForm({ ...formValuesFor(DEFAULT_CONFIG), greenUpTo: '110', note: 'Try wider bands' }, DEFAULT_CONFIG);
    expect(bands.ok ? [] : bands.problems).toEqual([{ field: 'greenUpTo', message: 'Safe band: it must end below the amber band' }]);

    const order = readSettingsForm({ ...formValuesFor(DEFAULT_CONFIG), 'hours-cin_visit-low': '9', note: 'Low above central' }, DEFAULT_CONFIG);
    expect(order.ok ? [] : order.problems).toEqual([{ field: 'hours-cin_visit-low', message: 'Child in need visit: low hours must be no more than the central hours' }]);

    const view = toSettingsView({ current, canEdit: true, values: form.values, problems: form.problems });
    expect(view.errorSummary[0]).toEqual({ text: expect.stringContaining('must be a number'), href: '#hours-cin_visit-central' });
    expect(view.activities.find((a) => a.code === 'cin_visit')!.fields[1]!.error).toContain('must be a number');
  });

  it('previews who changes band, and the counts before and after', () => {
    const before = [{ practitionerId: 'A', name: 'Ann', teamId: 'T', band: 'green', ratio: 0.8 }, { practitionerId: 'B', name: 'Bo', teamId: 'T', band: 'green', ratio: 0.5 }];
    const after = [{ ...before[0]!, band: 'amber', ratio: 0.9 }, before[1]!];
    const preview = comparePreview(before, after);
    expect(preview.moved).toEqual([{ name: 'Ann', teamId: 'T', href: '/practitioners/A', from: 'Within safe band', to: 'Over safe band', ratioFrom: '80%', ratioTo: '90%' }]);
    expect(preview.counts.slice(0, 2)).toEqual([
      { band: 'green', text: 'Within safe band', before: 2, after: 1, change: -1 },
      { band: 'amber', text: 'Over safe band', before: 0, after: 1, change: 1 },
    ]);
  });
});

describe('editing the rest of the model', () => {
  it('changes how often an activity recurs, a factor, the sibling share and a casework share', () => {
    const form = readSettingsForm({
      ...formValuesFor(DEFAULT_CONFIG), 'rule-cp_visit-every': '15', 'factor-interpreter': '1.5', 'siblings-share': '60', 'capacity-casework-senior_practitioner': '50',
      'capacity-weekly-hours': '36', note: 'Local time audit, 2026',
    }, DEFAULT_CONFIG);
    expect(form.ok).toBe(true);
    if (!form.ok) return;
    const cpVisit = form.config.activities.find((a) => a.code === 'cp_visit')!;
    expect(cpVisit.rule.kind === 'recurring' && cpVisit.rule.every).toEqual({ n: 15, unit: 'working_days' });
    expect(form.config.factors.interpreter.multiplier).toBe(1.5);
    expect(form.config.siblings.share).toBeCloseTo(0.6);
    expect(form.config.capacity.caseworkShareByRole.senior_practitioner).toBeCloseTo(0.5);
    expect(form.config.capacity.fullTimeWeeklyHours).toBe(36);
    // Nothing else moved.
    expect(form.config.activities.find((a) => a.code === 'cin_visit')).toEqual(DEFAULT_CONFIG.activities.find((a) => a.code === 'cin_visit'));
  });

  it('changes a business support task\'s hours, its low and high in proportion, and their share of time for tasks', () => {
    const form = readSettingsForm({ ...formValuesFor(DEFAULT_CONFIG), 'task-hours-letter': '3', 'business-support-task-share': '50', note: 'Letters take longer here' }, DEFAULT_CONFIG);
    expect(form.ok).toBe(true);
    if (!form.ok) return;
    const before = DEFAULT_CONFIG.taskHours.find((t) => t.type === 'letter')!.hours;
    const letter = form.config.taskHours.find((t) => t.type === 'letter')!.hours;
    expect(letter.central).toBe(3);
    expect(letter.low / letter.central).toBeCloseTo(before.low / before.central, 3);
    expect(letter.high / letter.central).toBeCloseTo(before.high / before.central, 3);
    expect(form.config.businessSupport.taskShare).toBeCloseTo(0.5);
    expect(form.config.taskHours.find((t) => t.type === 'minutes')).toEqual(DEFAULT_CONFIG.taskHours.find((t) => t.type === 'minutes'));
  });

  it('shows each business support task\'s hours with their source', () => {
    const view = toSettingsView({ current: { version: 1, config: DEFAULT_CONFIG, createdAt: new Date(), note: '', createdByName: 'x' } as never, canEdit: false });
    const letter = view.capacity.find((c) => c.key.startsWith('Business support task: a letter'))!;
    expect(letter.value).toMatch(/^1\.5 hours \(1\.1 to 2\.1\)/);
    expect(letter.source).toContain('estimate');
  });

  it("puts the model's own refusal on the field that caused it", () => {
    const form = readSettingsForm({ ...formValuesFor(DEFAULT_CONFIG), 'rule-cin_visit-every': '2.5', 'factor-disability': '0.8', 'capacity-casework-social_worker': '150', note: 'Trying odd values' }, DEFAULT_CONFIG);
    expect(form.ok).toBe(false);
    if (form.ok) return;
    const byField = Object.fromEntries(form.problems.map((p) => [p.field, p.message]));
    expect(byField['rule-cin_visit-every']).toMatch(/whole number/);
    expect(byField['factor-disability']).toBe('Disability or complex health: the factor cannot be less than 1 (use 1 for no extra time)');
    // In the form's own units: the share is entered as a percentage.
    expect(byField['capacity-casework-social_worker']).toBe('Casework share of a social worker: the share cannot be more than 100%');
    const view = toSettingsView({ current, canEdit: true, values: form.values, problems: form.problems });
    expect(view.errorSummary.map((e) => e.href)).toEqual(expect.arrayContaining(['#rule-cin_visit-every', '#factor-disability', '#capacity-casework-social_worker']));
    expect(view.activities.find((a) => a.code === 'cin_visit')!.ruleFields.find((f) => f.id === 'rule-cin_visit-every')!.error).toMatch(/whole number/);
  });

  it('reports every problem at once, in page order, naming the activity, and keeps what was entered', () => {
    const entered = {
      // Up the page: the bands, then activity by activity (its rule, then its hours), then the rest.
      greenUpTo: '120', amberUpTo: '90',
      'hours-referral_decision-high': '0.5',
      'rule-cp_visit-every': '2.5',
      'hours-cp_visit-high': '1',
      'hours-cp_visit-low': '-2',
      'hours-cin_visit-central': 'two',
      'hours-lac_visit-low': '',
      'rule-court_work-per-month': '0',
      'hours-case_management-central': '99',
      'factor-interpreter': '9',
      'capacity-casework-team_manager': '150',
      note: 'x',
    };
    const form = readSettingsForm({ ...formValuesFor(DEFAULT_CONFIG), ...entered }, DEFAULT_CONFIG);
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(form.problems).toEqual([
      { field: 'greenUpTo', message: 'Safe band: it must end below the amber band' },
      { field: 'hours-referral_decision-high', message: 'Referral decision: high hours must be at least the central hours' },
      { field: 'rule-cp_visit-every', message: 'Child protection visit: the repeat interval must be a whole number' },
      { field: 'hours-cp_visit-low', message: 'Child protection visit: low hours cannot be negative' },
      { field: 'hours-cp_visit-high', message: 'Child protection visit: high hours must be at least the central hours' },
      { field: 'hours-cin_visit-central', message: 'Child in need visit: central hours must be a number, like 2.5' },
      { field: 'hours-lac_visit-low', message: 'Looked-after child visit: enter the low hours' },
      { field: 'rule-court_work-per-month', message: 'Court work in care proceedings: the times a month must be more than 0' },
      { field: 'hours-case_management-high', message: 'Case management, calls, emails and recording: high hours must be at least the central hours' },
      { field: 'factor-interpreter', message: 'Interpreter needed: the factor cannot be more than 5' },
      { field: 'capacity-casework-team_manager', message: 'Casework share of a team manager: the share cannot be more than 100%' },
      { field: 'note', message: 'Say what you changed and why, in a few words' },
    ]);
    // The form shown again holds what was typed, mistakes included, and the summary links each field.
    const view = toSettingsView({ current, canEdit: true, values: form.values, problems: form.problems });
    expect(view.errorSummary.map((e) => e.href)).toEqual(form.problems.map((p) => `#${p.field}`));
    const shown = Object.fromEntries([
      view.bands.greenField, view.bands.amberField, ...view.activities.flatMap((a) => [...a.fields, ...a.ruleFields]), ...view.factorFields, ...view.capacityFields, view.noteField,
    ].map((f) => [f.id, f.value]));
    for (const [id, value] of Object.entries(entered)) expect(shown[id], id).toBe(value);
    expect(view.activities.find((a) => a.code === 'cp_visit')!.fields.find((f) => f.estimate === 'low')!.error).toBe('Child protection visit: low hours cannot be negative');
  });

  it('words every refusal of every field in plain English, naming whose number it is', () => {
    const words = /Too (big|small)|expected|Invalid|NaN|undefined|≤/;
    const base = formValuesFor(DEFAULT_CONFIG);
    for (const bad of ['-1', '0', '0.5', '1.5', '9999', '', 'lots']) {
      const form = readSettingsForm({ ...Object.fromEntries(Object.keys(base).map((k) => [k, bad])), note: 'Every field at once' }, DEFAULT_CONFIG);
      if (form.ok) continue;
      for (const p of form.problems) {
        expect(p.message, `${p.field} = ${bad}`).not.toMatch(words);
        expect(p.message, `${p.field} = ${bad}`).toMatch(/^[A-Z][^:]+: [a-z]/);
      }
      const activityFields = form.problems.filter((p) => /^(hours|rule)-/.test(p.field));
      for (const p of activityFields) {
        const code = p.field.replace(/^(hours|rule)-/, '').replace(/-(low|central|high|within|first|second|every|later-after|later-every|per-month)$/, '');
        expect(p.message.startsWith(`${DEFAULT_CONFIG.activities.find((a) => a.code === code)!.name}: `), p.message).toBe(true);
      }
    }
  });
});

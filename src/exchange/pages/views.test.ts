import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../standards/report.ts';
import { formatChoices, MAX_SUMMARY_LINKS, toReportView } from './views.ts';

const report = (problems: ImportReport['problems']): ImportReport => ({
  format: 'ssd', councilId: 'C', files: [{ name: 'ssd_person.csv', bytes: 2048, sha256: 'ab'.repeat(32), recognisedAs: 'ssd_person', rows: 3 }],
  problems, omitted: 4, counts: { children: { added: 2, changed: 1, closed: 0, unchanged: 5, rejected: 1 } }, unmappedRoles: [{ role: 'XYZ', rows: 7 }],
});

describe('import page views', () => {
  it('offers every format, marks the ones not readable yet, and pre-selects the SSD extract or the only readable one', () => {
    const choices = formatChoices((f) => f === 'ssd');
    expect(choices.map((c) => [c.value, c.available, c.checked])).toEqual([['ssd', true, true], ['cin', false, false], ['903', false, false], ['csww', false, false]]);
    expect(formatChoices(() => true).filter((c) => c.checked).map((c) => c.value)).toEqual(['ssd']);
    expect(formatChoices((f) => f === 'cin').filter((c) => c.checked).map((c) => c.value)).toEqual(['cin']);
    expect(formatChoices((f) => f === 'cin' || f === '903').some((c) => c.checked)).toBe(false);
    expect(formatChoices(() => true, '903').filter((c) => c.checked).map((c) => c.value)).toEqual(['903']);
  });

  it('lists errors before rules, links each error from the summary to its place in the list, and counts problems by rule', () => {
    const errors = Array.from({ length: MAX_SUMMARY_LINKS + 3 }, (_, i) => ({ severity: 'error' as const, file: 'ssd_person.csv', line: i + 2, message: `Bad ${i}` }));
    const view = toReportView(report([{ severity: 'rule', file: 'ssd_cin_episodes.csv', line: 4, code: '8500', message: 'Rule' }, ...errors]), { status: 'stopped', confirmAction: '/x' });
    expect(view.stopped).toBe(true);
    expect(view.canConfirm).toBe(false);
    expect(view.errorSummary).toHaveLength(MAX_SUMMARY_LINKS);
    expect(view.errorSummary[0]).toEqual({ text: 'ssd_person.csv, line 2: Bad 0', href: '#problem-1' });
    expect(view.problems[0]!.id).toBe('problem-1');
    expect(view.problems.at(-1)).toMatchObject({ severity: 'rule', id: `problem-${MAX_SUMMARY_LINKS + 4}` });
    expect(view.groups.map((g) => [g.severity, g.problems.length])).toEqual([['error', MAX_SUMMARY_LINKS + 3], ['rule', 1]]);
    expect(view.moreErrors).toBe(3);
    expect(view.ruleCounts).toEqual([
      expect.objectContaining({ code: 'No code', count: MAX_SUMMARY_LINKS + 3, href: 'problem-1' }),
      expect.objectContaining({ code: '8500', count: 1, href: `problem-${MAX_SUMMARY_LINKS + 4}` }),
    ]);
    // A report stored before row totals were kept still shows them, from its files.
    expect(view.totals).toEqual({ read: 3, imported: 0, rejected: 0, flagged: 0 });
    expect(view.tables).toEqual([{ table: 'Children', added: 2, changed: 1, closed: 0, unchanged: 5, rejected: 1 }]);
    expect(view.problemsHidden).toBe(4);
  });

  it('offers the import only when nothing stops it', () => {
    expect(toReportView(report([{ severity: 'rule', file: 'f', code: '1', message: 'm' }]), { status: 'validated', confirmAction: '/x' }).canConfirm).toBe(true);
    expect(toReportView(report([]), { status: 'imported' }).canConfirm).toBe(false);
  });
});

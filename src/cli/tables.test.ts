// Command-line tables fit 100 columns (issue 12 item 11): every table the commands print, with
// any content, has no line longer than 100 characters unless --wide; with --wide, no cell is wrapped.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { HEADROOM_TYPES, type HeadroomType } from '../workload/model/index.ts';
import type { PractitionerSummaryView } from '../workload/model/views.ts';
import { retentionTable } from './access.ts';
import { fitColumns, TABLE_WIDTH, terminalTable, wrapText } from './tables.ts';
import { accountsTable } from './users.ts';
import { workloadTable } from './workload.ts';

const longest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));
const word = fc.string({ minLength: 1, maxLength: 30, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzÅé–∞0123456789()-@.'.split('')) });
const text = fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));
const range = fc.record({ low: fc.double({ min: 0, max: 500, noNaN: true }), central: fc.double({ min: 0, max: 500, noNaN: true }), high: fc.double({ min: 0, max: 900, noNaN: true }) });
const room = fc.record({ fewest: fc.option(fc.nat(40)), central: fc.option(fc.nat(40)), most: fc.option(fc.nat(40)) });
const practitioner: fc.Arbitrary<PractitionerSummaryView> = fc.record({
  practitionerId: fc.stringMatching(/^P\d{5}$/), name: text, teamId: fc.constant('SF1'),
  role: fc.constantFrom('social_worker', 'senior_practitioner', 'team_manager', 'family_help_practitioner', 'family_support_worker'),
  fte: fc.double({ min: 0.1, max: 1, noNaN: true }), agency: fc.boolean(), inAsye: fc.boolean(), cases: fc.nat(60),
  demandHours: range, capacityHours: fc.double({ min: 0, max: 160, noNaN: true }), ratio: fc.option(range),
  band: fc.constantFrom('green', 'amber', 'red', 'cover', 'none'),
  headroom: fc.tuple(...HEADROOM_TYPES.map(() => room)).map((rs) => Object.fromEntries(HEADROOM_TYPES.map((t, i) => [t, rs[i]!])) as Record<HeadroomType, PractitionerSummaryView['headroom'][HeadroomType]>),
});
const account = fc.record({
  name: text, email: fc.emailAddress(), roles: fc.subarray(['practitioner', 'team_manager', 'service_manager', 'business_support', 'auditor'] as const, { minLength: 1 }),
  teamIds: fc.array(fc.stringMatching(/^[A-Z]{2}\d?$/), { maxLength: 15 }), status: fc.constantFrom('active', 'invited', 'disabled', 'locked') as fc.Arbitrary<'active'>,
});
const due = fc.record({ childId: fc.stringMatching(/^C\d{7}$/), state: fc.constantFrom('due_for_review', 'needs_date_of_birth', 'delete'), governingRule: fc.option(text), reviewOn: fc.option(fc.constant('2031-04-01')) });

describe('command-line tables', () => {
  const tables = {
    workload: fc.array(practitioner, { minLength: 1, maxLength: 4 }).map((ps) => (wide: boolean) => workloadTable(ps, wide, TABLE_WIDTH)),
    'users list': fc.array(account, { minLength: 1, maxLength: 4 }).map((as) => (wide: boolean) => accountsTable(as, wide, TABLE_WIDTH)),
    retention: fc.array(due, { minLength: 1, maxLength: 4 }).map((ds) => (wide: boolean) => retentionTable(ds, wide, TABLE_WIDTH)),
  };
  for (const [name, render] of Object.entries(tables)) {
    test.prop([render], { numRuns: 60 })(`${name}: no line longer than 100 columns`, (table) => {
      expect(longest(table(false))).toBeLessThanOrEqual(TABLE_WIDTH);
    });
  }

  test.prop([fc.array(fc.array(text, { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 3 })])('--wide keeps each cell whole on its line, however wide', (rows) => {
    const t = terminalTable({ head: ['a', 'b', 'c', 'd', 'e', 'f'], wide: true, width: TABLE_WIDTH });
    t.push(...rows);
    const out = t.toString();
    for (const cell of rows.flat()) expect(out).toContain(cell);
  });

  test('a table that fits is left as it is; one that does not is fitted exactly', () => {
    expect(fitColumns([10, 10, 10], 100)).toBeNull();
    const widths = fitColumns([60, 8, 60], 100, [12, 8, 10])!;
    expect(widths.reduce((s, w) => s + w, 0) + 4).toBeLessThanOrEqual(100);
    expect(widths[1]).toBe(8);
  });

  test.prop([text, fc.integer({ min: 1, max: 40 })])('wrapping loses no character and keeps every line within the width', (s, width) => {
    const wrapped = wrapText(s, width);
    expect(longest(wrapped)).toBeLessThanOrEqual(width);
    expect(wrapped.replace(/[\s]/g, '')).toBe(s.replace(/[\s]/g, ''));
  });

  test('no colour codes when output is not a terminal, or when NO_COLOR is set on one', () => {
    const render = () => {
      const t = terminalTable({ head: ['Name', 'Band'], width: TABLE_WIDTH });
      t.push(['Ann Able', 'GREEN']);
      return t.toString();
    };
    const tty = process.stdout.isTTY;
    const noColour = process.env.NO_COLOR;
    try {
      Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
      expect(render()).not.toContain('\u001b[');
      Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
      process.env.NO_COLOR = '1';
      expect(render()).not.toContain('\u001b[');
    } finally {
      Object.defineProperty(process.stdout, 'isTTY', { value: tty, configurable: true });
      if (noColour === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = noColour;
    }
  });
});

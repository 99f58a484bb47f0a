// Issue 13, item 1: an SSDA903 set with a few bad rows among many good ones imports exactly the
// good rows, and every bad row is reported with its file, line and a reason.
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { confirm } from './index.ts';
import { loadRegisterState } from '../store.ts';
import './ssda903.ts';

const AS_OF = '2026-03-31';
const COLUMNS = {
  header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN'],
  episodes: ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC'],
  reviews: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
} as const;
type Table = keyof typeof COLUMNS;

/** Bad rows of each kind the 903 reader or mapping rejects. */
const BAD = ['headerNoKey', 'headerClash', 'reviewNoKey', 'reviewBadDate', 'reviewClash', 'episodeOrphan', 'episodeEndsFirst'] as const;
type Bad = (typeof BAD)[number];

interface Row {
  child: string;
  cells: string[];
  /** The register key the row becomes, when it is good. */
  key: string;
  good: boolean;
}

const DOB = '01/06/2012';
/** dd/mm/yyyy, as the 903 writes dates. */
const dmy = (n: number) => {
  const iso = new Date(Date.UTC(2023, 3, 1) + n * 86_400_000).toISOString().slice(0, 10);
  return { dmy: iso.split('-').reverse().join('/'), iso };
};

function build(children: number, shape: { episodes: number; reviews: number }[], bad: { kind: Bad; target: number; at: number }[]) {
  const t: Record<Table, Row[]> = { header: [], episodes: [], reviews: [] };
  for (let i = 0; i < children; i++) {
    const child = `C${String(i).padStart(6, '0')}`;
    t.header.push({ child, cells: [child, i % 2 ? 'F' : 'M', DOB, 'WBRI', `A${i}`], key: child, good: true });
    const { episodes, reviews } = shape[i] ?? { episodes: 0, reviews: 0 };
    // Episodes 90 days apart, each ending the day the next starts; the last one still open.
    for (let e = 0; e < episodes; e++) {
      const start = dmy(e * 90);
      const end = e < episodes - 1 ? dmy((e + 1) * 90).dmy : '';
      t.episodes.push({ child, cells: [child, start.dmy, e === 0 ? 'S' : 'P', 'V2', 'N1', 'U4', 'PR1', end, end ? 'E8' : ''], key: `${child}|${start.iso}`, good: true });
    }
    for (let r = 0; r < reviews; r++) {
      const on = dmy(20 + r * 120);
      t.reviews.push({ child, cells: [child, DOB, on.dmy, 'PN1'], key: `${child}|${on.iso}`, good: true });
    }
  }
  const insert = (table: Table, row: Row, at: number) => t[table].splice(at % (t[table].length + 1), 0, row);
  const pick = (table: Table, target: number) => {
    const good = t[table].filter((r) => r.good && r.child.startsWith('C'));
    return good[target % Math.max(1, good.length)];
  };
  const someone = t.header[0]!.child;
  bad.forEach(({ kind, target, at }, k) => {
    switch (kind) {
      case 'headerNoKey':
        return insert('header', { child: '', cells: ['', 'F', DOB, 'WBRI', 'X'], key: '', good: false }, at);
      case 'headerClash': {
        // Two header rows for one child that differ: neither is imported, nor are the child's other rows.
        const row = pick('header', target);
        if (!row) return;
        for (const table of ['header', 'episodes', 'reviews'] as const) for (const r of t[table]) if (r.child === row.child) r.good = false;
        return insert('header', { ...row, cells: [row.child, row.cells[1] === 'F' ? 'M' : 'F', ...row.cells.slice(2)], good: false }, at);
      }
      case 'reviewNoKey':
        return insert('reviews', { child: someone, cells: [someone, DOB, '', 'PN1'], key: '', good: false }, at);
      case 'reviewBadDate':
        // An Excel date serial where the review date, part of the row's key, should be.
        return insert('reviews', { child: someone, cells: [someone, DOB, '45700', 'PN1'], key: '', good: false }, at);
      case 'reviewClash': {
        // The same child and review date with a different review code: both rows are left out.
        const row = pick('reviews', target);
        if (!row) return;
        row.good = false;
        return insert('reviews', { ...row, cells: [...row.cells.slice(0, 3), 'PN4'], good: false }, at);
      }
      case 'episodeOrphan': {
        const child = `Z${k}`;
        return insert('episodes', { child, cells: [child, dmy(0).dmy, 'S', 'V2', 'N1', 'U4', 'PR1', '', ''], key: `${child}|${dmy(0).iso}`, good: false }, at);
      }
      case 'episodeEndsFirst': {
        // DfE rule 356: it ceased before it started. Dated before the child's other episodes.
        const start = dmy(-400 - k * 3);
        return insert('episodes', { child: someone, cells: [someone, start.dmy, 'S', 'V2', 'N1', 'U4', 'PR1', dmy(-500).dmy, 'E8'], key: `${someone}|${start.iso}`, good: false }, at);
      }
    }
  });
  const csv = (table: Table) => new TextEncoder().encode([COLUMNS[table].join(','), ...t[table].map((r) => r.cells.join(','))].join('\n') + '\n');
  return { files: (Object.keys(COLUMNS) as Table[]).map((table) => ({ name: `${table}.csv`, bytes: csv(table) })), tables: t };
}

describe.each(testBackends())('SSDA903 import with bad rows among good ones on %s', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  it('imports exactly the good rows and reports every bad one with its file, line and reason', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 30, max: 90 }).chain((children) => fc.record({
        children: fc.constant(children),
        shape: fc.array(fc.record({ episodes: fc.integer({ min: 0, max: 3 }), reviews: fc.integer({ min: 0, max: 3 }) }), { minLength: children, maxLength: children }),
        bad: fc.array(fc.record({ kind: fc.constantFrom(...BAD), target: fc.nat(), at: fc.nat() }), { minLength: 1, maxLength: 8 }),
      })),
      async ({ children, shape, bad }) => {
        const { files, tables } = build(children, shape, bad);
        const council = newCouncilId();
        const { report } = await confirm(database.db, { councilId: council, format: '903', files, importedBy: 'test', extractDate: AS_OF });
        expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
        // Into an empty council: the report says what the return left out (issue 13, item 5).
        expect((report.notes ?? []).join(' ')).toMatch(/^No social workers.*No absences, posts or contracted hours/);
        const state = await loadRegisterState(database.db, council, '903');
        const good = (table: Table) => tables[table].filter((r) => r.good).map((r) => r.key).sort();
        expect(state.children.map((c) => c.child_id).sort()).toEqual(good('header'));
        expect(state.episodes.filter((e) => e.kind === 'looked_after').map((e) => `${e.child_id}|${e.start_date}`).sort()).toEqual(good('episodes'));
        expect(state.recorded.filter((r) => r.activity_code === 'lac_review').map((r) => `${r.child_id}|${r.occurred_on}`).sort()).toEqual(good('reviews'));

        // Each bad row, and no good one, is reported as not imported, with a reason.
        for (const table of Object.keys(COLUMNS) as Table[]) {
          const rejected = report.problems.filter((p) => p.severity === 'rejected' && p.file === `${table}.csv`);
          const lines = tables[table].flatMap((r, i) => (r.good ? [] : [i + 2]));
          expect([...new Set(rejected.map((p) => p.line))].sort((a, b) => a! - b!), table).toEqual(lines);
          for (const p of rejected) expect(p.message).toMatch(/(not|Neither row was) imported/);
        }
        const rows = Object.values(tables).flat();
        const bads = rows.filter((r) => !r.good).length;
        expect(report.totals).toMatchObject({ read: rows.length, rejected: bads, imported: rows.length - bads });
      },
    ), { numRuns: 8, endOnFailure: true });
  });
});

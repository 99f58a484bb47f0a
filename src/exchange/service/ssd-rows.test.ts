// Issue 13, item 1: an SSD set with a few bad rows among many good ones imports exactly the
// good rows, and every bad row is reported with its file, line and a reason.
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { confirm } from './index.ts';
import { loadRegisterState } from '../store.ts';

const AS_OF = '2026-03-31';
const PERSON = ['pers_person_id', 'pers_forename', 'pers_surname', 'pers_dob', 'pers_sex'];
const VISIT = ['clav_cla_visit_id', 'clav_person_id', 'clav_cla_visit_date'];

/** Bad rows of each kind the SSD reader or mapping rejects. */
const BAD = ['personNoKey', 'personBadDate', 'personClash', 'visitNoKey', 'visitBadDate', 'visitOrphan', 'visitClash'] as const;
type Bad = (typeof BAD)[number];

interface Row {
  cells: string[];
  /** The register key the row becomes, when it is good. */
  key: string;
  good: boolean;
}

const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** Builds the two files, with each bad row at its own place among the good ones. */
function build(people: number, visitsPer: number[], bad: { kind: Bad; target: number; at: number }[]) {
  const persons: Row[] = [];
  const visits: Row[] = [];
  for (let i = 0; i < people; i++) {
    const id = `P${String(i).padStart(5, '0')}`;
    persons.push({ cells: [id, `Ann${i}`, 'Smith', day(-4000 - i), i % 2 ? 'F' : 'M'], key: id, good: true });
    for (let v = 0; v < (visitsPer[i] ?? 0); v++) visits.push({ cells: [`V${i}-${v}`, id, day(i + v * 40)], key: `CLAV-V${i}-${v}`, good: true });
  }
  const insert = (list: Row[], row: Row, at: number) => list.splice(at % (list.length + 1), 0, row);
  bad.forEach(({ kind, target, at }, k) => {
    const person = persons.filter((p) => p.good)[target % Math.max(1, persons.filter((p) => p.good).length)];
    const visit = visits.filter((v) => v.good)[target % Math.max(1, visits.filter((v) => v.good).length)];
    const someone = persons.find((p) => p.key.startsWith('P'))!.key;
    switch (kind) {
      case 'personNoKey':
        return insert(persons, { cells: ['', 'No', 'Key', day(-4000), 'F'], key: '', good: false }, at);
      case 'personBadDate': {
        // An Excel date serial: the person is rejected, and so is their visit.
        const id = `XD${k}`;
        insert(persons, { cells: [id, 'Bad', 'Date', '41707', 'F'], key: id, good: false }, at);
        return insert(visits, { cells: [`XDV${k}`, id, day(10)], key: `CLAV-XDV${k}`, good: false }, at);
      }
      case 'personClash': {
        // Two rows for one person with different values: neither is imported, nor are their visits.
        if (!person) return;
        person.good = false;
        for (const v of visits) if (v.cells[1] === person.key) v.good = false;
        return insert(persons, { cells: [person.key, 'Other', 'Name', person.cells[3]!, person.cells[4]!], key: person.key, good: false }, at);
      }
      case 'visitNoKey':
        return insert(visits, { cells: ['', someone, day(5)], key: '', good: false }, at);
      case 'visitBadDate':
        return insert(visits, { cells: [`VB${k}`, someone, '31/02/2025'], key: `CLAV-VB${k}`, good: false }, at);
      case 'visitOrphan':
        return insert(visits, { cells: [`VO${k}`, `NOBODY${k}`, day(7)], key: `CLAV-VO${k}`, good: false }, at);
      case 'visitClash': {
        if (!visit) return;
        visit.good = false;
        return insert(visits, { cells: [visit.cells[0]!, visit.cells[1]!, day(300)], key: visit.key, good: false }, at);
      }
    }
  });
  // A person rejected for a bad date or a clash takes their visits with them (checked above);
  // a visit for a person with no key is never generated.
  const csv = (header: string[], rows: Row[]) => new TextEncoder().encode([header.join(','), ...rows.map((r) => r.cells.join(','))].join('\n') + '\n');
  return {
    files: [{ name: 'ssd_person.csv', bytes: csv(PERSON, persons) }, { name: 'ssd_cla_visits.csv', bytes: csv(VISIT, visits) }],
    persons, visits,
  };
}

const badLines = (rows: Row[]) => rows.flatMap((r, i) => (r.good ? [] : [i + 2]));

describe.each(testBackends())('SSD import with bad rows among good ones on %s', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  it('imports exactly the good rows and reports every bad one with its file, line and reason', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 40, max: 120 }).chain((people) => fc.record({
        people: fc.constant(people),
        visitsPer: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: people, maxLength: people }),
        bad: fc.array(fc.record({ kind: fc.constantFrom(...BAD), target: fc.nat(), at: fc.nat() }), { minLength: 1, maxLength: 8 }),
      })),
      async ({ people, visitsPer, bad }) => {
        const { files, persons, visits } = build(people, visitsPer, bad);
        const council = newCouncilId();
        const result = await confirm(database.db, { councilId: council, format: 'ssd', files, importedBy: 'test', extractDate: AS_OF });
        const { report } = result;
        expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
        const state = await loadRegisterState(database.db, council, 'ssd');
        expect(state.children.map((c) => c.child_id).sort()).toEqual(persons.filter((p) => p.good).map((p) => p.key).sort());
        expect(state.recorded.filter((r) => r.activity_code === 'lac_visit').map((r) => r.recorded_id).sort()).toEqual(visits.filter((v) => v.good).map((v) => v.key).sort());

        // Each bad row, and no good one, is reported as not imported, with a reason.
        for (const [file, rows] of [['ssd_person.csv', persons], ['ssd_cla_visits.csv', visits]] as const) {
          const rejected = report.problems.filter((p) => p.severity === 'rejected' && p.file === file);
          expect([...new Set(rejected.map((p) => p.line))].sort((a, b) => a! - b!), file).toEqual(badLines(rows));
          for (const p of rejected) expect(p.message).toMatch(/(not|Neither row was) imported/);
        }
        const bads = persons.filter((p) => !p.good).length + visits.filter((v) => !v.good).length;
        expect(report.totals).toMatchObject({ read: persons.length + visits.length, rejected: bads, imported: persons.length + visits.length - bads });
      },
    ), { numRuns: 8, endOnFailure: true });
  });
});

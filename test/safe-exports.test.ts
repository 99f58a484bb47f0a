// Exports are safe to open in Excel: names and free text that begin like a formula are quoted,
// and a council's own SSD export still imports back to the identical register.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { subjectAccessBundle } from '../src/cases/service/records.ts';
import { exportSsd } from '../src/exchange/service/exports.ts';
import { confirm } from '../src/exchange/service/index.ts';
import { loadRegisterState } from '../src/exchange/store.ts';
import { operatorActor } from '../src/kernel/roles.ts';
import { recordAudit } from '../src/platform/audit.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { newCouncilId, openTestDatabase, testBackends } from './support/database.ts';

const AS_OF = '2026-03-31';
const FORMULA = /^[=+\-@\t\r]/;
const NAMES = ['=HYPERLINK("http://example.com","Click")', '+44 7700 900000', '-Robin', '@SUM(A1:A9)', "'=already quoted"];
// (A leading tab is guarded too — see standards/cells.test.ts — but the SSD reader trims whitespace from names, so it is not a round trip here.)

describe.each(testBackends())('safe exports on %s', (kind) => {
  let database: DatabaseHandle;
  let council: string;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    council = newCouncilId();
    const data = generateCouncil({ councilId: council, name: 'Formula', seed: 21, asOf: AS_OF, staffScale: 0.08, caseScale: 0.04 });
    data.children.slice(0, NAMES.length).forEach((c, i) => { c.name = NAMES[i]!; });
    data.practitioners[0]!.name = '=cmd|" /C calc"!A0';
    await seedCouncil(database.db, data);
  });
  afterAll(async () => database?.close());

  const formulaCells = (csv: string) => (parse(csv) as string[][]).flat().filter((c) => !/^-?\d+(\.\d+)?$/.test(c) && FORMULA.test(c));

  it('writes no cell that starts a formula in the SSD export, and imports back to the same register', async () => {
    const files = await exportSsd(database.db, council);
    for (const f of files) expect(formulaCells(new TextDecoder().decode(f.bytes)), f.name).toEqual([]);
    const copy = newCouncilId();
    expect((await confirm(database.db, { councilId: copy, format: 'ssd', files, importedBy: 'tester', extractDate: AS_OF })).status).toBe('imported');
    const [a, b] = await Promise.all([loadRegisterState(database.db, council, 'ssd'), loadRegisterState(database.db, copy, 'ssd')]);
    const names = (s: typeof a) => s.children.map((c) => c.name).sort();
    expect(names(b)).toEqual(names(a));
    expect(b.practitioners.map((p) => p.name)).toContain('=cmd|" /C calc"!A0');
  });

  it('writes no cell that starts a formula in a subject access bundle', async () => {
    const ctx = { actor: operatorActor(council, { userId: 'operator:dpo', name: 'dpo' }), origin: { ip: 'command line' }, now: new Date(`${AS_OF}T09:00:00Z`) };
    const state = await loadRegisterState(database.db, council, 'ssd');
    const child = state.children.find((c) => c.name === NAMES[0])!;
    // Free text anyone can type lands in the bundle: a break-glass reason in its audit entry.
    await recordAudit(database.db, { councilId: council, actorUserId: 'someone', action: 'break_glass', recordType: 'child', recordId: child.child_id, childId: child.child_id, reason: '=HYPERLINK("http://example.com","urgent")' });
    const files = await subjectAccessBundle(database.db, ctx, child.child_id);
    const audit = files.find((f) => f.name === 'audit.csv')!.content;
    expect(audit).toContain("'=HYPERLINK");
    for (const f of files.filter((x) => x.name.endsWith('.csv'))) expect(formulaCells(f.content), f.name).toEqual([]);
  });
});

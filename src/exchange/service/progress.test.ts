// Imports and exports report their real steps, in order, with names: what the CLI's bar draws.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCouncilId, openTestDatabase } from '../../../test/support/database.ts';
import { generateCouncil } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { Progress } from '../../kernel/progress.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { createExchangeService, type ExchangeService } from './index.ts';
import './formats.ts';

const AS_OF = '2026-03-31';

interface Heard { step: string; done: number; total: number }
const listen = (): [Heard[], Progress] => {
  const heard: Heard[] = [];
  return [heard, (step, done, total) => heard.push({ step, done, total })];
};

/** More than one step, every one named, done never going back, one total, ending at it. */
function expectRealSteps(heard: Heard[]): void {
  expect(heard.length).toBeGreaterThan(2);
  for (const h of heard) expect(h.step.trim().length).toBeGreaterThan(0);
  const total = heard[0]!.total;
  expect(heard.every((h) => h.total === total)).toBe(true);
  for (let i = 1; i < heard.length; i += 1) expect(heard[i]!.done).toBeGreaterThanOrEqual(heard[i - 1]!.done);
  expect(heard.at(-1)!.done).toBe(total);
  expect(heard[0]!.done).toBe(0);
}

describe('progress of imports and exports on pglite', () => {
  let database: DatabaseHandle;
  let exchange: ExchangeService;
  let from: string;
  const ctx = (councilId: string): RequestContext => ({
    actor: { kind: 'staff', userId: 'officer', councilId, name: 'Officer', roles: ['data_officer'], practitionerId: null, teamIds: [], grantedChildIds: [], breakGlassChildIds: [] },
    origin: { ip: '127.0.0.1' }, now: new Date(`${AS_OF}T10:00:00Z`),
  });

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    from = newCouncilId();
    await seedCouncil(database.db, generateCouncil({ councilId: from, name: 'From', seed: 11, asOf: AS_OF, staffScale: 0.08, caseScale: 0.03 }));
    exchange = createExchangeService({ db: database.db });
  });
  afterAll(async () => database?.close());

  it('an SSD export reports reading, writing and checking, then an import of it reports checking, comparing and each table written', async () => {
    const [exported, onExport] = listen();
    const files = await exchange.exportSsd(ctx(from), onExport);
    expectRealSteps(exported);
    expect(exported.map((h) => h.step)).toEqual(['Reading the register', 'Writing the SSD tables', `Reading the ${files.length} tables back`, 'Written and checked']);

    const to = newCouncilId();
    const [imported, onImport] = listen();
    const result = await exchange.confirm(ctx(to), { councilId: to, format: 'ssd', files, extractDate: AS_OF, progress: onImport });
    expect(result.status).toBe('imported');
    expectRealSteps(imported);
    const steps = imported.map((h) => h.step);
    expect(steps[0]).toBe(`Checking ${files.length} files`);
    expect(steps[1]).toBe('Comparing with the register');
    for (const table of ['teams', 'staff', 'children', 'allocations']) expect(steps).toContain(`Writing ${table}`);
    expect(steps.slice(-2)).toEqual(['Recording the import', 'Imported']);
    // One step each, counted as it starts.
    expect(imported.map((h) => h.done)).toEqual(imported.map((_, i) => i));
  });

  it('a stopped import jumps to its end and says nothing was written', async () => {
    const to = newCouncilId();
    const [heard, onImport] = listen();
    const result = await exchange.confirm(ctx(to), { councilId: to, format: 'ssd', files: [{ name: 'ssd_person.csv', bytes: new TextEncoder().encode('nonsense\n') }], progress: onImport });
    expect(result.status).toBe('stopped');
    expect(heard.at(-1)).toMatchObject({ step: 'Stopped: nothing was written', done: heard[0]!.total });
    expect(heard.some((h) => h.step.startsWith('Writing'))).toBe(false);
  });

  it('the 903, CIN and workforce census exports each report their steps', async () => {
    const [a, onA] = listen();
    await exchange.export903(ctx(from), {}, onA);
    expectRealSteps(a);
    expect(a.map((h) => h.step)[1]).toBe('Writing the 903 tables');
    const [b, onB] = listen();
    const cin = await exchange.exportCin(ctx(from), AS_OF, onB);
    expectRealSteps(b);
    expect(b.map((h) => h.step)).toContain(`Writing ${cin.children} children and checking the schema`);
    const [c, onC] = listen();
    const csww = await exchange.exportCsww(ctx(from), '2025-09-30', onC);
    expectRealSteps(c);
    expect(c.map((h) => h.step)).toContain(`Writing ${csww.workers} workers and checking the schema`);
  });
});

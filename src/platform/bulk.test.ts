import { fc } from '@fast-check/vitest';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coversDay, IN_POST, OPEN_PERIOD } from '../kernel/register.ts';
import { openTestDatabase, testBackends } from '../../test/support/database.ts';
import { coversDaySql } from './bulk.ts';
import type { DatabaseHandle } from './database.ts';

const iso = fc.integer({ min: 0, max: 60 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));
const period = fc.tuple(iso, fc.option(iso, { nil: null })).map(([a, b]) => (b !== null && b < a ? [b, a] as const : [a, b] as const));

describe.each(testBackends())('the open-on rule in SQL on %s', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  // The kernel's rule (coversDay) and the stores' SQL fragment are two writings of one rule: they must agree on every day, edges included.
  it('agrees with the kernel on every period and day, for episodes and for staff in post', async () => {
    await fc.assert(fc.asyncProperty(fc.array(period, { minLength: 1, maxLength: 30 }), iso, async (periods, day) => {
      const ids = periods.map((_, i) => i);
      const rows = sql`(select * from unnest(${ids}::int[], ${periods.map((p) => p[0])}::date[], ${periods.map((p) => p[1])}::date[])) as p(id, start_date, end_date)`;
      const staff = sql`(select * from unnest(${ids}::int[], ${periods.map((p) => p[0])}::date[], ${periods.map((p) => p[1])}::date[])) as p(id, started_on, left_on)`;
      const expected = ids.filter((i) => coversDay(periods[i]![0], periods[i]![1], day));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an ad-hoc table of values, not one of the register's
      const db = database.db as any;
      const open = (await db.selectFrom(rows).select('p.id').where((eb: never) => coversDaySql(eb, OPEN_PERIOD, day, 'p')).orderBy('p.id').execute()).map((r: { id: number }) => r.id);
      const inPost = (await db.selectFrom(staff).select('p.id').where((eb: never) => coversDaySql(eb, IN_POST, day, 'p')).orderBy('p.id').execute()).map((r: { id: number }) => r.id);
      expect(open).toEqual(expected);
      expect(inPost).toEqual(expected);
    }), { numRuns: 40 });
  });
});

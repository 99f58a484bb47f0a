import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from './generate.ts';
import { seedCouncil } from './service.ts';
import { seedDemoTasks } from './tasks.ts';
import { seedDemoUsers } from './users.ts';
import type { DatabaseHandle } from '../platform/database.ts';
import { newCouncilId, openTestDatabase } from '../../test/support/database.ts';

const TODAY = new Date().toISOString().slice(0, 10);

describe('the demo council’s tasks', () => {
  let database: DatabaseHandle;
  let councilId: string;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    await seedCouncil(database.db, generateCouncil({ councilId, name: 'Demo Tasks', seed: 1, asOf: TODAY, staffScale: 0.3, caseScale: 0.3, recordHistory: false }));
    await seedDemoUsers(database.db, councilId, TODAY, `${councilId}.test`);
  });
  afterAll(async () => database?.close());

  it('seeds tasks open, claimed, returned, done and overdue, each hand-back with its case note', async () => {
    expect(await seedDemoTasks(database.db, councilId, TODAY)).toBeGreaterThanOrEqual(7);
    const rows = (await sql<{ status: string; overdue: boolean; note_id: string | null }>`select status, due_on < ${TODAY}::date and status in ('open', 'claimed', 'returned') as overdue, note_id from tasks where council_id = ${councilId}`.execute(database.db)).rows;
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['open', 'claimed', 'returned', 'done']));
    expect(rows.filter((r) => r.overdue).length).toBeGreaterThanOrEqual(2);
    const done = rows.filter((r) => r.status === 'done');
    expect(done.every((r) => r.note_id !== null)).toBe(true);
    const notes = await sql<{ n: number }>`select count(*)::int as n from case_notes where council_id = ${councilId} and note_id in (select note_id from tasks where council_id = ${councilId})`.execute(database.db);
    expect(notes.rows[0]!.n).toBe(done.length);
  });
});

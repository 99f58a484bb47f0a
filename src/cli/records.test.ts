// `caseweight record`: a visit entered at the command line for the worker whose visit it was,
// through the recording service's checks, with every problem named by its option.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateCouncil } from '../demo/generate.ts';
import { seedCouncil } from '../demo/service.ts';
import { InvalidInputError } from '../kernel/errors.ts';
import { readConfig, type Config } from '../platform/config.ts';
import { openDatabase } from '../platform/database.ts';
import { migrate } from '../platform/migrations.ts';
import { recordCommand } from './records.ts';

const TODAY = new Date().toISOString().slice(0, 10);

describe('caseweight record', () => {
  let dir: string;
  let config: Config;
  let childId: string;
  let workerId: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'caseweight-record-'));
    config = { ...readConfig({ CASEWEIGHT_DATA: dir }), databaseUrl: undefined };
    const database = await openDatabase(config);
    await migrate(database.pool);
    const data = generateCouncil({ councilId: 'cli-record', name: 'Record Borough', seed: 33, asOf: TODAY, staffScale: 0.08, caseScale: 0.04, recordHistory: false });
    await seedCouncil(database.db, data);
    await database.close();
    const lead = data.allocations.find((a) => a.role === 'lead' && a.end_date === null)!;
    childId = lead.child_id;
    workerId = lead.practitioner_id;
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const options = { council: 'cli-record', as: 'records-officer', child: '', activity: 'other', on: TODAY, time: '00:00', seen: 'yes', seenAlone: 'no', direct: '40', travel: '20', note: 'Entered from the paper visit form.' };

  it('records the visit as the named worker\'s, entered by the operator, and says so in the audit', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await recordCommand(config, { ...options, child: childId, worker: workerId });
      expect(log.mock.calls.flat().join('\n')).toContain(`Recorded on ${childId}`);
    } finally {
      log.mockRestore();
    }
    const database = await openDatabase(config);
    try {
      const rows = (await sql<{ practitioner_id: string; recorded_by_name: string; direct_minutes: number; note: string }>`select practitioner_id, recorded_by_name, direct_minutes, note from recordings where council_id = 'cli-record'`.execute(database.db)).rows;
      expect(rows).toEqual([expect.objectContaining({ practitioner_id: workerId, direct_minutes: 40, note: 'Entered from the paper visit form.' })]);
      expect(rows[0]!.recorded_by_name).toContain('entered by records-officer');
      const audit = (await sql<{ fields: string; actor_user_id: string }>`select fields, actor_user_id from audit_events where council_id = 'cli-record' and action = 'write'`.execute(database.db)).rows;
      expect(audit.some((e) => e.fields.startsWith('recording: ') && e.fields.includes(`(${workerId})`))).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('names each problem by its option, all at once, and records nothing', async () => {
    const error = await recordCommand(config, { ...options, child: childId, worker: 'nobody', on: '2026-02-30', direct: 'lots' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    const message = (error as Error).message;
    expect(message).toMatch(/--on: /);
    expect(message).toMatch(/--direct: /);
    expect(message).toContain('--worker: There is no worker "nobody" in this council.');
    const database = await openDatabase(config);
    try {
      expect(Number((await sql<{ n: string }>`select count(*) as n from recordings where council_id = 'cli-record'`.execute(database.db)).rows[0]!.n)).toBe(1);
    } finally {
      await database.close();
    }
  });
});

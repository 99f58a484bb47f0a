import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../src/kernel/context.ts';
import { operatorActor } from '../src/kernel/roles.ts';
import { subjectAccessBundle } from '../src/cases/service/records.ts';
import { generateCouncil, type CouncilData } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { recordAudit } from '../src/platform/audit.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { newCouncilId, openTestDatabase } from './support/database.ts';

describe('subject access request bundle', () => {
  let database: DatabaseHandle;
  let councilId: string;
  let data: CouncilData;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    councilId = newCouncilId();
    data = generateCouncil({ councilId, name: 'SAR', seed: 51, asOf: '2026-11-23', staffScale: 0.2, caseScale: 0.1 });
    await seedCouncil(database.db, data);
  });
  afterAll(async () => database?.close());
  const officer = (): RequestContext => ({ actor: operatorActor(councilId, { userId: 'officer', name: 'Records officer' }), origin: { ip: 'command line' }, now: new Date('2026-11-23T10:00:00Z') });

  it('holds every record about the child, and who viewed it, and is itself audited', async () => {
    const child = data.children.find((c) => data.recorded.filter((r) => r.child_id === c.child_id).length > 2)!;
    await recordAudit(database.db, { councilId, actorUserId: 'someone', action: 'read', recordType: 'child', recordId: child.child_id, childId: child.child_id, fields: 'case schedule' });
    const files = Object.fromEntries((await subjectAccessBundle(database.db, officer(), child.child_id)).map((f) => [f.name, f.content]));
    expect(Object.keys(files).sort()).toEqual(['README.md', 'allocations.csv', 'audit.csv', 'case_notes.csv', 'child.json', 'documents.csv', 'episodes.csv', 'factors.csv', 'recorded_activities.csv', 'recordings.csv']);
    expect(JSON.parse(files['child.json']!).name).toBe(child.name);
    const lines = (name: string) => files[name]!.trim().split('\n').length - 1;
    expect(lines('episodes.csv')).toBe(data.episodes.filter((e) => e.child_id === child.child_id).length);
    expect(lines('recorded_activities.csv')).toBe(data.recorded.filter((r) => r.child_id === child.child_id).length);
    expect(lines('allocations.csv')).toBe(data.allocations.filter((a) => a.child_id === child.child_id).length);
    expect(files['audit.csv']).toMatch(/someone,[^\n]*,read,child,case schedule/);
    expect(files['audit.csv']).toMatch(/officer,[^\n]*,export,child,subject access request bundle/);
    expect(files['README.md']).toContain(child.name);
  });

  it('says plainly when there is no such child', async () => {
    await expect(subjectAccessBundle(database.db, officer(), 'NOBODY')).rejects.toThrow(/NOBODY/);
  });
});

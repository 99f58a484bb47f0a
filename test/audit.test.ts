import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, verifyAuditChain } from '../src/platform/audit.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import type { Database } from '../src/platform/tables.ts';
import { newCouncilId, openTestDatabase, testBackends } from './support/database.ts';

/** A council with n audit events (the audit table has no foreign key: it outlives what it records). */
async function councilWithEvents(db: Kysely<Database>, n: number): Promise<string> {
  const councilId = newCouncilId();
  for (let i = 0; i < n; i++) {
    await recordAudit(db, { councilId, actorUserId: `u${i % 3}`, actorRoles: ['practitioner'], action: 'read', recordType: 'child', recordId: `C${i}`, childId: `C${i}`, fields: 'case schedule', ip: '127.0.0.1' });
  }
  return councilId;
}

/** Edits the table as an attacker with the owner's powers would: with the append-only triggers off. */
async function tamper(db: Kysely<Database>, statement: ReturnType<typeof sql>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await statement.execute(trx);
  });
}

describe.each(testBackends())('tamper-evident audit log on %s', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  it('verifies an untouched chain', async () => {
    const councilId = await councilWithEvents(database.db, 12);
    const result = await verifyAuditChain(database.db, councilId);
    expect(result).toMatchObject({ ok: true, checked: 12 });
  });

  it('names the first altered row', async () => {
    const councilId = await councilWithEvents(database.db, 10);
    await tamper(database.db, sql`update audit_events set actor_user_id = 'someone-else' where council_id = ${councilId} and seq = 4`);
    const result = await verifyAuditChain(database.db, councilId);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.brokenAt).toBe(4);
      expect(result.problem).toMatch(/altered/);
    }
  });

  it('names a deleted row', async () => {
    const councilId = await councilWithEvents(database.db, 10);
    await tamper(database.db, sql`delete from audit_events where council_id = ${councilId} and seq = 7`);
    const result = await verifyAuditChain(database.db, councilId);
    expect(result).toMatchObject({ ok: false, brokenAt: 7 });
  });

  it('catches a row re-hashed to hide an edit: the next link breaks', async () => {
    const councilId = await councilWithEvents(database.db, 6);
    await tamper(database.db, sql`update audit_events set reason = 'edited', hash = repeat('0', 64) where council_id = ${councilId} and seq = 2`);
    const result = await verifyAuditChain(database.db, councilId);
    expect(result).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('refuses updates and deletes, even from the table owner', async () => {
    const councilId = await councilWithEvents(database.db, 2);
    await expect(sql`update audit_events set reason = 'x' where council_id = ${councilId}`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where council_id = ${councilId}`.execute(database.db)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(database.db, councilId)).toMatchObject({ ok: true, checked: 2 });
  });

  it("gives the application's database role insert but not update or delete", async () => {
    const councilId = await councilWithEvents(database.db, 1);
    const asApp = (statement: ReturnType<typeof sql>) => database.db.transaction().execute(async (trx) => {
      await sql`set local role caseweight_app`.execute(trx);
      await statement.execute(trx);
    });
    await expect(asApp(sql`update audit_events set reason = 'x' where council_id = ${councilId}`)).rejects.toThrow(/permission denied/);
    await expect(asApp(sql`delete from audit_events where council_id = ${councilId}`)).rejects.toThrow(/permission denied/);
    await expect(asApp(sql`select count(*) from audit_events where council_id = ${councilId}`)).resolves.toBeUndefined();
  });

  it('keeps appends in order when many happen at once', async () => {
    const councilId = newCouncilId();
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit(database.db, { councilId, actorUserId: 'u', action: 'read', recordType: 'child', recordId: `C${i}` })));
    expect(await verifyAuditChain(database.db, councilId)).toMatchObject({ ok: true, checked: 20 });
  });
});

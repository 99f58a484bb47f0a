// The command line's use cases go through the same gate as the pages: each import, export,
// subject access bundle and retention listing leaves exactly one audit event naming what was
// read or written, in the transaction of the work itself.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import type { RequestContext } from '../src/kernel/context.ts';
import { operatorActor } from '../src/kernel/roles.ts';
import { buildServices, type Services } from '../src/main.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { newCouncilId, openTestDatabase, testBackends } from './support/database.ts';

const AS_OF = '2026-03-31';

describe.each(testBackends())('the gate for command-line work on %s', (kind) => {
  let database: DatabaseHandle;
  let services: Services;
  let from: string;
  let data: ReturnType<typeof generateCouncil>;
  const operator = (councilId: string): RequestContext => ({
    actor: operatorActor(councilId, { userId: 'operator:records-officer', name: 'records-officer' }), origin: { ip: 'command line' }, now: new Date(`${AS_OF}T10:00:00Z`),
  });
  const events = async (councilId: string) =>
    (await sql<{ action: string; record_type: string; fields: string | null; actor_user_id: string }>`select action, record_type, fields, actor_user_id from audit_events where council_id = ${councilId} order by seq`.execute(database.db)).rows;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    services = buildServices(database);
    from = newCouncilId();
    data = generateCouncil({ councilId: from, name: 'From', seed: 12, asOf: AS_OF, staffScale: 0.08, caseScale: 0.04 });
    await seedCouncil(database.db, data);
  });
  afterAll(async () => database?.close());

  it('audits each export once, naming what was written and who ran it', async () => {
    const ctx = operator(from);
    const before = (await events(from)).length;
    await services.exchange.exportSsd(ctx);
    await services.exchange.export903(ctx, {});
    await services.exchange.exportCin(ctx, AS_OF);
    await services.exchange.exportCsww(ctx, '2025-09-30');
    const added = (await events(from)).slice(before);
    expect(added.map((e) => [e.action, e.fields, e.actor_user_id])).toEqual([
      ['export', 'export SSD extract', 'operator:records-officer'],
      ['export', 'export SSDA903 return', 'operator:records-officer'],
      ['export', `export CIN census to ${AS_OF}`, 'operator:records-officer'],
      ['export', 'export workforce census on 2025-09-30', 'operator:records-officer'],
    ]);
  });

  it('audits a subject access bundle and a retention listing once each', async () => {
    const ctx = operator(from);
    const child = data.children[0]!;
    const before = (await events(from)).length;
    await services.cases.subjectAccessBundle(ctx, child.child_id);
    const { total } = await services.cases.retentionDue(ctx, AS_OF);
    expect(total).toBe(data.children.length);
    const added = (await events(from)).slice(before);
    expect(added.map((e) => [e.action, e.record_type])).toEqual([['export', 'child'], ['read', 'retention']]);
    expect(added[1]!.fields).toMatch(new RegExp(`of ${data.children.length} records listed`));
  });

  it('audits a bulk import once, in its own transaction', async () => {
    const files = await services.exchange.exportSsd(operator(from));
    const into = newCouncilId();
    const result = await services.exchange.confirm(operator(into), { councilId: into, format: 'ssd', files, extractDate: AS_OF });
    expect(result.status).toBe('imported');
    const audit = (await events(into)).filter((e) => e.record_type === 'import');
    expect(audit.map((e) => e.fields)).toEqual(['confirm: ssd import, imported']);
  });

  it('an import stopped half-way leaves neither the rows nor its audit event', async () => {
    const files = await services.exchange.exportSsd(operator(from));
    const into = newCouncilId();
    // Make the very last write of the import's transaction fail: its audit event, after every register row is in.
    const fn = `fail_audit_${into.replace(/-/g, '_')}`;
    await sql.raw(`create function ${fn}() returns trigger language plpgsql as $$ begin
      if new.council_id = '${into}' and new.record_type = 'import' then raise exception 'the disk is full'; end if; return new; end $$`).execute(database.db);
    await sql.raw(`create trigger ${fn} before insert on audit_events for each row execute function ${fn}()`).execute(database.db);
    try {
      await expect(services.exchange.confirm(operator(into), { councilId: into, format: 'ssd', files, extractDate: AS_OF })).rejects.toThrow(/disk is full/);
    } finally {
      await sql.raw(`drop trigger ${fn} on audit_events`).execute(database.db);
      await sql.raw(`drop function ${fn}()`).execute(database.db);
    }
    const counts = await sql<{ n: number }>`select (select count(*) from children where council_id = ${into})::int + (select count(*) from practitioners where council_id = ${into})::int + (select count(*) from imports where council_id = ${into})::int as n`.execute(database.db);
    expect(counts.rows[0]!.n).toBe(0);
    expect(await events(into)).toEqual([]);
    // The same files then import cleanly: nothing was left half-written.
    expect((await services.exchange.confirm(operator(into), { councilId: into, format: 'ssd', files, extractDate: AS_OF })).status).toBe('imported');
  });
});

import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './tables.ts';

/** One thing someone did to personal data, or tried to. */
export interface AuditEvent {
  councilId: string;
  actorUserId: string | null;
  actorRoles?: readonly string[];
  action: 'read' | 'write' | 'denied' | 'sign_in' | 'sign_in_failed' | 'sign_out' | 'break_glass' | 'grant' | 'revoke' | 'export' | 'review';
  recordType: string;
  recordId?: string | null;
  childId?: string | null;
  /** Which page, fields or query. */
  fields?: string | null;
  ip?: string | null;
  reason?: string | null;
}

export interface StoredAuditEvent extends Required<Omit<AuditEvent, 'actorRoles'>> {
  seq: number;
  occurredAt: Date;
  actorRoles: string[];
  prevHash: string;
  hash: string;
}

const genesis = (councilId: string) => sha256(`caseweight-audit-genesis:${councilId}`);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The hash of one event: its content in a fixed order, and the hash before it. */
export function auditHash(e: Omit<StoredAuditEvent, 'hash'>): string {
  return sha256(JSON.stringify([
    e.councilId, e.seq, e.occurredAt.toISOString(), e.actorUserId, e.actorRoles, e.action, e.recordType, e.recordId,
    e.childId, e.fields, e.ip, e.reason, e.prevHash,
  ]));
}

/**
 * Appends to the council's chain. Call it inside the transaction of the read or write it
 * records, so the two stand or fall together. A per-council advisory lock orders appends.
 */
export async function recordAudit(db: Kysely<Database>, event: AuditEvent, now: Date = new Date()): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => recordAudit(trx, event, now));
    return;
  }
  await sql`select pg_advisory_xact_lock(hashtext(${`audit:${event.councilId}`}))`.execute(db);
  const last = await db.selectFrom('audit_events').select(['seq', 'hash'])
    .where('council_id', '=', event.councilId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row: Omit<StoredAuditEvent, 'hash'> = {
    councilId: event.councilId,
    seq: (last ? Number(last.seq) : 0) + 1,
    occurredAt: new Date(Math.floor(now.getTime())),
    actorUserId: event.actorUserId,
    actorRoles: [...(event.actorRoles ?? [])],
    action: event.action,
    recordType: event.recordType,
    recordId: event.recordId ?? null,
    childId: event.childId ?? null,
    fields: event.fields ?? null,
    ip: event.ip ?? null,
    reason: event.reason ?? null,
    prevHash: last?.hash ?? genesis(event.councilId),
  };
  await db.insertInto('audit_events').values({
    council_id: row.councilId, seq: row.seq, occurred_at: row.occurredAt, actor_user_id: row.actorUserId, actor_roles: row.actorRoles,
    action: row.action, record_type: row.recordType, record_id: row.recordId, child_id: row.childId, fields: row.fields, ip: row.ip,
    reason: row.reason, prev_hash: row.prevHash, hash: auditHash(row),
  }).execute();
}

type Row = Database['audit_events'];
const fromRow = (r: { [K in keyof Row]: unknown }): StoredAuditEvent => ({
  councilId: r.council_id as string, seq: Number(r.seq), occurredAt: r.occurred_at as Date, actorUserId: r.actor_user_id as string | null,
  actorRoles: (r.actor_roles as string[]) ?? [], action: r.action as AuditEvent['action'], recordType: r.record_type as string,
  recordId: r.record_id as string | null, childId: r.child_id as string | null, fields: r.fields as string | null, ip: r.ip as string | null,
  reason: r.reason as string | null, prevHash: r.prev_hash as string, hash: r.hash as string,
});

export type VerifyResult =
  | { ok: true; checked: number; head: string | null }
  | { ok: false; checked: number; brokenAt: number; problem: string };

/**
 * Walks the council's chain in order and names the first broken link: an edited row (its hash
 * no longer matches), a deleted row (a gap in the sequence) or a re-linked row. A deleted tail
 * leaves no gap: compare the head hash with one recorded elsewhere (the CLI prints it).
 */
export async function verifyAuditChain(db: Kysely<Database>, councilId: string, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  let prevHash = genesis(councilId);
  let expectedSeq = 1;
  let checked = 0;
  const batch = 5000;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('council_id', '=', councilId)
      .where('seq', '>=', expectedSeq).orderBy('seq').limit(batch).execute();
    for (const raw of rows) {
      const e = fromRow(raw);
      if (e.seq !== expectedSeq) return { ok: false, checked, brokenAt: expectedSeq, problem: `Event ${expectedSeq} is missing: the log jumps from ${expectedSeq - 1} to ${e.seq}. Rows have been deleted.` };
      if (e.prevHash !== prevHash) return { ok: false, checked, brokenAt: e.seq, problem: `Event ${e.seq} does not link to event ${e.seq - 1}: the chain has been re-written.` };
      if (auditHash(e) !== e.hash) return { ok: false, checked, brokenAt: e.seq, problem: `Event ${e.seq} has been altered since it was written: its content no longer matches its hash.` };
      prevHash = e.hash;
      expectedSeq++;
      checked++;
    }
    onProgress?.(checked);
    if (rows.length < batch) break;
  }
  return { ok: true, checked, head: checked > 0 ? prevHash : null };
}

/** Which events an audit search asks for: one child, one person (or both), between two moments. */
export interface AuditFilter {
  childId?: string;
  actorUserId?: string;
  /** From this moment (inclusive) … */
  from?: Date;
  /** … to this one (exclusive): a UK day's end is the next day's start. */
  until?: Date;
}

function filtered(db: Kysely<Database>, councilId: string, filter: AuditFilter) {
  let q = db.selectFrom('audit_events').where('council_id', '=', councilId);
  if (filter.childId) q = q.where('child_id', '=', filter.childId);
  if (filter.actorUserId) q = q.where('actor_user_id', '=', filter.actorUserId);
  if (filter.from) q = q.where('occurred_at', '>=', filter.from);
  if (filter.until) q = q.where('occurred_at', '<', filter.until);
  return q;
}

/** Newest first (by the chain's order); `offset` pages on. */
export async function listAuditEvents(
  db: Kysely<Database>, councilId: string, filter: AuditFilter & { limit?: number; offset?: number; beforeSeq?: number },
): Promise<StoredAuditEvent[]> {
  let q = filtered(db, councilId, filter).selectAll();
  if (filter.beforeSeq) q = q.where('seq', '<', filter.beforeSeq);
  if (filter.offset) q = q.offset(filter.offset);
  return (await q.orderBy('seq', 'desc').limit(filter.limit ?? 200).execute()).map(fromRow);
}

/** How many events a search finds (for its pages). */
export async function countAuditEvents(db: Kysely<Database>, councilId: string, filter: AuditFilter): Promise<number> {
  const row = await filtered(db, councilId, filter).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

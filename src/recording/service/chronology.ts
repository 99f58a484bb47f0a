/**
 * A child's chronology: built from the record each time it is asked for (a view, not a copy), for
 * whoever may read the child's record. The page and each download are audited in their transaction.
 */
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { auditChildAccess, authoriseChild } from '../../access/service.ts';
import { getChild, listAllocationHistory, listEpisodes } from '../../cases/store.ts';
import { today, type RequestContext } from '../../kernel/context.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import { STATUS_NAMES } from '../../workload/model/index.ts';
import { loadModelContext } from '../../workload/service/index.ts';
import { buildChronology, CHRONOLOGY_KINDS, filterChronology, type ChronologyEntry, type ChronologyKind } from '../model/chronology.ts';
import * as store from '../store/index.ts';
import { listCaseNotes } from '../store/notes.ts';
import { toNoteVersion } from './notes.ts';

export interface ChronologyData {
  childId: string;
  childName: string;
  date: string;
  kinds: ChronologyKind[];
  /** Entries before the filter: how many the filter hid. */
  total: number;
  entries: ChronologyEntry[];
}

/** The chronology, filtered by kind (none chosen: all). `use` names the page or download in the audit. */
export async function chronology(db: Db, ctx: RequestContext, childId: string, kinds: readonly ChronologyKind[], use: 'page' | 'csv' | 'pdf' | 'api' = 'page', councilId = ctx.actor.councilId): Promise<ChronologyData> {
  const { actor, origin } = ctx;
  const date = today(ctx);
  const what = use === 'page' || use === 'api' ? 'chronology' : `chronology as ${use.toUpperCase()}`;
  if (councilId !== actor.councilId) {
    await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'denied', recordType: 'child', recordId: childId, fields: what, ip: origin.ip, reason: 'another council' });
    throw new NotFoundError(`There is no case "${childId}" that you can see.`);
  }
  const { breakGlass } = await authoriseChild(db, actor, childId, 'read', 'child', date, what, origin);
  return db.transaction().execute(async (trx) => {
    const child = await getChild(trx, actor.councilId, childId);
    if (!child) throw new NotFoundError(`There is no case "${childId}" that you can see.`);
    const [episodes, allocations, recorded, recordings, notes, model] = [
      await listEpisodes(trx, actor.councilId, childId),
      await listAllocationHistory(trx, actor.councilId, childId),
      await store.listRecordedForChild(trx, actor.councilId, childId),
      await store.listRecordings(trx, actor.councilId, childId),
      await listCaseNotes(trx, actor.councilId, childId),
      await loadModelContext(trx, actor.councilId),
    ];
    const all = buildChronology({
      childId,
      episodes: episodes.map((e) => ({ episodeId: e.episode_id, kind: e.kind, start: e.start_date, end: e.end_date })),
      allocations: allocations.map((a) => ({ allocationId: a.allocation_id, practitionerName: a.practitioner_name, teamId: a.team_id, role: a.role, start: a.start_date })),
      recorded: recorded.map((r) => ({ recordedId: r.recorded_id, activityCode: r.activity_code, occurredOn: r.occurred_on })),
      recordings: recordings.map((r) => ({ recordedId: r.recorded_id, childSeen: r.child_seen, seenAlone: r.seen_alone, recordedByName: r.recorded_by_name })),
      notes: notes.map(toNoteVersion),
    }, { status: STATUS_NAMES, activity: Object.fromEntries(model.config.activities.map((a) => [a.code, a.name])) });
    const chosen = CHRONOLOGY_KINDS.filter((k) => kinds.includes(k));
    const entries = filterChronology(all, chosen);
    const fields = `${what}${chosen.length ? ` (${chosen.join(', ')})` : ''}: ${entries.length} entries`;
    if (use === 'csv' || use === 'pdf') {
      await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'export', recordType: 'child', recordId: childId, childId, fields, ip: origin.ip, reason: breakGlass ? 'break-glass' : null });
    } else {
      await auditChildAccess(trx, actor, childId, 'read', fields, origin, breakGlass);
    }
    return { childId, childName: child.name, date, kinds: chosen, total: all.length, entries };
  });
}

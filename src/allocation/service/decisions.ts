/**
 * The decisions made, for the page and for the file business support enters in the case
 * management system, and their check against the next import.
 */
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { decide } from '../../access/model/index.ts';
import { authorise } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import * as casesStore from '../../cases/store.ts';
import * as workforceStore from '../../workforce/store.ts';
import { dayFromIso, isoFromDay } from '../../workload/model/index.ts';
import { isReasonCode, reconcile, REASON_LABELS } from '../model/index.ts';
import * as store from '../store.ts';
import { allocationResource } from './resource.ts';

export interface DecisionView {
  decisionId: string;
  childId: string;
  childName: string;
  practitionerId: string;
  practitionerName: string;
  previousName: string | null;
  teamName: string;
  reason: string;
  note: string;
  effectiveDate: string;
  decidedBy: string;
  decidedAt: Date;
  status: string;
  mismatch: string | null;
  followedSuggestion: boolean;
}

/** Decisions made in the teams this person allocates for, since a date: the page, and the file business support enters. */
export interface DecisionsData {
  rows: DecisionView[];
  /** Whether this person allocates (and so may open the waiting work), or only enters decisions. */
  mayAllocate: boolean;
}

export async function decisions(db: Db, ctx: RequestContext, since: string, download?: string): Promise<DecisionsData> {
  const { actor, origin } = ctx;
  await authorise(db, actor, 'read', { kind: 'allocation_decisions', councilId: actor.councilId, teamIds: actor.teamIds }, 'allocation decisions', origin);
  return db.transaction().execute(async (trx) => {
    const rows = await store.listDecisions(trx, actor.councilId, { since });
    const wholeCouncil = actor.roles.includes('service_manager') || actor.roles.includes('data_officer');
    const visible = rows.filter((r) => wholeCouncil || actor.teamIds.includes(r.team_id));
    const people = await workforceStore.listPractitionerNames(trx, actor.councilId, [...new Set(visible.flatMap((r) => [r.practitioner_id, r.previous_practitioner_id ?? r.practitioner_id]))]);
    const teams = await workforceStore.listTeamNames(trx, actor.councilId, [...new Set(visible.map((r) => r.team_id))]);
    const restricted = new Set(await casesStore.listRestrictedChildIds(trx, actor.councilId, visible.map((r) => r.child_id)));
    const records = await casesStore.loadCaseRecords(trx, actor.councilId, visible.map((r) => r.child_id));
    const childName = new Map(records.children.map((c) => [c.child_id, c.name]));
    const name = new Map(people.map((p) => [p.practitioner_id, p.name]));
    const teamName = new Map(teams.map((t) => [t.team_id, t.name]));
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: download ? 'export' : 'read', recordType: 'allocation_decisions', fields: `allocation decisions since ${since}${download ? `: ${download} download` : ''}: ${visible.length}`, ip: origin.ip }, ctx.now);
    const mayAllocate = decide(actor, 'read', allocationResource(actor, actor.teamIds)).allowed;
    return { mayAllocate, rows: visible.map((r) => ({
      decisionId: r.decision_id, childId: r.child_id,
      childName: restricted.has(r.child_id) && !actor.grantedChildIds.includes(r.child_id) ? 'Restricted record' : childName.get(r.child_id) ?? r.child_id,
      practitionerId: r.practitioner_id,
      practitionerName: name.get(r.practitioner_id) ?? r.practitioner_id,
      previousName: r.previous_practitioner_id ? name.get(r.previous_practitioner_id) ?? r.previous_practitioner_id : null,
      teamName: teamName.get(r.team_id) ?? r.team_id,
      reason: isReasonCode(r.reason_code) ? REASON_LABELS[r.reason_code] : r.reason_code,
      // Business support enters the allocation and the data officer checks it; the manager's note stays with managers.
      note: actor.roles.includes('team_manager') || actor.roles.includes('service_manager') ? r.note : '',
      effectiveDate: r.effective_date, decidedBy: r.decided_by_name, decidedAt: r.decided_at, status: r.status, mismatch: r.mismatch,
      followedSuggestion: r.suggested_practitioner_id === r.practitioner_id,
    })) };
  });
}

/**
 * After an import: each decision not yet confirmed is checked against what the extract shows
 * (see model/reconcile.ts), in the import's transaction. Returns the mismatches for the data officer.
 */
export interface DecisionCheck {
  confirmed: number;
  mismatches: { childId: string; text: string }[];
  awaiting: number;
}

export async function checkDecisionsAfterImport(db: Db, councilId: string, importId: string, date: string, ctx?: RequestContext): Promise<DecisionCheck> {
  const pending = await store.listDecisions(db, councilId, { status: 'recorded' });
  if (pending.length === 0) return { confirmed: 0, mismatches: [], awaiting: 0 };
  const leads = await store.listOpenLeads(db, councilId, date, pending.map((d) => d.child_id));
  const people = await workforceStore.listPractitionerNames(db, councilId, [...new Set([...leads.map((l) => l.practitioner_id), ...pending.map((d) => d.practitioner_id)])]);
  const name = new Map(people.map((p) => [p.practitioner_id, p.name]));
  const results = reconcile(
    pending.map((d) => ({ decisionId: d.decision_id, childId: d.child_id, practitionerId: d.practitioner_id, allocationId: d.allocation_id, effective: dayFromIso(d.effective_date) })),
    leads.map((l) => ({ allocationId: l.allocation_id, childId: l.child_id, practitionerId: l.practitioner_id, start: dayFromIso(l.start_date) })),
    (id) => name.get(id) ?? id, isoFromDay,
  );
  const out: DecisionCheck = { confirmed: 0, mismatches: [], awaiting: 0 };
  for (const r of results) {
    const d = pending.find((p) => p.decision_id === r.decisionId)!;
    if (r.outcome === 'confirmed') {
      await store.endAllocation(db, councilId, r.closeAllocation.allocationId, isoFromDay(r.closeAllocation.end));
      await store.markDecision(db, councilId, r.decisionId, 'confirmed', importId, null);
      out.confirmed++;
    } else if (r.outcome === 'mismatch') {
      await store.endAllocation(db, councilId, r.closeAllocation.allocationId, isoFromDay(r.closeAllocation.end));
      await store.markDecision(db, councilId, r.decisionId, 'mismatch', importId, r.text);
      out.mismatches.push({ childId: d.child_id, text: r.text });
    } else {
      for (const c of r.closeAllocations) await store.endAllocation(db, councilId, c.allocationId, isoFromDay(c.end));
      out.awaiting++;
    }
  }
  // The decisions' new status and the rows ended are writes too: one event, in the import's transaction, says what changed.
  if (out.confirmed + out.mismatches.length + out.awaiting > 0) {
    await recordAudit(db, {
      councilId, actorUserId: ctx?.actor.userId ?? 'import', actorRoles: ctx?.actor.roles ?? [], action: 'write', recordType: 'allocation_decisions', recordId: importId,
      fields: `allocation decisions checked against import ${importId}: ${out.confirmed} confirmed, ${out.mismatches.length} shown with another worker, ${out.awaiting} awaiting`, ip: ctx?.origin.ip ?? null,
    }, ctx?.now);
  }
  return out;
}

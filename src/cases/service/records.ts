import type { Db } from '../../platform/database.ts';
import { stringify } from 'csv-stringify/sync';
import { guardCell } from '../../standards/cells.ts';
import { authorise, authoriseChild } from '../../access/service.ts';
import { today as dayOf, type RequestContext } from '../../kernel/context.ts';
import { getChild, listAllocationHistory, listEpisodes, listFactors, listRecorded, listRetentionFacts } from '../store.ts';
import { retentionFor } from '../model/retention.ts';
import { listAuditEvents, recordAudit } from '../../platform/audit.ts';
import { NotFoundError } from '../../kernel/errors.ts';
// Notes are recording's table: read through its store, as DESIGN.md asks of another area's data.
import { listCaseNotes } from '../../recording/store/notes.ts';
import { listRecordings } from '../../recording/store/index.ts';

export interface BundleFile {
  name: string;
  content: string;
}

/**
 * A subject access request bundle: everything Caseweight holds about one child, readable by a
 * person (README.md) and by a machine (CSV/JSON), with the audit of who viewed the record.
 * UK GDPR Art. 12(3): one calendar month to respond (DOMAIN.md §8). The export itself is audited.
 */
export async function subjectAccessBundle(db: Db, ctx: RequestContext, childId: string): Promise<BundleFile[]> {
  const councilId = ctx.actor.councilId;
  const today = dayOf(ctx);
  const requestedBy = ctx.actor.name;
  await authoriseChild(db, ctx.actor, childId, 'read', 'child', today, 'subject access request bundle', ctx.origin);
  return db.transaction().execute(async (trx) => {
    const child = await getChild(trx, councilId, childId);
    if (!child) throw new NotFoundError(`There is no child "${childId}" in council "${councilId}".`);
    const [episodes, factors, allocations, recorded] = await Promise.all([
      listEpisodes(trx, councilId, childId),
      listFactors(trx, councilId, childId),
      listAllocationHistory(trx, councilId, childId),
      listRecorded(trx, councilId, childId),
    ]);
    // Every version of every note, drafts too: the bundle is everything Caseweight holds, and a
    // corrected original is part of the record. Drafts are marked so the reader can tell.
    const notes = await listCaseNotes(trx, councilId, childId);
    // How each visit, contact or meeting was recorded in Caseweight: who was seen, who attended, the note.
    const recordings = await listRecordings(trx, councilId, childId);
    const noteCount = new Set(notes.map((n) => n.note_id)).size;
    const drafts = notes.filter((n) => n.status === 'draft').length;
    // Written before the audit is read, so the bundle shows its own export.
    await recordAudit(trx, { councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, action: 'export', recordType: 'child', recordId: childId, childId, fields: 'subject access request bundle', ip: ctx.origin.ip });
    const audit = await listAuditEvents(trx, councilId, { childId, limit: 100_000 });
    const retention = retentionFor({ childId, dateOfBirth: child.date_of_birth, episodes }, today);
    const csv = (rows: readonly object[], columns: string[]) => stringify(rows as Record<string, unknown>[], { header: true, columns, cast: { date: (d) => d.toISOString(), boolean: (b) => (b ? 'yes' : 'no'), string: guardCell } });

    const readme = [
      `# Subject access request: ${child.name} (${childId})`,
      '',
      `Prepared on ${today} by ${requestedBy} from Caseweight, council "${councilId}".`,
      'Caseweight is a workload system that sits beside the council’s case management system: the full case record (notes, assessments, plans) is held there and must be searched too.',
      '',
      '## What Caseweight holds',
      '',
      `- Personal details: name, date of birth ${child.date_of_birth ?? 'not held'}, sex ${child.sex ?? 'not held'}, family group ${child.family_id ?? 'none'}${child.restricted ? ', restricted record' : ''} (child.json)`,
      `- ${episodes.length} periods of involvement (episodes.csv)`,
      `- ${factors.length} complexity factors used to estimate workload (factors.csv)`,
      `- ${allocations.length} allocations to workers (allocations.csv)`,
      `- ${recorded.length} recorded visits, reviews and meetings (recorded_activities.csv)`,
      `- ${recordings.length} visits, contacts and meetings recorded in Caseweight: when, whether the child was seen (and seen alone), who attended, the time spent and the note written with it (recordings.csv)`,
      `- ${notes.length} versions of ${noteCount} case notes (${drafts} ${drafts === 1 ? 'draft' : 'drafts'}): every version, so a corrected note shows its original too (case_notes.csv)`,
      '- Documents: none held by Caseweight (documents.csv)',
      `- ${audit.length} audit entries: who looked at or changed this record, when and why (audit.csv)`,
      '',
      '## Retention',
      '',
      retention.state === 'open' ? 'The case is open; the record is kept.' : `Governing rule: ${retention.governingRule ?? 'none'}; review on ${retention.reviewOn ?? 'not known'}. ${retention.source ?? ''}`,
      '',
      'Before release, redact third-party information as the council’s procedure requires.',
      '',
    ].join('\n');

    return [
      { name: 'README.md', content: readme },
      { name: 'child.json', content: JSON.stringify(child, null, 2) },
      { name: 'episodes.csv', content: csv(episodes, ['episode_id', 'kind', 'start_date', 'end_date', 'placement_distance_miles', 'placement_long_term', 's47_outcome']) },
      { name: 'factors.csv', content: csv(factors, ['factor_id', 'factor', 'start_date', 'end_date']) },
      { name: 'allocations.csv', content: csv(allocations, ['allocation_id', 'practitioner_id', 'practitioner_name', 'team_id', 'role', 'start_date', 'end_date']) },
      { name: 'recorded_activities.csv', content: csv(recorded, ['recorded_id', 'activity_code', 'occurred_on', 'practitioner_id', 'hours']) },
      { name: 'recordings.csv', content: csv(recordings, ['recording_id', 'activity_code', 'happened_at', 'recorded_at', 'recorded_by_name', 'child_seen', 'seen_alone', 'attendees', 'direct_minutes', 'travel_minutes', 'recording_minutes', 'meeting_minutes', 'note']) },
      { name: 'case_notes.csv', content: csv(notes, ['note_id', 'version', 'type', 'status', 'significant', 'happened_on', 'written_at', 'finalised_at', 'author_name', 'supersedes', 'correction_reason', 'text']) },
      { name: 'documents.csv', content: csv([], ['document_id', 'title', 'added_on', 'added_by']) },
      { name: 'audit.csv', content: csv(audit.map((e) => ({ ...e, actorRoles: e.actorRoles.join(' ') })), ['seq', 'occurredAt', 'actorUserId', 'actorRoles', 'action', 'recordType', 'fields', 'ip', 'reason']) },
    ];
  });
}

/**
 * Closed records due for review under the retention schedule. Reads every child's dates, so it
 * is gated (records management) and audited as one read.
 */
export async function retentionDue(db: Db, ctx: RequestContext, date: string) {
  const councilId = ctx.actor.councilId;
  await authorise(db, ctx.actor, 'read', { kind: 'records_management', councilId }, 'retention schedule', ctx.origin);
  return db.transaction().execute(async (trx) => {
    const { children, episodes } = await listRetentionFacts(trx, councilId);
    const byChild = new Map<string, typeof episodes>();
    for (const e of episodes) byChild.set(e.child_id, [...(byChild.get(e.child_id) ?? []), e]);
    const due = children
      .map((c) => retentionFor({ childId: c.child_id, dateOfBirth: c.date_of_birth, episodes: byChild.get(c.child_id) ?? [] }, date))
      .filter((r) => r.state === 'due_for_review' || r.state === 'no_date_of_birth');
    await recordAudit(trx, { councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, action: 'read', recordType: 'retention', recordId: councilId, fields: `retention schedule on ${date}: ${due.length} of ${children.length} records listed`, ip: ctx.origin.ip });
    return { due, total: children.length };
  });
}

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil, type CouncilData } from '../../demo/generate.ts';
import { seedCouncil } from '../../demo/service.ts';
import { InvalidInputError, NotAllowedError, NotFoundError } from '../../kernel/errors.ts';
import type { Actor, Role } from '../../kernel/roles.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { listAuditEvents } from '../../platform/audit.ts';
import { subjectAccessBundle } from '../../cases/service/records.ts';
import { newCouncilId, openTestDatabase, testBackends } from '../../../test/support/database.ts';
import type { NoteForm } from '../model/notes.ts';
import { createRecordingService } from '../service/index.ts';
import * as store from '../store/notes.ts';

const AS_OF = '2026-06-15';
const NOW = new Date(`${AS_OF}T15:00:00Z`);
const origin = { ip: '10.0.0.9' };

/** Case notes and the chronology through the recording service on each database. */
describe.each(testBackends())('case notes and chronology on %s', (kind) => {
  let database: DatabaseHandle;
  let councilId: string;
  let data: CouncilData;
  let service: ReturnType<typeof createRecordingService>;
  const ctxOf = (actor: Actor, now = NOW): RequestContext => ({ actor, origin, now });
  const as = (userId: string, roles: Role[], teamIds: string[], practitionerId: string | null = null): Actor =>
    ({ userId, councilId, name: `Name of ${userId}`, roles, practitionerId, teamIds, grantedChildIds: [], breakGlassChildIds: [] });
  const form = (over: Partial<NoteForm> = {}): NoteForm => ({ type: 'case_note', text: 'Spoke to the school: attendance is up.', significant: '', day: '15', month: '6', year: '2026', reason: '', ...over });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    data = generateCouncil({ councilId, name: 'Notes Borough', seed: 61, asOf: AS_OF, staffScale: 0.3, caseScale: 0.3, recordHistory: true });
    await seedCouncil(database.db, data);
    service = createRecordingService({ db: database.db });
  });
  afterAll(async () => database?.close());

  /** Unrestricted SF1 cases with an open lead allocation, one per call. */
  let used = 0;
  function nextCase() {
    const leads = data.allocations.filter((a) => a.team_id === 'SF1' && a.role === 'lead' && a.end_date === null && !data.children.find((c) => c.child_id === a.child_id)!.restricted);
    const lead = leads[used++]!;
    const colleague = data.practitioners.find((p) => p.team_id === 'SF1' && p.practitioner_id !== lead.practitioner_id && p.role === 'social_worker')!;
    return {
      childId: lead.child_id,
      worker: as('worker', ['practitioner'], ['SF1'], lead.practitioner_id),
      colleague: as('colleague', ['practitioner'], ['SF1'], colleague.practitioner_id),
      manager: as('tm', ['team_manager'], ['SF1']),
      hos: as('hos', ['service_manager'], []),
    };
  }

  it('a draft is its author’s until marked final: hidden from others, edited only by them; then final and unchangeable, even by SQL', async () => {
    const { childId, worker, colleague, manager } = nextCase();
    const { noteId, status } = await service.addNote(ctxOf(worker), childId, form({ day: '10' }), false);
    expect(status).toBe('draft');
    expect((await service.listNotes(ctxOf(worker), childId)).notes.map((n) => n.noteId)).toEqual([noteId]);
    expect((await service.listNotes(ctxOf(colleague), childId)).notes).toEqual([]);
    expect((await service.listNotes(ctxOf(manager), childId)).notes).toEqual([]);
    await expect(service.saveDraft(ctxOf(manager), childId, noteId, form({ text: 'Changed by someone else' }), false)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.draftForm(ctxOf(manager), childId, noteId)).rejects.toBeInstanceOf(NotFoundError);

    await service.saveDraft(ctxOf(worker), childId, noteId, form({ text: 'Spoke to the school and the GP.', day: '10', significant: 'yes' }), false);
    await service.saveDraft(ctxOf(worker), childId, noteId, null, true);
    const [row] = await store.getCaseNote(database.db, councilId, childId, noteId);
    expect(row).toMatchObject({ status: 'final', text: 'Spoke to the school and the GP.', significant: true, happened_on: '2026-06-10', version: 1, author_user_id: 'worker' });
    // Back-dated: the day it is about and the day it was written are both kept.
    expect(row!.written_at.toISOString()).toBe(NOW.toISOString());
    expect((await service.listNotes(ctxOf(colleague), childId)).notes.map((n) => n.latest.text)).toEqual(['Spoke to the school and the GP.']);

    await expect(service.saveDraft(ctxOf(worker), childId, noteId, form({ text: 'Rewritten' }), false)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(sql`update case_notes set text = 'Rewritten' where council_id = ${councilId} and note_id = ${noteId}`.execute(database.db)).rejects.toThrow(/final/);
    await expect(sql`update case_notes set status = 'draft' where council_id = ${councilId} and note_id = ${noteId}`.execute(database.db)).rejects.toThrow(/final/);
    expect((await store.getCaseNote(database.db, councilId, childId, noteId))[0]!.text).toBe('Spoke to the school and the GP.');

    const audit = await listAuditEvents(database.db, councilId, { childId });
    const fields = audit.map((e) => `${e.action} ${e.fields}`);
    expect(fields).toContain(`write case note ${noteId}: draft written about 2026-06-10 (written 2026-06-15)`);
    expect(fields).toContain(`write case note ${noteId}: marked final about 2026-06-10 (written 2026-06-15)`);
    expect(fields.filter((f) => f === 'read case notes').length).toBe(4);
    expect(audit.some((e) => e.action === 'denied' && e.actorUserId === 'tm' && e.fields === 'edit a draft case note')).toBe(true);
  });

  it('a correction is the next version: the original stays for managers, the worker sees the latest marked corrected', async () => {
    const { childId, worker, colleague, manager } = nextCase();
    const { noteId } = await service.addNote(ctxOf(worker), childId, form({ text: 'Visited on Tuesday.' }), true);
    await expect(service.correctNote(ctxOf(worker), childId, noteId, form({ text: 'Visited on Wednesday.' }))).rejects.toBeInstanceOf(InvalidInputError);
    const later = new Date(NOW.getTime() + 3_600_000);
    const { version } = await service.correctNote(ctxOf(worker, later), childId, noteId, form({ text: 'Visited on Wednesday.', reason: 'Wrong day of the visit' }));
    expect(version).toBe(2);
    const rows = await store.getCaseNote(database.db, councilId, childId, noteId);
    expect(rows.map((r) => [r.version, r.text, r.status, r.supersedes, r.correction_reason])).toEqual([
      [1, 'Visited on Tuesday.', 'final', null, null],
      [2, 'Visited on Wednesday.', 'final', 1, 'Wrong day of the visit'],
    ]);
    const seenByWorker = (await service.listNotes(ctxOf(worker), childId)).notes.find((n) => n.noteId === noteId)!;
    expect(seenByWorker).toMatchObject({ corrected: true, earlier: [] });
    expect(seenByWorker.latest.text).toBe('Visited on Wednesday.');
    const seenByManager = (await service.listNotes(ctxOf(manager), childId)).notes.find((n) => n.noteId === noteId)!;
    expect(seenByManager.earlier.map((v) => v.text)).toEqual(['Visited on Tuesday.']);
    // A colleague may read, not write; the manager may correct anyone's note; a draft is edited, not corrected.
    await expect(service.correctNote(ctxOf(colleague), childId, noteId, form({ reason: 'x' }))).rejects.toBeInstanceOf(NotFoundError);
    await service.correctNote(ctxOf(manager), childId, noteId, form({ text: 'Visited on Wednesday afternoon.', reason: 'Time added' }));
    const { noteId: draftId } = await service.addNote(ctxOf(worker), childId, form(), false);
    await expect(service.correctNote(ctxOf(worker), childId, draftId, form({ reason: 'x' }))).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('oversight and decisions are for managers; only the worker and the team manager write; others get 404; a bad form writes nothing', async () => {
    const { childId, worker, colleague, manager, hos } = nextCase();
    const count = async () => (await store.listCaseNotes(database.db, councilId, childId)).length;
    const before = await count();
    const problems = await service.addNote(ctxOf(worker), childId, form({ type: 'case_decision' }), true).catch((e: InvalidInputError) => e.problems);
    expect(problems).toEqual([{ field: 'type', message: expect.stringMatching(/Only a manager/) }]);
    await expect(service.addNote(ctxOf(worker), childId, form({ text: '  ', day: '16' }), true)).rejects.toBeInstanceOf(InvalidInputError);
    for (const actor of [colleague, hos, as('bs', ['business_support'], ['SF1']), as('tm2', ['team_manager'], ['SF2']), as('auditor', ['auditor'], [])]) {
      await expect(service.addNote(ctxOf(actor), childId, form(), true), actor.userId).rejects.toBeInstanceOf(NotFoundError);
      await expect(service.newNoteForm(ctxOf(actor), childId), actor.userId).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(service.addNote(ctxOf(worker), childId, form(), true, 'another-council')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.listNotes(ctxOf(as('tm2', ['team_manager'], ['SF2'])), childId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await count()).toBe(before);
    await service.addNote(ctxOf(manager), childId, form({ type: 'manager_oversight', text: 'Supervision: plan reviewed, visits on track.', significant: 'yes' }), true);
    expect(await count()).toBe(before + 1);
    // The worker may not correct the manager's oversight note.
    const note = (await service.listNotes(ctxOf(worker), childId)).notes.find((n) => n.latest.type === 'manager_oversight')!;
    await expect(service.correctNote(ctxOf(worker), childId, note.noteId, form({ reason: 'mine now' }))).rejects.toBeInstanceOf(NotAllowedError);
    // A service manager reads the notes (every version), never writes them.
    expect((await service.listNotes(ctxOf(hos), childId)).mayWrite).toBe(false);
  });

  it('the chronology: status changes, allocations, recorded work and significant notes in date order, filtered, each audited', async () => {
    const { childId, worker, colleague } = nextCase();
    const { noteId } = await service.addNote(ctxOf(worker), childId, form({ text: 'Strategy agreed with police.', significant: 'yes', day: '12' }), true);
    await service.addNote(ctxOf(worker), childId, form({ text: 'Routine call.' }), true);
    await service.addNote(ctxOf(worker), childId, form({ text: 'Draft, significant.', significant: 'yes' }), false);
    const all = await service.chronology(ctxOf(colleague), childId, []);
    const days = all.entries.map((e) => e.on);
    expect(days).toEqual([...days].sort());
    const kinds = new Set(all.entries.map((e) => e.kind));
    expect(kinds.has('status')).toBe(true);
    expect(kinds.has('allocation')).toBe(true);
    const notes = all.entries.filter((e) => e.kind === 'note');
    expect(notes.map((e) => e.source.href)).toEqual([`/children/${childId}/notes#note-${noteId}`]);
    expect(notes[0]!.on).toBe('2026-06-12');
    const onlyNotes = await service.chronology(ctxOf(colleague), childId, ['note', 'court'], 'csv');
    expect(onlyNotes.entries.every((e) => e.kind === 'note' || e.kind === 'court')).toBe(true);
    expect(onlyNotes.total).toBe(all.entries.length);
    const audit = await listAuditEvents(database.db, councilId, { childId });
    expect(audit.some((e) => e.action === 'read' && e.actorUserId === 'colleague' && e.fields === `chronology: ${all.entries.length} entries`)).toBe(true);
    expect(audit.some((e) => e.action === 'export' && e.fields?.startsWith('chronology as CSV (court, note)'))).toBe(true);
    await expect(service.chronology(ctxOf(as('tm2', ['team_manager'], ['SF2'])), childId, [])).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.chronology(ctxOf(as('bs', ['business_support'], ['SF1'])), childId, [])).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the subject access bundle holds every version of every note, drafts included and marked', async () => {
    const { childId, worker } = nextCase();
    const { noteId } = await service.addNote(ctxOf(worker), childId, form({ text: 'First, "quoted", text' }), true);
    await service.correctNote(ctxOf(worker), childId, noteId, form({ text: 'Second text', reason: 'Typo' }));
    await service.addNote(ctxOf(worker), childId, form({ text: '=cmd() draft' }), false);
    const files = await subjectAccessBundle(database.db, ctxOf(worker), childId);
    const csv = files.find((f) => f.name === 'case_notes.csv')!.content;
    expect(csv.trim().split('\n')).toHaveLength(4);
    expect(csv).toContain('First, ""quoted"", text');
    expect(csv).toContain('Second text');
    expect(csv).toContain("'=cmd() draft");
    expect(files.find((f) => f.name === 'README.md')!.content).toMatch(/3 versions of 2 case notes \(1 draft\)/);
  });
});

import { describe, expect, it } from 'vitest';
import { checkNote, noteThreads, noteTypesFor, type NoteForm, type NoteVersion } from './notes.ts';

const NOW = new Date('2026-06-15T10:00:00Z');
const form = (over: Partial<NoteForm> = {}): NoteForm => ({ type: 'case_note', text: 'Note', significant: '', day: '15', month: '6', year: '2026', reason: '', ...over });

describe('checking a note', () => {
  it('accepts a note about today or the past year, significant when ticked', () => {
    expect(checkNote(form({ significant: 'yes', day: '1' }), ['case_note'], NOW)).toEqual({ ok: true, value: { type: 'case_note', text: 'Note', significant: true, happenedOn: '2026-06-01' } });
  });

  it('lists every problem at once, in page order, in plain English', () => {
    const result = checkNote(form({ type: 'case_decision', day: '31', month: '2', text: ' ' }), noteTypesFor(['practitioner']), NOW, true);
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(['type', 'happened-day', 'text', 'reason']);
    expect(result.ok ? '' : result.problems[0]!.message).toMatch(/Only a manager/);
  });

  it('refuses a day in the future or more than a year back', () => {
    expect(checkNote(form({ day: '16' }), ['case_note'], NOW).ok).toBe(false);
    expect(checkNote(form({ year: '2025', month: '6', day: '1' }), ['case_note'], NOW).ok).toBe(false);
  });

  it('lets managers write oversight and decisions', () => {
    expect(noteTypesFor(['team_manager'])).toEqual(['case_note', 'manager_oversight', 'case_decision']);
    expect(noteTypesFor(['practitioner', 'business_support'])).toEqual(['case_note']);
  });
});

describe('a note’s versions as a reader sees them', () => {
  const v = (noteId: string, version: number, over: Partial<NoteVersion> = {}): NoteVersion => ({ noteId, version, type: 'case_note', text: `${noteId} v${version}`, status: 'final', significant: false, happenedOn: '2026-06-01', writtenAt: new Date(version * 1000), finalisedAt: new Date(0), authorUserId: 'ann', authorName: 'Ann', correctionReason: null, ...over });
  const versions = [v('a', 1), v('a', 2), v('b', 1, { happenedOn: '2026-06-10' }), v('c', 1, { status: 'draft', authorUserId: 'bob' })];

  it('newest first; managers see the original under the correction; workers the latest, marked corrected', () => {
    const manager = noteThreads(versions, { userId: 'tm', allVersions: true });
    expect(manager.map((t) => [t.noteId, t.latest.version, t.earlier.map((e) => e.version), t.corrected])).toEqual([['b', 1, [], false], ['a', 2, [1], true]]);
    const worker = noteThreads(versions, { userId: 'ann', allVersions: false });
    expect(worker.map((t) => [t.noteId, t.earlier.length, t.corrected])).toEqual([['b', 0, false], ['a', 0, true]]);
  });

  it('shows a draft to its author only', () => {
    expect(noteThreads(versions, { userId: 'bob', allVersions: false }).map((t) => t.noteId)).toEqual(['b', 'a', 'c']);
    expect(noteThreads(versions, { userId: 'tm', allVersions: true }).some((t) => t.noteId === 'c')).toBe(false);
  });
});

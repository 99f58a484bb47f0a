import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { buildChronology, CHRONOLOGY_ACTIVITIES, CHRONOLOGY_KINDS, filterChronology, readKinds, type ChronologySources } from './chronology.ts';
import { NOTE_TYPES, type NoteVersion } from './notes.ts';

const names = { status: { cp_plan: 'Child protection plan', court_proceedings: 'Care proceedings' }, activity: { cp_visit: 'Child protection visit' } };
const dayArb = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2018, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const codeArb = fc.constantFrom(...Object.keys(CHRONOLOGY_ACTIVITIES), 'case_management', 'other', 'family_help_support');

const noteArb = (noteId: string) => fc.record({
  versions: fc.integer({ min: 1, max: 3 }), lastDraft: fc.boolean(), significant: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), on: dayArb,
  type: fc.constantFrom(...NOTE_TYPES),
}).map(({ versions, lastDraft, significant, on, type }): NoteVersion[] => Array.from({ length: versions }, (_, i) => ({
  noteId, version: i + 1, type, text: `text ${noteId} v${i + 1}`, significant: significant[i]!, happenedOn: on, writtenAt: new Date(0), finalisedAt: null,
  // Only a first version can still be a draft: a correction is final at once.
  status: versions === 1 && lastDraft ? 'draft' : 'final', authorUserId: 'u', authorName: 'A', correctionReason: i > 0 ? 'why' : null,
})));

const sourcesArb: fc.Arbitrary<ChronologySources> = fc.record({
  episodes: fc.uniqueArray(fc.record({ episodeId: fc.string({ minLength: 1, maxLength: 6 }), kind: fc.constantFrom('cp_plan', 'court_proceedings', 'looked_after'), start: dayArb, end: fc.option(dayArb, { nil: null }) }), { selector: (e) => e.episodeId, maxLength: 8 }),
  allocations: fc.uniqueArray(fc.record({ allocationId: fc.string({ minLength: 1, maxLength: 6 }), practitionerName: fc.string(), teamId: fc.constant('T1'), role: fc.constantFrom('lead', 'co_worker'), start: dayArb }), { selector: (a) => a.allocationId, maxLength: 8 }),
  recorded: fc.uniqueArray(fc.record({ recordedId: fc.string({ minLength: 1, maxLength: 6 }), activityCode: codeArb, occurredOn: dayArb }), { selector: (r) => r.recordedId, maxLength: 12 }),
  notes: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 6 }).chain((ids) => (ids.length ? fc.tuple(...ids.map(noteArb)).map((l) => l.flat()) : fc.constant<NoteVersion[]>([]))),
}).map((s) => ({ ...s, childId: 'C1', recordings: [] }));

/** The keys the record should produce: every significant source row once (an ended episode's end too). */
function expectedKeys(s: ChronologySources): string[] {
  const latestFinal = new Map<string, NoteVersion>();
  for (const n of s.notes) if (n.status === 'final' && (latestFinal.get(n.noteId)?.version ?? 0) < n.version) latestFinal.set(n.noteId, n);
  return [
    ...s.episodes.flatMap((e) => [`episode:${e.episodeId}:start`, ...(e.end ? [`episode:${e.episodeId}:end`] : [])]),
    ...s.allocations.map((a) => `allocation:${a.allocationId}`),
    ...s.recorded.filter((r) => CHRONOLOGY_ACTIVITIES[r.activityCode]).map((r) => `recorded:${r.recordedId}`),
    ...[...latestFinal.values()].filter((n) => n.significant).map((n) => `note:${n.noteId}`),
  ].sort();
}

describe('the chronology, built from the record', () => {
  test.prop([sourcesArb])('entries are in date order (a court reads a chronology top to bottom)', (s) => {
    const days = buildChronology(s, names).map((e) => e.on);
    expect(days).toEqual([...days].sort());
  });

  test.prop([sourcesArb])('every significant source row appears exactly once, and nothing else does', (s) => {
    expect(buildChronology(s, names).map((e) => e.source.key).sort()).toEqual(expectedKeys(s));
  });

  test.prop([sourcesArb, fc.subarray([...CHRONOLOGY_KINDS])])('a filter only removes entries, keeps the order, and keeps every entry of a chosen kind', (s, kinds) => {
    const all = buildChronology(s, names);
    const some = filterChronology(all, kinds);
    let i = 0;
    for (const e of some) {
      while (i < all.length && all[i] !== e) i++;
      expect(i).toBeLessThan(all.length);
    }
    expect(some.length).toBe(kinds.length === 0 ? all.length : all.filter((e) => kinds.includes(e.kind)).length);
  });

  test('a corrected significant note appears once, as its latest final version, linked to the note; a draft not at all', () => {
    const v = (version: number, over: Partial<NoteVersion> = {}): NoteVersion => ({ noteId: 'n1', version, type: 'case_decision', text: `v${version}`, status: 'final', significant: true, happenedOn: '2026-05-01', writtenAt: new Date(0), finalisedAt: new Date(0), authorUserId: 'u', authorName: 'Sam Manager', correctionReason: null, ...over });
    const entries = buildChronology({ childId: 'C 1', episodes: [], allocations: [], recorded: [], recordings: [], notes: [v(1), v(2), { ...v(1), noteId: 'n2', status: 'draft' }] }, names);
    expect(entries).toEqual([{ on: '2026-05-01', kind: 'note', title: 'Case decision (corrected)', detail: 'v2 (Sam Manager)', source: { key: 'note:n1', href: '/children/C%201/notes#note-n1', label: 'Note' } }]);
  });

  test('on a day one status ends and another starts, the end reads first; court proceedings are court dates', () => {
    const entries = buildChronology({ childId: 'C1', allocations: [], recorded: [], recordings: [], notes: [], episodes: [
      { episodeId: 'b', kind: 'court_proceedings', start: '2026-02-01', end: null },
      { episodeId: 'a', kind: 'cp_plan', start: '2025-01-01', end: '2026-02-01' },
    ] }, names);
    expect(entries.map((e) => [e.on, e.kind, e.title])).toEqual([
      ['2025-01-01', 'status', 'Child protection plan started'], ['2026-02-01', 'status', 'Child protection plan ended'], ['2026-02-01', 'court', 'Care proceedings started'],
    ]);
  });

  test('a visit recorded here says whether the child was seen alone and who recorded it', () => {
    const [entry] = buildChronology({ childId: 'C1', episodes: [], allocations: [], notes: [], recorded: [{ recordedId: 'r1', activityCode: 'cp_visit', occurredOn: '2026-06-01' }], recordings: [{ recordedId: 'r1', childSeen: true, seenAlone: true, recordedByName: 'Ada' }] }, names);
    expect(entry).toMatchObject({ kind: 'visit', title: 'Child protection visit', detail: 'Child seen alone; recorded by Ada' });
  });

  test('the filter reads one kind, several, or none (all), and ignores what it does not know', () => {
    expect(readKinds(undefined)).toEqual([]);
    expect(readKinds('note')).toEqual(['note']);
    expect(readKinds(['court', 'note', 'nonsense'])).toEqual(['court', 'note']);
  });
});

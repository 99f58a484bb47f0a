/**
 * A child's chronology: the significant events of the record in date order, each linked to the
 * row it comes from. A view, not a copy: it is built afresh from the rows each time, so it cannot
 * drift from the record. Pure: rows and names in, entries out.
 */
import { NOTE_TYPE_NAMES, type NoteVersion } from './notes.ts';

export const CHRONOLOGY_KINDS = ['status', 'allocation', 'assessment', 'meeting', 'visit', 'court', 'note'] as const;
export type ChronologyKind = (typeof CHRONOLOGY_KINDS)[number];
export const CHRONOLOGY_KIND_NAMES: Record<ChronologyKind, string> = {
  status: 'Status changes',
  allocation: 'Allocations',
  assessment: 'Assessments and enquiries',
  meeting: 'Conferences, reviews and meetings',
  visit: 'Visits and contacts',
  court: 'Court',
  note: 'Significant notes',
};

/**
 * Which recorded activities are events in a chronology, and of which kind. Routine work (family
 * help sessions, case management, "other") is time on the case, not an event in the child's story.
 */
export const CHRONOLOGY_ACTIVITIES: Readonly<Record<string, ChronologyKind>> = {
  referral_decision: 'assessment', assessment: 'assessment', s47_enquiry: 'assessment',
  strategy_discussion: 'meeting', initial_cp_conference: 'meeting', review_conference: 'meeting', core_group: 'meeting',
  cin_review: 'meeting', lac_review: 'meeting', pathway_plan_review: 'meeting',
  cp_visit: 'visit', cin_visit: 'visit', lac_visit: 'visit', care_leaver_contact: 'visit',
  court_work: 'court',
};

export interface ChronologySources {
  childId: string;
  episodes: readonly { episodeId: string; kind: string; start: string; end: string | null }[];
  allocations: readonly { allocationId: string; practitionerName: string; teamId: string; role: string; start: string }[];
  recorded: readonly { recordedId: string; activityCode: string; occurredOn: string }[];
  /** How Caseweight recorded some of them: whether the child was seen, and by whom. */
  recordings: readonly { recordedId: string; childSeen: boolean | null; seenAlone: boolean | null; recordedByName: string }[];
  /** Every version of every note: the chronology takes each note's latest final version. */
  notes: readonly NoteVersion[];
}

export interface ChronologyNames {
  status: Readonly<Record<string, string>>;
  activity: Readonly<Record<string, string>>;
}

export interface ChronologyEntry {
  on: string;
  kind: ChronologyKind;
  title: string;
  detail: string;
  /** The row it comes from: a key unique within the chronology, and where to open it. */
  source: { key: string; href: string; label: string };
}

const NOTE_DETAIL_LIMIT = 600;
const clip = (text: string) => (text.length > NOTE_DETAIL_LIMIT ? `${text.slice(0, NOTE_DETAIL_LIMIT - 1).trimEnd()}…` : text);

function seenText(r: ChronologySources['recordings'][number] | undefined): string {
  if (!r) return '';
  const seen = r.seenAlone === true ? 'Child seen alone' : r.childSeen === true ? 'Child seen, not alone' : r.childSeen === false ? 'Child not seen' : '';
  return [seen, `recorded by ${r.recordedByName}`].filter(Boolean).join('; ');
}

/** The chronology: every significant row once (an episode twice when it has ended: its start and its end), oldest first. */
export function buildChronology(src: ChronologySources, names: ChronologyNames): ChronologyEntry[] {
  const child = `/children/${encodeURIComponent(src.childId)}`;
  const entries: (ChronologyEntry & { order: number })[] = [];
  for (const e of src.episodes) {
    const kind: ChronologyKind = e.kind === 'court_proceedings' ? 'court' : 'status';
    const name = names.status[e.kind] ?? e.kind;
    const source = (edge: string) => ({ key: `episode:${e.episodeId}:${edge}`, href: `${child}#status-history`, label: 'Status history' });
    entries.push({ on: e.start, kind, title: `${name} started`, detail: '', source: source('start'), order: 1 });
    // On a day one status ends and another starts, the end reads first.
    if (e.end !== null) entries.push({ on: e.end, kind, title: `${name} ended`, detail: '', source: source('end'), order: 0 });
  }
  for (const a of src.allocations) {
    entries.push({
      on: a.start, kind: 'allocation', title: `${a.role === 'lead' ? 'Allocated to' : 'Also allocated to'} ${a.practitionerName}`, detail: `Team ${a.teamId}`,
      source: { key: `allocation:${a.allocationId}`, href: `${child}#allocation-history`, label: 'Allocation history' }, order: 2,
    });
  }
  const recordings = new Map(src.recordings.map((r) => [r.recordedId, r]));
  for (const r of src.recorded) {
    const kind = CHRONOLOGY_ACTIVITIES[r.activityCode];
    if (!kind) continue;
    entries.push({
      on: r.occurredOn, kind, title: names.activity[r.activityCode] ?? r.activityCode, detail: seenText(recordings.get(r.recordedId)),
      source: { key: `recorded:${r.recordedId}`, href: child, label: 'Case record' }, order: 3,
    });
  }
  const latestFinal = new Map<string, NoteVersion>();
  for (const n of src.notes) {
    if (n.status !== 'final') continue;
    const held = latestFinal.get(n.noteId);
    if (!held || n.version > held.version) latestFinal.set(n.noteId, n);
  }
  for (const n of latestFinal.values()) {
    if (!n.significant) continue;
    entries.push({
      on: n.happenedOn, kind: 'note', title: `${NOTE_TYPE_NAMES[n.type]}${n.version > 1 ? ' (corrected)' : ''}`, detail: `${clip(n.text)} (${n.authorName})`,
      source: { key: `note:${n.noteId}`, href: `${child}/notes#note-${encodeURIComponent(n.noteId)}`, label: 'Note' }, order: 4,
    });
  }
  return entries
    .sort((a, b) => a.on.localeCompare(b.on) || a.order - b.order || a.source.key.localeCompare(b.source.key))
    .map(({ order: _order, ...e }) => e);
}

/** The kinds a filter asks for: none (or nothing recognisable) means every kind. */
export function readKinds(value: unknown): ChronologyKind[] {
  const list = (Array.isArray(value) ? value : [value]).filter((v): v is ChronologyKind => typeof v === 'string' && (CHRONOLOGY_KINDS as readonly string[]).includes(v));
  return CHRONOLOGY_KINDS.filter((k) => list.includes(k));
}

/** Only the chosen kinds; an empty choice keeps everything. A filter only removes entries. */
export function filterChronology(entries: readonly ChronologyEntry[], kinds: readonly ChronologyKind[]): ChronologyEntry[] {
  return kinds.length === 0 ? [...entries] : entries.filter((e) => kinds.includes(e.kind));
}

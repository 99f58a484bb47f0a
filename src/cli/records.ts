// `caseweight record`, `caseweight notes --child` and `caseweight chronology --child`: recording a
// visit, and a child's case notes and chronology, at the command line, through the recording
// service (access asked, every read and write audited).
import type { Config } from '../platform/config.ts';
import type { ChronologyKind } from '../recording/model/chronology.ts';
import { withServices } from './context.ts';
import { terminalTable } from './tables.ts';
import { InvalidInputError } from '../kernel/errors.ts';

interface Options {
  child: string;
  council: string;
  as?: string;
  json?: boolean;
  wide?: boolean;
  kind?: ChronologyKind[];
}

export async function notesCommand(config: Config, options: Options): Promise<void> {
  await withServices(config, options, async ({ recording }, ctx) => {
    const data = await recording.listNotes(ctx, options.child);
    if (options.json) return void console.log(JSON.stringify(data.notes, null, 2));
    console.log(`Case notes for ${data.childName} (${data.childId}): ${data.notes.length}`);
    const table = terminalTable({ head: ['About', 'Type', 'Note', 'By', 'State'], colAligns: ['left', 'left', 'left', 'left', 'left'], wide: options.wide === true });
    for (const n of data.notes) {
      const v = n.latest;
      table.push([v.happenedOn, v.type.replace(/_/g, ' '), v.text, v.authorName, `${v.status}${n.corrected ? ', corrected' : ''}${v.significant ? ', significant' : ''}`]);
    }
    console.log(table.toString());
  });
}

export async function chronologyCommand(config: Config, options: Options): Promise<void> {
  await withServices(config, options, async ({ recording }, ctx) => {
    const data = await recording.chronology(ctx, options.child, options.kind ?? [], 'api');
    if (options.json) return void console.log(JSON.stringify(data, null, 2));
    console.log(`Chronology of ${data.childName} (${data.childId}) on ${data.date}: ${data.entries.length} of ${data.total} entries`);
    const table = terminalTable({ head: ['Date', 'What', 'Detail'], colAligns: ['left', 'left', 'left'], wide: options.wide === true });
    for (const e of data.entries) table.push([e.on, e.title, e.detail]);
    console.log(table.toString());
  });
}

export interface RecordOptions {
  child: string;
  council: string;
  as?: string;
  json?: boolean;
  activity: string;
  on: string;
  time: string;
  seen?: string;
  seenAlone?: string;
  attendees?: string;
  direct?: string;
  travel?: string;
  recording?: string;
  meeting?: string;
  note?: string;
  worker?: string;
}

/** The same checks as the page: every problem at once, each named by its option. */
const OPTION_OF: Record<string, string> = {
  activityCode: '--activity', 'happened-day': '--on', time: '--time', childSeen: '--seen', seenAlone: '--seen-alone',
  attendees: '--attendees', directMinutes: '--direct', travelMinutes: '--travel', recordingMinutes: '--recording', meetingMinutes: '--meeting', minutes: '--direct', note: '--note', worker: '--worker',
};

export async function recordCommand(config: Config, options: RecordOptions): Promise<void> {
  await withServices(config, options, async ({ recording }, ctx) => {
    const [year = '', month = '', day = ''] = /^\d{4}-\d{2}-\d{2}$/.test(options.on) ? options.on.split('-') : [];
    const answer = (v: string | undefined) => (v === undefined ? 'not_applicable' : v.toLowerCase().startsWith('y') ? 'yes' : v.toLowerCase().startsWith('n') ? 'no' : v);
    try {
      const result = await recording.record(ctx, options.child, {
        activityCode: options.activity, year, month, day, time: options.time, childSeen: answer(options.seen), seenAlone: answer(options.seenAlone),
        attendees: options.attendees ?? '', directMinutes: options.direct ?? '', travelMinutes: options.travel ?? '', recordingMinutes: options.recording ?? '',
        meetingMinutes: options.meeting ?? '', note: options.note ?? '',
      }, undefined, options.worker);
      if (options.json) return void console.log(JSON.stringify(result, null, 2));
      console.log(`Recorded on ${options.child}${result.nextDue ? `; ${result.nextDue.name} next due by ${result.nextDue.dueOn}` : ''}.`);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      const lines = error.problems.map((p) => `  ${OPTION_OF[p.field] ?? p.field}: ${p.message}`);
      throw new InvalidInputError(`${error.message}\n${lines.join('\n')}`, error.problems);
    }
  });
}

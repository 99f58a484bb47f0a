// `caseweight notes --child` and `caseweight chronology --child`: a child's case notes and
// chronology at the command line, through the recording service (access asked, the read audited).
import type { Config } from '../platform/config.ts';
import type { ChronologyKind } from '../recording/model/chronology.ts';
import { withServices } from './context.ts';
import { terminalTable } from './tables.ts';

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

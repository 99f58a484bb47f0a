import { XMLParser } from 'fast-xml-parser';
import type { FileInfo, ReportBuilder } from '../report.ts';
import { elementSpans, lineOffsets, onLinesOfTheirOwn, readOneXmlFile, spanOf, valueIn } from '../xml.ts';
import type { InputFile } from '../files.ts';
import { validateCsww } from './schema.ts';

/** One CSWWWorker, as plain data (numbers parsed, dates YYYY-MM-DD, codes as text). */
export interface CswwWorker {
  line: number | undefined;
  agency: boolean;
  swe: string;
  fte: number | null;
  fte30: number | null;
  orgRole: string | null;
  roleStart: string | null;
  roleEnd: string | null;
  startOrigin: string | null;
  leaverDestination: string | null;
  reasonLeave: string | null;
  cases30: number | null;
  workingDaysLost: number | null;
  absentOn30Sept: boolean | null;
  reasonAbsence: string | null;
}

export interface CswwCensus {
  /** The census date (30 September) from the header, when given. */
  referenceDate: string | null;
  vacancies: { fte: number; agencyFte: number; agencyHeadcount: number };
  workers: CswwWorker[];
}

const REPEATED = new Set(['Source', 'CSWWWorker', 'QualInst', 'ContractWeeks', 'Absat30Sept', 'ReasonAbsence', 'CFKSSstatus']);
// No entities, no DTD (refused before parsing), values as text so numbers keep their form.
const parser = new XMLParser({
  ignoreAttributes: true, processEntities: false, htmlEntities: false, ignoreDeclaration: true, ignorePiTags: true,
  parseTagValue: false, trimValues: true, isArray: (name) => REPEATED.has(name),
});

type Node = Record<string, unknown>;
const text = (n: Node, k: string): string | null => {
  const v = n[k];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined || first === null || first === '' ? null : String(first);
};
const num = (n: Node, k: string) => (text(n, k) === null ? null : Number(text(n, k)));

/**
 * Reads one workforce census XML file: decoded safely (no DTD or entities), validated against
 * the XSD, then read into plain data. A problem outside the workers (not well-formed, the
 * header or the vacancy figures fail the schema) stops the import. A worker element that fails
 * the schema is rejected on its own, named by its SWENo with libxml2's own account of what it
 * expected, and the other workers are read, as the DfE's validator reports per worker. Two
 * workers with one Social Work England number are both rejected: neither is guessed between.
 */
export async function readCswwFiles(files: readonly InputFile[], report: ReportBuilder): Promise<{ census: CswwCensus | undefined; files: FileInfo[] }> {
  const { infos, file, text: xml } = readOneXmlFile(files, report, 'workforce census');
  if (!file || xml === undefined) return { census: undefined, files: infos };
  const info = infos[0]!;
  const decoded = { text: xml };
  let doc: Node;
  try {
    doc = parser.parse(decoded.text) as Node;
  } catch (error) {
    report.error(file.name, `The file is not well-formed XML (${(error as Error).message}). It may be cut short: export it again.`);
    return { census: undefined, files: infos };
  }
  const message = doc.Message as Node | undefined;
  if (!message || typeof message !== 'object') {
    const root = Object.keys(doc)[0];
    report.error(file.name, `This is not a workforce census file: ${root ? `its top element is <${root}>` : 'it has no elements'}, where the census starts with <Message>.`, { element: root ?? 'Message' });
    return { census: undefined, files: infos };
  }
  // Each worker on lines of its own, so each schema problem falls in one worker (or none).
  const laid = onLinesOfTheirOwn(decoded.text, 'CSWWWorker');
  const spans = elementSpans(laid.text, 'CSWWWorker');
  const offsets = lineOffsets(laid.text);
  const parsed = (message.CSWWWorker as Node[] | undefined) ?? [];
  info.rows = spans.length;
  info.recognisedAs = 'csww';
  const sweOf = (i: number) => (valueIn(laid.text, offsets, spans[i]!, 'SWENo') ?? '').toUpperCase();
  const fileLine = (l: number | undefined) => (l === undefined ? {} : { line: laid.originalLine(l) });
  const rejected = new Set<number>();
  let fileLevel = false;
  for (const p of await validateCsww(laid.text)) {
    const i = spans.length === parsed.length ? spanOf(spans, p.line) : -1;
    const at = fileLine(p.line);
    if (i < 0) {
      report.error(file.name, p.message, { ...at, element: p.element ? `Message/${p.element}` : 'Message' });
      fileLevel = true;
      continue;
    }
    rejected.add(i);
    const swe = sweOf(i);
    report.reject(file.name, `Worker ${swe || `at line ${laid.originalLine(spans[i]!.start)}`}: ${p.message} The worker was not imported.`, {
      ...at, element: `CSWWWorker[${i + 1}]${p.element && p.element !== 'CSWWWorker' ? `/${p.element}` : ''}`, key: swe ? `SWENo ${swe}` : `CSWWWorker ${i + 1}`,
    }, `worker ${i}`);
  }
  if (fileLevel) return { census: undefined, files: infos };

  const header = (message.Header as Node | undefined)?.CollectionDetails as Node | undefined;
  const vac = message.LALevelVacancies as Node;
  const all = parsed.map((w, i): CswwWorker | undefined => (rejected.has(i) ? undefined : {
    line: spans[i] ? laid.originalLine(spans[i].start) : undefined,
    agency: text(w, 'AgencyWorker') === '1',
    swe: text(w, 'SWENo')!.toUpperCase(),
    fte: num(w, 'FTE'),
    fte30: num(w, 'FTE30'),
    orgRole: text(w, 'OrgRole'),
    roleStart: text(w, 'RoleStartDate'),
    roleEnd: text(w, 'RoleEndDate'),
    startOrigin: text(w, 'StartOrigin'),
    leaverDestination: text(w, 'LeaverDestination'),
    reasonLeave: text(w, 'ReasonLeave'),
    cases30: num(w, 'Cases30'),
    workingDaysLost: num(w, 'WorkingDaysLost'),
    absentOn30Sept: text(w, 'Absat30Sept') === null ? null : text(w, 'Absat30Sept') === '1',
    reasonAbsence: text(w, 'ReasonAbsence'),
  }));
  // One Social Work England number on two workers: neither can be matched, so both are left out.
  const bySwe = new Map<string, number[]>();
  all.forEach((w, i) => w && bySwe.set(w.swe, [...(bySwe.get(w.swe) ?? []), i]));
  for (const [swe, at] of bySwe) {
    if (at.length < 2) continue;
    for (const i of at) {
      const others = at.filter((j) => j !== i).map((j) => laid.originalLine(spans[j]!.start)).join(' and ');
      report.reject(file.name, `Social Work England number ${swe} is also on the worker at line ${others}. Neither was imported: each worker appears once, so merge the records at source.`, {
        line: laid.originalLine(spans[i]!.start), element: `CSWWWorker[${i + 1}]/SWENo`, key: `SWENo ${swe}`,
      }, `worker ${i}`);
      all[i] = undefined;
    }
  }
  const workers = all.filter((w): w is CswwWorker => w !== undefined);
  return {
    census: {
      referenceDate: header ? text(header, 'ReferenceDate') : null,
      vacancies: { fte: Number(text(vac, 'NumberOfVacancies')), agencyFte: Number(text(vac, 'NoAgencyFTE')), agencyHeadcount: Number(text(vac, 'NoAgencyHeadcount')) },
      workers,
    },
    files: infos,
  };
}

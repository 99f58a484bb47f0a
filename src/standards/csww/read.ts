import { XMLParser } from 'fast-xml-parser';
import type { FileInfo, ReportBuilder } from '../report.ts';
import { openingLines, readOneXmlFile } from '../xml.ts';
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
 * the XSD (a failure is structural: nothing is returned), then read into plain data. Two
 * workers with one Social Work England number are a structural error too: they cannot both
 * be matched to the register.
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
  const problems = await validateCsww(decoded.text);
  for (const p of problems) report.error(file.name, p.message, { ...(p.line !== undefined ? { line: p.line } : {}), element: 'Message' });
  if (problems.length > 0) return { census: undefined, files: infos };

  const header = (message.Header as Node | undefined)?.CollectionDetails as Node | undefined;
  const vac = message.LALevelVacancies as Node;
  const lines = openingLines(decoded.text, 'CSWWWorker');
  const workers = ((message.CSWWWorker as Node[] | undefined) ?? []).map((w, i): CswwWorker => ({
    line: lines[i],
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
  info.rows = workers.length;
  info.recognisedAs = 'csww';
  const seen = new Map<string, CswwWorker>();
  for (const w of workers) {
    const earlier = seen.get(w.swe);
    if (earlier) report.error(file.name, `Social Work England number ${w.swe} is on two workers (line ${earlier.line ?? '?'} and here). Each worker appears once; merge the records.`, { ...(w.line !== undefined ? { line: w.line } : {}), element: 'CSWWWorker/SWENo' });
    seen.set(w.swe, w);
  }
  if (report.hasErrors) return { census: undefined, files: infos };
  return {
    census: {
      referenceDate: header ? text(header, 'ReferenceDate') : null,
      vacancies: { fte: Number(text(vac, 'NumberOfVacancies')), agencyFte: Number(text(vac, 'NoAgencyFTE')), agencyHeadcount: Number(text(vac, 'NoAgencyHeadcount')) },
      workers,
    },
    files: infos,
  };
}

import { XMLParser } from 'fast-xml-parser';
import type { FileInfo, ReportBuilder } from '../report.ts';
import type { InputFile } from '../files.ts';
import { collectionYear, type CinCensus, type CinChild, type CinEpisode } from './model.ts';
import { schemaFor, validateAgainstSchema } from './schema.ts';
import { elementSpans, lineOffsets, onLinesOfTheirOwn, openingLines, readOneXmlFile, spanOf, valueIn } from '../xml.ts';

export interface CinReadResult {
  census: CinCensus | undefined;
  files: FileInfo[];
}

// Elements that may repeat: always arrays, so one child reads the same as many.
const REPEATED = new Set(['Source', 'Child', 'CINdetails', 'Assessments', 'CINPlanDates', 'Section47', 'ChildProtectionPlans', 'Disability', 'AssessmentFactors', 'CPPreviewDate']);

/**
 * No entity processing, no DTD (files with one are refused before parsing), values kept as
 * text so ids keep their leading zeros.
 */
const parser = new XMLParser({
  ignoreAttributes: true, processEntities: false, htmlEntities: false, ignoreDeclaration: true, ignorePiTags: true,
  parseTagValue: false, trimValues: true, jPath: true, isArray: (name) => REPEATED.has(name),
});

type Node = Record<string, unknown>;

/**
 * Reads one CIN census XML file: decodes it safely, refuses DTDs, reads the header's year,
 * validates it against that year's schema, then reads it into plain data. Any failure up to
 * the schema is a structural error: no census is returned, so nothing is written.
 */
export async function readCinFiles(files: readonly InputFile[], report: ReportBuilder): Promise<CinReadResult> {
  const { infos, file, text: xml } = readOneXmlFile(files, report, 'CIN census');
  if (!file || xml === undefined) return { census: undefined, files: infos };
  const info = infos[0]!;
  const decoded = { text: xml };

  // The header's year picks the schema. It is read from the text before <Children>, so the
  // schema check (in a worker) runs while the parser reads the rest: together they take about
  // as long as the slower of the two.
  const headEnd = decoded.text.indexOf('<Children');
  const head = decoded.text.slice(0, headEnd >= 0 ? headEnd : 20_000);
  if (!/<Message[\s>]/.test(head)) {
    const root = /<([A-Za-z_][\w.-]*)/.exec(head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''))?.[1];
    report.error(file.name, `This is not a CIN census file: ${root ? `its top element is <${root}>` : 'it has no elements'}, where a CIN census starts with <Message>.`, { element: root ?? 'Message' });
    return { census: undefined, files: infos };
  }
  const yearText = /<Year>\s*([^<]*?)\s*<\/Year>/.exec(head)?.[1];
  const referenceText = /<ReferenceDate>\s*(\d{4}-\d{2}-\d{2})/.exec(head)?.[1] ?? null;
  const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : referenceText ? collectionYear(referenceText) : undefined;
  if (year === undefined) {
    report.error(file.name, 'The file does not say which collection year it is for. Add <Year> (like 2026) and <ReferenceDate> under Header/CollectionDetails, as the CIN census specification sets out.', { element: 'Message/Header/CollectionDetails/Year' });
    return { census: undefined, files: infos };
  }
  const schema = schemaFor(year);
  if ('message' in schema) {
    report.error(file.name, schema.message, { element: 'Message/Header/CollectionDetails/Year' });
    return { census: undefined, files: infos };
  }
  info.recognisedAs = `cin ${year}`;
  if (!schema.exact) report.warning(file.name, `Caseweight holds no separate schema for ${year}; the file was checked against the ${schema.year} schema, the latest before it.`);

  // Each child on lines of its own, so each schema problem falls in one child (or none).
  const laid = onLinesOfTheirOwn(decoded.text, 'Child');
  const checking = validateAgainstSchema([{ name: file.name, text: laid.text }], schema.year);
  let doc: Node | undefined;
  let parseError: string | undefined;
  try {
    doc = parser.parse(decoded.text) as Node;
  } catch (error) {
    parseError = (error as Error).message;
  }
  // A child that fails the schema is rejected on its own, named by LAchildID, as the DfE's
  // validator reports per child; a problem outside every child (the header) stops the import.
  const spans = elementSpans(laid.text, 'Child');
  const offsets = lineOffsets(laid.text);
  const rejected = new Set<number>();
  for (const p of await checking) {
    const line = p.line === undefined ? {} : { line: laid.originalLine(p.line) };
    const i = p.message.startsWith('The XML') ? -1 : spanOf(spans, p.line);
    if (i < 0) {
      report.error(p.file, p.message.startsWith('The XML') ? p.message : `Fails the CIN census schema for ${year}: ${p.message}`, {
        ...line, ...(p.element ? { element: p.element } : {}), ...(p.code ? { code: p.code } : {}),
      });
      continue;
    }
    rejected.add(i);
    const id = valueIn(laid.text, offsets, spans[i]!, 'LAchildID');
    report.reject(p.file, `Child ${id ? `"${id}"` : `at line ${laid.originalLine(spans[i]!.start)}`}: ${p.message} The child was not imported.`, {
      ...line, element: `Child[${i + 1}]${p.element && p.element !== 'Child' ? `/${p.element}` : ''}`, key: id ? `LAchildID ${id}` : `Child ${i + 1}`, ...(p.code ? { code: p.code } : {}),
    }, `child ${i}`);
  }
  if (report.hasErrors) return { census: undefined, files: infos };
  const message = doc?.Message as Node | undefined;
  if (!message || typeof message !== 'object') {
    // The schema passed but the parser did not: say so rather than guess.
    report.error(file.name, `The file could not be read (${parseError ?? 'no <Message> element'}). Export it again.`);
    return { census: undefined, files: infos };
  }
  const reference = referenceText;
  const census = toCensus(message, year, reference, decoded.text);
  info.rows = census.children.length;
  census.children = census.children.filter((_, i) => !rejected.has(i));
  return { census, files: infos };
}

function toCensus(message: Node, year: number, reference: string | null, xml: string): CinCensus {
  const sources = ((message.Header as Node | undefined)?.Source ?? []) as Node[];
  const childLines = openingLines(xml, 'Child');
  const episodeLines = openingLines(xml, 'CINdetails');
  let episodeIndex = 0;
  const children = (((message.Children as Node).Child ?? []) as Node[]).map((c, i): CinChild => {
    const ids = (c.ChildIdentifiers ?? {}) as Node;
    const traits = (c.ChildCharacteristics ?? {}) as Node;
    const episodes = ((c.CINdetails ?? []) as Node[]).map((d): CinEpisode => ({
      line: episodeLines[episodeIndex++] ?? childLines[i] ?? 1,
      referralDate: date(d.CINreferralDate)!,
      referralSource: text(d.ReferralSource) ?? '',
      primaryNeed: text(d.PrimaryNeedCode),
      closureDate: date(d.CINclosureDate),
      reasonForClosure: text(d.ReasonForClosure),
      initialCpcDate: date(d.DateOfInitialCPC),
      referralNfa: text(d.ReferralNFA) === '1',
      assessments: list(d.Assessments).map((a) => ({
        start: date(a.AssessmentActualStartDate)!, internalReview: date(a.AssessmentInternalReviewDate), authorised: date(a.AssessmentAuthorisationDate),
        factors: (((a.FactorsIdentifiedAtAssessment as Node | undefined)?.AssessmentFactors ?? []) as unknown[]).map((f) => text(f) ?? ''),
      })),
      cinPlans: list(d.CINPlanDates).map((p) => ({ start: date(p.CINPlanStartDate)!, end: date(p.CINPlanEndDate) })),
      section47s: list(d.Section47).map((s) => ({
        start: date(s.S47ActualStartDate)!, icpcTarget: date(s.InitialCPCtarget), icpcDate: date(s.DateOfInitialCPC), icpcNotRequired: text(s.ICPCnotRequired) === '1',
      })),
      cpPlans: list(d.ChildProtectionPlans).map((p) => ({
        start: date(p.CPPstartDate)!, end: date(p.CPPendDate), initialCategory: text(p.InitialCategoryOfAbuse) ?? '', latestCategory: text(p.LatestCategoryOfAbuse) ?? '',
        previousPlans: Number(text(p.NumberOfPreviousCPP) ?? 0),
        reviews: (((p.Reviews as Node | undefined)?.CPPreviewDate ?? []) as unknown[]).map((r) => date(r)!).filter(Boolean),
      })),
    }));
    return {
      id: text(ids.LAchildID) ?? '',
      line: childLines[i] ?? 1,
      upn: text(ids.UPN),
      birthDate: date(ids.PersonBirthDate),
      expectedBirthDate: date(ids.ExpectedPersonBirthDate),
      sex: sexOf(text(ids.Sex) ?? text(ids.GenderCurrent)),
      deathDate: date(ids.PersonDeathDate),
      ethnicity: text(traits.Ethnicity) ?? '',
      disabilities: (((traits.Disabilities as Node | undefined)?.Disability ?? []) as unknown[]).map((d) => text(d) ?? ''),
      episodes,
    };
  });
  const lea = sources.map((s) => text(s.LEA)).find((x) => x) ?? null;
  return { year, referenceDate: reference ?? `${year}-03-31`, lea, children };
}

const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : []);

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') return null; // an element with children where a value was expected
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** xs:date may carry a time zone ("2026-01-05Z"): the day is what the census means. */
function date(v: unknown): string | null {
  const s = text(v);
  return s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null;
}

/** 2025/26 onwards: M, F, U. Earlier GenderCurrent: 1 male, 2 female, 0 not recorded, 9 indeterminate. */
function sexOf(v: string | null): 'M' | 'F' | 'U' {
  if (v === 'M' || v === '1') return 'M';
  if (v === 'F' || v === '2') return 'F';
  return 'U';
}

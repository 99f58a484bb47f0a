import { readFileSync } from 'node:fs';
import { memoryPages, validateXML } from 'xmllint-wasm';

/**
 * XSD validation of CIN census files with libxml2 (xmllint-wasm). Each call starts a fresh
 * worker (about 185 ms), so callers validate every file of one year in one call. The schemas
 * are the DfE's, as published in liia-tools (see ../README.md), one per collection year.
 */
export const SCHEMA_YEARS = [2022, 2023, 2024, 2026] as const;
export type SchemaYear = (typeof SCHEMA_YEARS)[number];
export const CURRENT_SCHEMA_YEAR: SchemaYear = 2026;

const cache = new Map<SchemaYear, string>();
export function schemaText(year: SchemaYear): string {
  let text = cache.get(year);
  if (!text) {
    text = readFileSync(new URL(`./schemas/CIN_schema_${year}.xsd`, import.meta.url), 'utf8');
    cache.set(year, text);
  }
  return text;
}

/**
 * The schema for a header's collection year: its own, or the newest earlier one when the DfE
 * made no change that year (no 2025 schema is held: the 2024/25 census kept GenderCurrent, so
 * the 2024 schema applies). Years outside what Caseweight holds get a reason instead.
 */
export function schemaFor(year: number): { year: SchemaYear; exact: boolean } | { message: string } {
  const first = SCHEMA_YEARS[0];
  if (!Number.isInteger(year) || year < first || year > CURRENT_SCHEMA_YEAR) {
    return {
      message: `The file is for collection year ${year}, but Caseweight holds CIN census schemas for ${first} to ${CURRENT_SCHEMA_YEAR} only. ` +
        (year > CURRENT_SCHEMA_YEAR ? 'Update Caseweight to a version that knows this year.' : 'Import a return from a later year.'),
    };
  }
  const chosen = [...SCHEMA_YEARS].reverse().find((y) => y <= year)!;
  return { year: chosen, exact: chosen === year };
}

export interface SchemaProblem {
  file: string;
  line: number | undefined;
  element: string | undefined;
  message: string;
  code: string | undefined;
}

/** Room for libxml2's tree: roughly ten times the text, never less than 64 MiB (the 16 MiB default fails on a 9 MB file). */
function memoryFor(bytes: number): { initialMemoryPages: number; maxMemoryPages: number } {
  const need = Math.ceil((bytes * 12) / (64 * 1024)) + 64 * memoryPages.MiB;
  const max = Math.min(memoryPages.max, Math.max(need, 256 * memoryPages.MiB));
  return { initialMemoryPages: Math.min(need, max), maxMemoryPages: max };
}

/** Validates files against one year's schema in a single xmllint call. */
export async function validateAgainstSchema(files: readonly { name: string; text: string }[], year: SchemaYear): Promise<SchemaProblem[]> {
  if (files.length === 0) return [];
  const total = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  // File names go on xmllint's command line: keep them plain so none reads as an option.
  const names = files.map((_, i) => `upload-${i + 1}.xml`);
  const result = await validateXML({
    xml: files.map((f, i) => ({ fileName: names[i]!, contents: f.text })),
    schema: [{ fileName: `CIN_schema_${year}.xsd`, contents: schemaText(year) }],
    ...memoryFor(total),
  });
  if (result.valid) return [];
  // xmllint ends with a summary line ("… fails to validate") that is not a problem of its own.
  const problems = result.errors.filter((e) => e.message.trim() !== '' && !/(fails to validate|validates)$/.test(e.message.trim())).map((e) => {
    const index = e.loc ? names.indexOf(e.loc.fileName) : -1;
    return { file: index >= 0 ? files[index]!.name : files[0]!.name, line: e.loc?.lineNumber, ...plain(e.message) };
  });
  // libxml2 can fail without a located message (out of memory, say): never report "valid".
  return problems.length > 0 ? problems : [{ file: files[0]!.name, line: undefined, element: undefined, code: undefined, message: `The file could not be checked against the schema (${result.rawOutput.trim().slice(0, 200)}).` }];
}

/** libxml2's message in plainer words, with the element it is about and a DfE rule code where the schema enforces one. */
function plain(raw: string): { element: string | undefined; message: string; code: string | undefined } {
  const text = raw.replace(/^element [^:]+:\s*/, '').replace(/^(Schemas validity error|parser error|validity error)\s*:\s*/i, '').trim();
  const element = /Element '([^']+)'/.exec(text)?.[1];
  let message = text;
  let code: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = /Element '([^']+)': \[facet 'enumeration'\] The value '([^']*)' is not an element of the set/.exec(text))) {
    message = `${m[1]} is "${m[2]}", which is not one of the codes the CIN census allows for it.`;
  } else if ((m = /Element '([^']+)': '([^']*)' is not a valid value of the atomic type 'xs:(\w+)'/.exec(text))) {
    const kinds: Record<string, string> = { date: 'date written as yyyy-mm-dd', gYear: 'year like 2026', dateTime: 'date and time like 2026-04-01T09:00:00', positiveInteger: 'whole number of 1 or more', integer: 'whole number' };
    message = `${m[1]} is "${m[2]}", which is not a ${kinds[m[3]!] ?? `valid ${m[3]}`}.`;
  } else if ((m = /Element '([^']+)': Missing child element\(s\)\. Expected is (?:one of )?\( ?([^)]+?) ?\)/.exec(text))) {
    message = `${m[1]} is missing ${m[2]!.split(/,\s*/).join(' or ')}, which the CIN census requires.`;
    if (m[1] === 'Child' && m[2]!.includes('CINdetails')) code = '8590';
  } else if ((m = /Element '([^']+)': This element is not expected\. Expected is (?:one of )?\( ?([^)]+?) ?\)/.exec(text))) {
    message = `${m[1]} is not expected here (expected ${m[2]!.split(/,\s*/).join(' or ')}). Check the elements are in the census's order and named as in this year's specification.`;
  } else if ((m = /Element '([^']+)': This element is not expected/.exec(text))) {
    message = `${m[1]} is not expected here. Check the element is named as in this year's CIN census specification.`;
  } else if (/Premature end of data|EndTag|Opening and ending tag mismatch|Extra content at the end/i.test(text)) {
    message = `The XML is not complete or not well formed (${text}). The file may be cut short: export it again.`;
  }
  if (element === 'LAchildID' && /minLength|empty/i.test(text)) code = '8500';
  return { element, message, code };
}

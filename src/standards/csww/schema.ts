import { readFileSync } from 'node:fs';
import { memoryPages, validateXML } from 'xmllint-wasm';

/** The workforce census schema (DfE, via liia-tools; see ../README.md). */
export const CSWW_SCHEMA = readFileSync(new URL('./schemas/CSWW_schema_2022.xsd', import.meta.url), 'utf8');

export interface CswwSchemaProblem {
  line: number | undefined;
  /** The element libxml2 names as wrong, when it names one. */
  element: string | undefined;
  message: string;
}

/**
 * Validates one workforce census file against the XSD with libxml2 (xmllint-wasm). Each call
 * runs in a fresh worker; memory is sized from the file, as the 16 MiB default runs out on
 * large files (STACK.md).
 */
export async function validateCsww(text: string): Promise<CswwSchemaProblem[]> {
  const bytes = Buffer.byteLength(text);
  const need = Math.ceil((bytes * 12) / (64 * 1024)) + 64 * memoryPages.MiB;
  const max = Math.min(memoryPages.max, Math.max(need, 128 * memoryPages.MiB));
  const result = await validateXML({
    xml: [{ fileName: 'census.xml', contents: text }],
    schema: [{ fileName: 'CSWW_schema_2022.xsd', contents: CSWW_SCHEMA }],
    initialMemoryPages: Math.min(need, max),
    maxMemoryPages: max,
  });
  if (result.valid) return [];
  const problems = result.errors
    .filter((e) => e.message.trim() !== '' && !/(fails to validate|validates)$/.test(e.message.trim()))
    .map((e) => ({ line: e.loc?.lineNumber, element: /Element '([^']+)'/.exec(e.message)?.[1], message: plain(e.message) }));
  return problems.length > 0 ? problems : [{ line: undefined, element: undefined, message: `The file could not be checked against the schema (${result.rawOutput.trim().slice(0, 200)}).` }];
}

/** libxml2's wording, made plainer for the common cases. */
function plain(raw: string): string {
  const text = raw.replace(/^[^:]*:\d+: /, '').replace(/^(element [^:]+:\s*)?(Schemas validity error|parser error)\s*:\s*/i, '').trim();
  let m: RegExpExecArray | null;
  if ((m = /Element '([^']+)': \[facet 'enumeration'\] The value '([^']*)'/.exec(text))) return `${m[1]} is "${m[2]}", which is not one of the codes the workforce census allows for it.`;
  if ((m = /Element '([^']+)': \[facet 'pattern'\] The value '([^']*)'/.exec(text))) return `${m[1]} is "${m[2]}", which is not in the form the census requires${m[1] === 'SWENo' ? ' (two letters and ten digits, like SW1234567890)' : ''}.`;
  if ((m = /Element '([^']+)': \[facet 'fractionDigits'\] The value '([^']*)'/.exec(text))) return `${m[1]} is "${m[2]}", which has the wrong number of decimal places (FTE takes six, like 0.800000; WorkingDaysLost two).`;
  if ((m = /Element '([^']+)': '([^']*)' is not a valid value of the atomic type 'xs:(\w+)'/.exec(text))) return `${m[1]} is "${m[2]}", which is not a valid ${m[3] === 'date' ? 'date (yyyy-mm-dd)' : m[3]}.`;
  if ((m = /Element '([^']+)': Missing child element\(s\)\. Expected is (?:one of )?\( ?([^)]+?) ?\)/.exec(text))) return `${m[1]} is missing ${m[2]!.split(/,\s*/).join(' or ')}, which the workforce census requires.`;
  // libxml2 says what it expected in place of the element: keep it, it names what is missing (QualInst, say).
  if ((m = /Element '([^']+)': This element is not expected\. Expected is (?:one of )?\( ?([^)]+?) ?\)/.exec(text))) return `${m[1]} is not expected here: the census expects ${m[2]!.split(/,\s*/).join(' or ')} at this point. Add what is missing, or put the elements in the census's order.`;
  if ((m = /Element '([^']+)': This element is not expected/.exec(text))) return `${m[1]} is not expected here. Check the elements are in the census's order and named as in the specification.`;
  if (/Premature end of data|EndTag|tag mismatch|Extra content/i.test(text)) return `The XML is not complete or not well formed (${text}). The file may be cut short: export it again.`;
  return text;
}

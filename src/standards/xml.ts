import iconv from 'iconv-lite';
import type { FileInfo, ReportBuilder } from './report.ts';
import { fileInfo } from './csv.ts';
import type { InputFile } from './files.ts';

/**
 * Turning an uploaded XML file into text safely, before any parser sees it. Returns the text
 * (with its declaration rewritten to UTF-8, since that is what the validator is given) or a
 * plain-English reason it cannot be read.
 */
export type DecodedXml =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-8-bom' | 'utf-16' | 'windows-1252' }
  | { ok: false; message: string; line?: number };

const WINDOWS_1252 = new Set(['windows-1252', 'cp1252', 'iso-8859-1', 'latin1', 'iso_8859-1', 'us-ascii', 'ascii']);
const UTF8 = new Set(['utf-8', 'utf8']);

/** Refused outright: a DTD can define entities that expand without end (billion laughs) or read local files (XXE). */
export const dtdMessage = (what: string) => `XML with a DTD or entities is not accepted. Export the ${what} again without a <!DOCTYPE> or <!ENTITY> declaration.`;
export const DTD_MESSAGE = dtdMessage('CIN census');

/** `what` names the return in messages ("CIN census", "workforce census"). */
export function decodeXml(bytes: Uint8Array, what = 'CIN census'): DecodedXml {
  let text: string;
  let encoding: Extract<DecodedXml, { ok: true }>['encoding'];
  const declared = declaredEncoding(bytes);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
    encoding = 'utf-16';
  } else {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const body = bom ? bytes.subarray(3) : bytes;
    if (body.includes(0)) return { ok: false, message: `This file is not text (it may be a spreadsheet, a zip or a damaged file). Upload the ${what} XML file itself.` };
    if (declared !== null && WINDOWS_1252.has(declared)) {
      if (bom) return { ok: false, message: `The file starts with a UTF-8 byte-order mark but says it is ${declared}. Save it again as UTF-8 and correct the first line.` };
      text = iconv.decode(Buffer.from(body), 'windows1252');
      encoding = 'windows-1252';
    } else if (declared === null || UTF8.has(declared)) {
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(body);
      } catch {
        return {
          ok: false,
          message: `The file ${declared ? 'says it is UTF-8' : 'does not say which encoding it uses, so it must be UTF-8,'} but holds characters that are not UTF-8 (often a file saved as Windows-1252 by Excel or Notepad). Save it as UTF-8, or declare encoding="windows-1252" in its first line.`,
        };
      }
      encoding = bom ? 'utf-8-bom' : 'utf-8';
    } else {
      return { ok: false, message: `The file says its encoding is "${declared}", which Caseweight does not read. Save it as UTF-8.` };
    }
  }
  // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters
  if (/[\u0001-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) {
    return { ok: false, message: `This file holds control characters, so it is not an XML text file (it may be damaged). Export the ${what} again.` };
  }
  const dtd = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (dtd) return { ok: false, message: dtdMessage(what), line: lineAt(text, dtd.index) };
  if (!/^\s*</.test(text)) return { ok: false, message: `This file is not XML: it does not start with "<". Upload the ${what} XML file.`, line: 1 };
  // The validator is handed UTF-8, so the declaration must say so; it stays on line 1.
  text = text.replace(/^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2');
  return { ok: true, text, encoding };
}

/** The encoding named in the XML declaration (read as ASCII: it comes before any other text). */
function declaredEncoding(bytes: Uint8Array): string | null {
  const start = bytes[0] === 0xef ? 3 : 0;
  const head = Buffer.from(bytes.subarray(start, start + 200)).toString('latin1');
  const m = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(head);
  return m ? m[1]!.trim().toLowerCase() : null;
}

export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** 1-based lines of each match of a global pattern, in document order (one pass over the text). */
function matchLines(text: string, re: RegExp): number[] {
  const out: number[] = [];
  let line = 1;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let i = text.indexOf('\n', at); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) {
      line++;
      at = i + 1;
    }
    out.push(line);
  }
  return out;
}

/** 1-based lines of each opening tag with this name, in document order. */
export const openingLines = (text: string, tag: string): number[] => matchLines(text, new RegExp(`<${tag}[\\s>/]`, 'g'));

/**
 * The first step of every XML return's import: exactly one file, decoded safely. Problems go to
 * the report as structural errors; `text` is undefined when the import must stop.
 */
export function readOneXmlFile(files: readonly InputFile[], report: ReportBuilder, what: string): { infos: FileInfo[]; file?: InputFile; text?: string } {
  const infos = files.map(fileInfo);
  if (files.length !== 1) {
    report.error('(upload)', files.length === 0 ? `No file was given. Upload the ${what} XML file.` : `A ${what} import takes one file; ${files.length} were given. Import each year's return on its own.`);
    return { infos };
  }
  const file = files[0]!;
  const decoded = decodeXml(file.bytes, what);
  if (!decoded.ok) {
    report.error(file.name, decoded.message, decoded.line !== undefined ? { line: decoded.line } : {});
    return { infos };
  }
  infos[0]!.encoding = decoded.encoding;
  if (decoded.encoding === 'windows-1252') report.warning(file.name, 'The file says it is Windows-1252, so it was read that way. Check names with accents came through; UTF-8 avoids this.');
  return { infos, file, text: decoded.text };
}

/** Where each element with this name starts and ends (1-based lines), in document order; no nesting of the same name. */
export function elementSpans(text: string, tag: string): { start: number; end: number }[] {
  const starts = openingLines(text, tag);
  const ends = closingLines(text, tag);
  return starts.map((start, i) => ({ start, end: ends[i] ?? start }));
}

/** Lines where each element with this name closes: its end tag, or the opening tag itself when it is self-closing. */
const closingLines = (text: string, tag: string): number[] => matchLines(text, new RegExp(`</${tag}\\s*>|<${tag}(?:\\s[^>]*)?/>`, 'g'));

/**
 * Which element (by its index in `spans`) a schema problem's line falls in, or -1 when it is
 * outside them all (the header, say): the caller rejects just that element when every problem
 * falls in one, as the DfE's validator reports per child and per worker.
 */
export function spanOf(spans: readonly { start: number; end: number }[], line: number | undefined): number {
  if (line === undefined) return -1;
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (line < s.start) hi = mid - 1;
    else if (line > s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The text of the first `<tag>` inside a slice of lines, for naming a rejected element by its id. */
export function valueIn(text: string, lineStarts: readonly number[], span: { start: number; end: number }, tag: string): string | undefined {
  const from = lineStarts[span.start - 1] ?? 0;
  const to = lineStarts[span.end] ?? text.length;
  return new RegExp(`<${tag}>\\s*([^<]*?)\\s*</${tag}>`).exec(text.slice(from, to))?.[1];
}

/** Offsets where each line starts (index 0 is line 1). */
export function lineOffsets(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/**
 * The text with each `<tag>` element on lines of its own (a newline added before its start tag
 * and after its end tag where the line holds other markup), so a validator's line numbers say
 * which element a problem is in even when a file is written on one line. Whitespace between
 * elements of element-only content changes nothing the schema checks. `originalLine` turns a
 * line of the new text back into the file's own line.
 */
/** Spaces then the end of a line (or of the text), matched where it is placed (sticky). */
const LINE_END = /[ \t]*(\r?\n|$)/y;

export function onLinesOfTheirOwn(text: string, tag: string): { text: string; originalLine: (line: number) => number } {
  const inserted: number[] = []; // lines of the new text that the inserted newlines begin
  // Parts joined once at the end, and whether the text so far ends on a line holding nothing but
  // spaces: looking back through everything written each time was quadratic (minutes for a
  // 20,000-child census).
  const parts: string[] = [];
  let atLineStart = true;
  let last = 0;
  let line = 1;
  const re = new RegExp(`<${tag}[\\s>/]|</${tag}\\s*>`, 'g');
  const write = (s: string) => {
    parts.push(s);
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) line++;
    const nl = s.lastIndexOf('\n');
    atLineStart = nl === -1 ? atLineStart && /^[ \t]*$/.test(s) : /^[ \t]*$/.test(s.slice(nl + 1));
  };
  const newline = () => {
    parts.push('\n');
    line++;
    inserted.push(line);
    atLineStart = true;
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!m[0].startsWith('</')) {
      write(text.slice(last, m.index));
      if (!atLineStart) newline();
      last = m.index;
    } else {
      const end = m.index + m[0].length;
      write(text.slice(last, end));
      last = end;
      LINE_END.lastIndex = end;
      if (!LINE_END.test(text)) newline();
    }
  }
  parts.push(text.slice(last));
  const out = parts.join('');
  return {
    text: out,
    originalLine: (l: number) => {
      let lo = 0;
      let hi = inserted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (inserted[mid]! <= l) lo = mid + 1;
        else hi = mid;
      }
      return l - lo;
    },
  };
}

import { inflateSync } from 'node:zlib';

/** A PDF's objects by number, each stream inflated. */
function pdfObjects(bytes: Buffer): Map<string, { dict: string; stream: string | null }> {
  const source = bytes.toString('latin1');
  const objects = new Map<string, { dict: string; stream: string | null }>();
  for (const m of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.search(/stream\r?\n/);
    if (at < 0) {
      objects.set(m[1]!, { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const start = at + /stream\r?\n/.exec(body.slice(at))![0].length;
    const raw = Buffer.from(body.slice(start, body.lastIndexOf('endstream')).replace(/\r?\n$/, ''), 'latin1');
    objects.set(m[1]!, { dict, stream: (dict.includes('/FlateDecode') ? inflateSync(raw) : raw).toString('latin1') });
  }
  return objects;
}

/**
 * How many glyphs the PDF's text draws as the font's empty box (.notdef, glyph 0 in pdfkit's
 * subsets): a letter the embedded font lacks. Its ToUnicode entry still names the letter, so
 * the extracted text alone would not show it missing.
 */
export function pdfMissingGlyphs(bytes: Buffer): number {
  let missing = 0;
  for (const { stream } of pdfObjects(bytes).values()) {
    if (!stream || !/\bBT\b/.test(stream)) continue;
    for (const op of stream.matchAll(/\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const strings = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!) : [op[2]!];
      for (const h of strings) missing += (h.match(/.{4}/g) ?? []).filter((g) => g === '0000').length;
    }
  }
  return missing;
}

/**
 * The text of a PDF, one line per text object (BT … ET), for tests: enough of a reader for what
 * pdfkit writes (Flate streams, Type0 fonts with a ToUnicode map, hex strings in TJ/Tj).
 */
export function pdfText(bytes: Buffer): string {
  const objects = pdfObjects(bytes);
  const unicode = (cmap: string) => {
    const map = new Map<number, string>();
    // A ligature maps to several characters, written with spaces: <0066 0069> for "fi".
    const hex = (h: string) => String.fromCodePoint(...(h.replace(/\s+/g, '').match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
    for (const r of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
      const from = parseInt(r[1]!, 16);
      [...r[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((d, i) => map.set(from + i, hex(d[1]!)));
    }
    for (const r of cmap.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>\s*$/gm)) map.set(parseInt(r[1]!, 16), hex(r[2]!));
    return map;
  };
  // Font resource names (/F1) → the font's ToUnicode map.
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    for (const f of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(f[2]!)?.dict ?? '')?.[1];
      const cmap = toUnicode ? objects.get(toUnicode)?.stream : undefined;
      if (cmap && !fonts.has(f[1]!)) fonts.set(f[1]!, unicode(cmap));
    }
  }
  const lines: string[] = [];
  for (const { stream } of objects.values()) {
    if (!stream || !/\bBT\b/.test(stream)) continue;
    let font = new Map<number, string>();
    for (const block of stream.split(/\bET\b/)) {
      let line = '';
      for (const op of block.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
        if (op[1]) font = fonts.get(op[1]) ?? new Map();
        const strings = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((s) => s[1]!) : op[3] !== undefined ? [op[3]] : [];
        for (const s of strings) line += (s.match(/.{4}/g) ?? []).map((g) => font.get(parseInt(g, 16)) ?? '').join('');
      }
      if (line) lines.push(line);
    }
  }
  return lines.join('\n');
}

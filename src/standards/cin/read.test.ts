// CIN census reader: schema by header year, safe XML (no DTD, no entities), encodings and damage.
import { fc } from '@fast-check/vitest';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ReportBuilder } from '../report.ts';
import { readCinFiles } from './read.ts';
import { censusArb, sampleCensus, withoutLines } from './testing.ts';
import { cinXml, writeCinCensus } from './write.ts';
import { DTD_MESSAGE } from '../xml.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
async function read(bytes: Uint8Array, name = 'cin.xml') {
  const report = new ReportBuilder();
  const result = await readCinFiles([{ name, bytes }], report);
  return { ...result, report, errors: report.problems.filter((p) => p.severity === 'error'), rejected: report.problems.filter((p) => p.severity === 'rejected') };
}

describe('CIN census reader', () => {
  it('reads back exactly what the writer wrote, for any schema-valid census', async () => {
    await fc.assert(fc.asyncProperty(censusArb, async (census) => {
      const written = await writeCinCensus(census);
      expect(written.ok).toBe(true);
      const back = await read(utf8((written as { xml: string }).xml));
      expect(back.errors).toEqual([]);
      expect(withoutLines(back.census!)).toEqual(withoutLines(census));
    }), { numRuns: 6 });
  });

  it('gives each child and CIN episode its line in the file', async () => {
    const xml = cinXml(sampleCensus());
    const { census } = await read(utf8(xml));
    const lines = xml.split('\n');
    for (const c of census!.children) {
      expect(lines[c.line - 1]).toContain('<Child>');
      for (const e of c.episodes) expect(lines[e.line - 1]).toContain('<CINdetails>');
    }
  });

  it('picks the schema by the header year: GenderCurrent before 2025/26, Sex from it', async () => {
    const old = cinXml(sampleCensus()).replace('<Year>2026</Year>', '<Year>2024</Year>').replace('<ReferenceDate>2026-03-31', '<ReferenceDate>2024-03-31')
      .replaceAll('<Sex>F</Sex>', '<GenderCurrent>2</GenderCurrent>').replaceAll('<Sex>M</Sex>', '<GenderCurrent>1</GenderCurrent>')
      .replace('<NumberOfPreviousCPP>0<', '<NumberOfPreviousCPP>1<'); // 0 became allowed only in 2025/26
    const r2024 = await read(utf8(old));
    expect(r2024.errors).toEqual([]);
    expect(r2024.census!.children.map((c) => c.sex)).toEqual(['F', 'M']);
    expect(r2024.files[0]!.recognisedAs).toBe('cin 2024');

    // 2024/25 (Year 2025) kept the 2024 layout: read with the 2024 schema, and say so.
    const r2025 = await read(utf8(old.replace('<Year>2024</Year>', '<Year>2025</Year>')));
    expect(r2025.errors).toEqual([]);
    expect(r2025.report.problems.find((p) => p.severity === 'warning')!.message).toMatch(/2024 schema/);

    // The old element in a 2025/26 file: each child is rejected, naming the child, the element and its line.
    const wrong = await read(utf8(old.replace('<Year>2024</Year>', '<Year>2026</Year>')));
    expect(wrong.errors).toEqual([]);
    expect(wrong.census!.children).toEqual([]);
    expect(wrong.rejected[0]).toMatchObject({ element: 'Child[1]/GenderCurrent', key: expect.stringMatching(/^LAchildID /), line: expect.any(Number) });
    expect(wrong.rejected[0]!.message).toMatch(/^Child "[^"]+": GenderCurrent is not expected here \(expected .*Sex/);

    const ancient = await read(utf8(old.replace('<Year>2024</Year>', '<Year>2019</Year>')));
    expect(ancient.errors[0]!.message).toMatch(/collection year 2019.*2022 to 2026/);
    const noYear = await read(utf8(old.replace(/<Year>.*<\/Year>/, '').replace(/<ReferenceDate>.*<\/ReferenceDate>/, '')));
    expect(noYear.errors[0]!.message).toMatch(/does not say which collection year/);
  });

  it('reports a bad code and a bad date in plain words, with the DfE code where the schema enforces one', async () => {
    const xml = cinXml(sampleCensus());
    const bad = await read(utf8(xml.replace('<Ethnicity>WBRI</Ethnicity>', '<Ethnicity>XXXX</Ethnicity>').replace('<CPPstartDate>2025-07-21', '<CPPstartDate>21/07/2025')));
    expect(bad.errors).toEqual([]);
    expect(bad.rejected.map((e) => e.message)).toEqual([
      expect.stringContaining('Ethnicity is "XXXX", which is not one of the codes'),
      expect.stringContaining('CPPstartDate is "21/07/2025", which is not a date written as yyyy-mm-dd'),
    ]);
    const noEpisode = await read(utf8(xml.replace(/<CINdetails>[\s\S]*?<\/CINdetails>/, '')));
    expect(noEpisode.rejected[0]).toMatchObject({ code: '8590', element: 'Child[1]' });
    expect(noEpisode.census!.children).toHaveLength(sampleCensus().children.length - 1);
  });

  it('refuses a DTD or entities before any parser sees them (billion laughs, external file)', async () => {
    const body = cinXml(sampleCensus()).replace(/^<\?xml[^>]*>\n/, '');
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE Message [\n<!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n')}\n]>\n${body.replace('<LAchildID>000101', '<LAchildID>&lol9;')}`;
    const external = `<?xml version="1.0"?>\n<!DOCTYPE Message [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${body.replace('<LAchildID>000101', '<LAchildID>&xxe;')}`;
    const publicDtd = `<?xml version="1.0"?>\n<!DOCTYPE Message SYSTEM "http://example.invalid/cin.dtd">\n${body}`;
    for (const attack of [laughs, external, publicDtd]) {
      const r = await read(utf8(attack));
      expect(r.census).toBeUndefined();
      expect(r.errors).toEqual([expect.objectContaining({ message: DTD_MESSAGE, line: 2 })]);
      expect(JSON.stringify(r.report.problems)).not.toMatch(/root:/);
    }
  });

  it('reads UTF-8 with or without a byte-order mark, UTF-16, and declared Windows-1252; refuses undeclared Windows-1252', async () => {
    const census = sampleCensus();
    census.children[0]!.id = 'ÉLODIE-1';
    const xml = cinXml(census);
    const bom = await read(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(xml)]));
    expect(bom.census!.children[0]!.id).toBe('ÉLODIE-1');
    const utf16 = await read(new Uint8Array([0xff, 0xfe, ...Buffer.from(xml.replace('UTF-8', 'UTF-16'), 'utf16le')]));
    expect(utf16.census!.children[0]!.id).toBe('ÉLODIE-1');

    const declared = await read(new Uint8Array(iconv.encode(xml.replace('encoding="UTF-8"', 'encoding="windows-1252"'), 'windows1252')));
    expect(declared.errors).toEqual([]);
    expect(declared.census!.children[0]!.id).toBe('ÉLODIE-1');
    expect(declared.files[0]!.encoding).toBe('windows-1252');

    const undeclared = await read(new Uint8Array(iconv.encode(xml.replace(' encoding="UTF-8"', ''), 'windows1252')));
    expect(undeclared.census).toBeUndefined();
    expect(undeclared.errors[0]!.message).toMatch(/not UTF-8.*Windows-1252/);
    const mislabelled = await read(new Uint8Array(iconv.encode(xml, 'windows1252')));
    expect(mislabelled.errors[0]!.message).toMatch(/says it is UTF-8/);
  });

  it('gives a clear error and no census for truncated files and random bytes', async () => {
    const xml = cinXml(sampleCensus());
    const end = xml.lastIndexOf('</Message>');
    await fc.assert(fc.asyncProperty(
      fc.oneof(
        fc.integer({ min: 0, max: end }).map((at) => utf8(xml.slice(0, at))),
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        fc.string({ maxLength: 200 }).map((s) => utf8(`<?xml version="1.0"?>\n<Message>${s}`)),
      ),
      async (bytes) => {
        const r = await read(bytes);
        expect(r.census).toBeUndefined();
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) expect(e.message.length).toBeGreaterThan(20);
      },
    ), { numRuns: 15 });
  });

  it('takes one file per import', async () => {
    const report = new ReportBuilder();
    const bytes = utf8(cinXml(sampleCensus()));
    const r = await readCinFiles([{ name: 'a.xml', bytes }, { name: 'b.xml', bytes }], report);
    expect(r.census).toBeUndefined();
    expect(report.problems[0]!.message).toMatch(/takes one file; 2 were given/);
  });
});

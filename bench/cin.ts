// CIN census benchmark (issue 8, item 7): validate (schema and DfE rules) a 20,000-child census file.
import { generateCouncil } from '../src/demo/generate.ts';
import { ReportBuilder } from '../src/standards/report.ts';
import { registerToCin } from '../src/exchange/model/cin/export.ts';
import type { CinCensus } from '../src/standards/cin/model.ts';
import { readCinFiles } from '../src/standards/cin/read.ts';
import { checkCinRules } from '../src/standards/cin/rules.ts';
import { cinXml } from '../src/standards/cin/write.ts';

const AS_OF = '2026-03-31';

/**
 * A census file of `size` children: a generated council's census, its children repeated under
 * new ids until there are enough (a large council's return holds 10,000 to 25,000 children).
 */
export function largeCinFile(size = 20_000): { xml: string; children: number } {
  const data = generateCouncil({ councilId: 'cin', name: 'CIN', seed: 42, asOf: AS_OF, staffScale: 1, caseScale: 1.5, recordHistory: false });
  const base = registerToCin(data, AS_OF, '202');
  const children: CinCensus['children'] = [];
  for (let round = 0; children.length < size; round++) {
    for (const c of base.children) {
      if (children.length >= size) break;
      children.push({ ...c, id: round === 0 ? c.id : `${c.id}-${round}` });
    }
  }
  return { xml: cinXml({ ...base, children }), children: children.length };
}

/** Milliseconds to read, schema-validate (one xmllint call) and rule-check the file. */
export async function cinBenchmarks(): Promise<Record<string, number>> {
  const { xml, children } = largeCinFile();
  const bytes = new TextEncoder().encode(xml);
  const start = performance.now();
  const report = new ReportBuilder();
  const read = await readCinFiles([{ name: 'cin_20k.xml', bytes }], report);
  if (!read.census || report.hasErrors) throw new Error(`The benchmark census did not validate: ${report.problems[0]?.message}`);
  const failures = checkCinRules(read.census);
  const ms = performance.now() - start;
  return { cin_20k_children: children, cin_20k_file_mb: Math.round((bytes.length / 1024 / 1024) * 10) / 10, cin_20k_rule_failures: failures.length, cin_20k_validate_ms: Math.round(ms) };
}

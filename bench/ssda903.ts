// SSDA903 benchmark (issue 13): a large council's 903 set of about 26,000 rows with the defects
// councils' files have (a dozen conflicting duplicate reviews, a social worker episode whose
// child is not in the header), imported beside the register it joins. Run on its own with
// `npx tsx bench/ssda903.ts`; `npm run bench` runs it in the import section.
import { pathToFileURL } from 'node:url';
import { generateCouncil } from '../src/demo/generate.ts';
import { seedCouncil } from '../src/demo/service.ts';
import { registerTo903 } from '../src/exchange/model/ssda903/export.ts';
import { confirm } from '../src/exchange/service/index.ts';
import '../src/exchange/service/ssda903.ts';
import { openDatabase } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrations.ts';
import { write903Files, type Out903 } from '../src/standards/ssda903/write.ts';

const AS_OF = '2026-03-31';
export const TARGET_903_ROWS = 26_000;

/**
 * A generated council and its 903 tables, its children repeated under new ids (each repeat a
 * child of its own, with the same workers) until the tables hold `target` rows; then twelve
 * reviews given a second row with another review code, and one social worker episode for a
 * child the header does not hold.
 */
export function large903Set(target = TARGET_903_ROWS) {
  const data = generateCouncil({ councilId: 'bench-903', name: 'Bench 903', seed: 42, asOf: AS_OF, staffScale: 1, caseScale: 1.5, recordHistory: true });
  const { tables: base } = registerTo903(data, {});
  const rows = (t: Out903) => [...t.values()].reduce((n, r) => n + r.length, 0);
  const tables: Out903 = new Map([...base].map(([t, r]) => [t, [...r]]));
  // Child by child, so the set stops near the target rather than a whole council past it.
  const byChild = new Map<string, [string, Record<string, string | null>][]>();
  for (const [t, list] of base) for (const r of list) byChild.set(r.CHILD!, [...(byChild.get(r.CHILD!) ?? []), [t, r]]);
  let total = rows(tables);
  for (let round = 1; total < target; round++) {
    for (const childRows of byChild.values()) {
      if (total >= target) break;
      for (const [t, r] of childRows) tables.get(t)!.push({ ...r, CHILD: `R${round}${r.CHILD}` });
      total += childRows.length;
    }
  }
  const reviews = tables.get('reviews')!;
  const clashes = reviews.filter((_, i) => i % Math.floor(reviews.length / 12) === 7).slice(0, 12);
  for (const r of clashes) reviews.push({ ...r, REVIEW_CODE: r.REVIEW_CODE === 'PN1' ? 'PN2' : 'PN1' });
  const sw = tables.get('social_worker')!;
  sw.push({ ...sw[0]!, CHILD: 'NOTINHEADER' });
  return { data, files: write903Files(tables), rows: rows(tables), expectedRejected: clashes.length * 2 + 1 };
}

/** Rows read, imported and rejected, and milliseconds for the import (validate, map, one transaction). */
export async function ssda903Benchmarks(): Promise<Record<string, number>> {
  const { data, files, rows, expectedRejected } = large903Set();
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(database.pool);
    // The 903 joins what the SSD brought (workers above all): the council is there first, and not timed.
    await seedCouncil(database.db, data);
    const start = performance.now();
    const result = await confirm(database.db, { councilId: data.council.council_id, format: '903', files, importedBy: 'bench', extractDate: AS_OF });
    const ms = performance.now() - start;
    if (result.status === 'stopped') throw new Error(`The 903 benchmark import stopped: ${result.report.problems[0]?.message}`);
    const totals = result.report.totals!;
    const clashes = result.report.problems.filter((p) => p.severity === 'rejected' && p.file === 'reviews.csv' && /Neither row was imported/.test(p.message)).length;
    return {
      ssda903_26k_rows: rows, ssda903_26k_read: totals.read, ssda903_26k_imported: totals.imported, ssda903_26k_rejected: totals.rejected,
      ssda903_26k_rejected_expected: expectedRejected, ssda903_26k_review_clash_rows: clashes, ssda903_26k_flagged: totals.flagged, ssda903_26k_ms: Math.round(ms),
    };
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(await ssda903Benchmarks());

import type { ReportBuilder } from '../report.ts';
import type { Row903, Tables903 } from './read.ts';
import { RULES_903, type Rule903 } from './rules.ts';

/**
 * Which DfE rule a date after the end of the collection year breaks, by table.COLUMN. A date in
 * the future but still inside the collection year breaks none of these: it is flagged without
 * a code. REVIEW, SW_DEC and the adoption dates have no such rule in the DfE's set.
 */
const AFTER_YEAR_END: Record<string, Rule903> = {
  'header.DOB': '301',
  'episodes.DECOM': '354',
  'episodes.DEC': '385',
  'missing.MIS_START': '570',
  'missing.MIS_END': '571',
  'social_worker.SW_DECOM': 'SW06STG2',
};

/**
 * Date columns whose future values are expected or repeated: DUC is the day a UASC child turns
 * 18 (normally ahead), and every table but the header repeats the child's DOB (flagged once there).
 */
const SKIP = new Set(['uasc.DUC']);

/** The 31 March that ends the collection year `day` falls in (the 903 year runs April to March). */
export function collectionYearEnd(day: string): string {
  const year = Number(day.slice(0, 4));
  return day.slice(5) <= '03-31' ? `${year}-03-31` : `${year + 1}-03-31`;
}

/**
 * Flags every date after `asOf`, the day the extract describes: a return cannot record what
 * has not happened yet (most often a typing slip in the year). The row is still imported and
 * the flag kept on its record, as the CIN census reader does for its dates after the census date.
 */
export function checkFutureDates(tables: Tables903, dateColumns: ReadonlyMap<string, readonly string[]>, asOf: string, keyOf: (row: Row903) => string, report: ReportBuilder): void {
  const yearEnd = collectionYearEnd(asOf);
  for (const [table, rows] of tables) {
    const columns = (dateColumns.get(table) ?? []).filter((c) => !SKIP.has(`${table}.${c}`) && (c !== 'DOB' || table === 'header'));
    for (const row of rows) {
      for (const field of columns) {
        const date = row.values[field];
        if (!date || date <= asOf) continue;
        const code = date > yearEnd ? AFTER_YEAR_END[`${table}.${field}`] ?? null : null;
        const message = `${code ? `${RULES_903[code]} ` : ''}${field} ${date} is after ${asOf}, the day the extract describes: a return cannot record what has not happened yet. Check the date at source.`;
        row.issues.push({ code, field, message });
        report.rule(row.file, code ?? undefined, message, { line: row.line, field, key: keyOf(row) });
      }
    }
  }
}

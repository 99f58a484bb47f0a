import { writeCsv } from '../csv.ts';
import type { InputFile } from '../files.ts';
import { dmy } from '../values.ts';
import { acceptedColumns, currentSpec, DERIVED_EPISODE_COLUMNS, type Ssda903Spec } from './spec.ts';

/** Rows to write: dates as YYYY-MM-DD (written dd/mm/yyyy), everything else as text. */
export type Out903 = Map<string, Record<string, string | null>[]>;

export class Invalid903Export extends Error {
  constructor(readonly problems: string[]) {
    super(`The 903 export does not meet the specification: ${problems.slice(0, 5).join(' ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
  }
}

/**
 * 903 rows → one CSV per table in the specification's column order, checked first: known
 * tables and columns, required values present, codes from the code sets, real dates. The
 * derived PL_DISTANCE column is written only when asked for, as it is not part of the return.
 */
export function write903Files(tables: Out903, options: { withDistance?: boolean } = {}, spec: Ssda903Spec = currentSpec()): InputFile[] {
  const problems: string[] = [];
  const files: InputFile[] = [];
  for (const [table, rows] of [...tables].sort(([a], [b]) => a.localeCompare(b))) {
    const t = spec.tables.get(table);
    if (!t) {
      problems.push(`There is no ${table} table in the ${spec.year} specification.`);
      continue;
    }
    const columns = table === 'episodes' && options.withDistance ? [...t.columns, DERIVED_EPISODE_COLUMNS[0]!] : t.columns;
    const known = new Set(acceptedColumns(spec, table).map((c) => c.name));
    const out: Record<string, string | null>[] = [];
    rows.forEach((row, i) => {
      const where = `${table} row ${i + 1}`;
      for (const k of Object.keys(row)) if (!known.has(k)) problems.push(`${where}: ${k} is not a ${table} column.`);
      const written: Record<string, string | null> = {};
      for (const c of columns) {
        const v = row[c.name] ?? null;
        if (v === null || v === '') {
          if (!c.canBeBlank) problems.push(`${where}: ${c.name} must not be blank.`);
          written[c.name] = null;
          continue;
        }
        if (c.kind === 'date') {
          if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) problems.push(`${where}: ${c.name} "${v}" is not a date.`);
          written[c.name] = dmy(v);
        } else if (c.kind === 'category' && !c.codes!.includes(v)) {
          problems.push(`${where}: ${c.name} "${v}" is not one of ${c.codes!.join(', ')}.`);
          written[c.name] = v;
        } else if (c.kind === 'numeric' && (!Number.isFinite(Number(v)) || (c.min !== undefined && Number(v) < c.min) || (c.max !== undefined && Number(v) > c.max))) {
          problems.push(`${where}: ${c.name} "${v}" is not a number in range.`);
          written[c.name] = v;
        } else written[c.name] = v;
      }
      out.push(written);
    });
    files.push({ name: `${table}.csv`, bytes: new TextEncoder().encode(writeCsv(columns.map((c) => c.name), out)) });
  }
  if (problems.length > 0) throw new Invalid903Export(problems);
  return files;
}

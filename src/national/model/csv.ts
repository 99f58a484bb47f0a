/** The return as one long table for a spreadsheet (the CSV written beside the JSON): one figure a row. */
import type { DataTable } from '../../standards/downloads.ts';
import { MEASURE_KEYS, type CouncilReturn } from './format.ts';

export function returnDataTable(doc: CouncilReturn): DataTable {
  const head = [doc.council.code, doc.council.name, doc.council.region, doc.censusDate] as const;
  const rows: (string | number)[][] = MEASURE_KEYS.map((key) => [...head, 'measures', key, '', 'value', doc.measures[key]]);
  for (const t of doc.tables) {
    for (const grid of ['headcount', 'fte'] as const) {
      const g = t[grid];
      if (!g) continue;
      t.rows.forEach((row, r) => t.columns.forEach((col, c) => rows.push([...head, t.key, row.key, col.key, grid, g[r]![c]!])));
    }
  }
  return {
    title: `Council return ${doc.council.code} ${doc.censusDate} (format version ${doc.version})`,
    sheetName: 'Return',
    columns: ['council_code', 'council_name', 'region', 'census_date', 'table', 'row', 'column', 'figure', 'value'].map((header) => ({ header, kind: 'text' as const })),
    rows: rows.map((r) => r.map(String)),
  };
}

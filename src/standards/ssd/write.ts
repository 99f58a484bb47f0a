import { writeCsv } from '../csv.ts';
import type { InputFile } from '../files.ts';
import { SSD_TABLES } from './spec.ts';

/** SSD rows → one UTF-8 CSV per table, named `<table>.csv`, columns in the SSD's order. */
export function writeSsdFiles(tables: ReadonlyMap<string, readonly Record<string, string | null>[]>): InputFile[] {
  const files: InputFile[] = [];
  for (const [name, rows] of [...tables].sort(([a], [b]) => a.localeCompare(b))) {
    const spec = SSD_TABLES.get(name);
    if (!spec) throw new Error(`Caseweight tried to write an SSD table it does not know: ${name}.`);
    const unknown = rows.flatMap((r) => Object.keys(r)).find((k) => !spec.columns.includes(k));
    if (unknown) throw new Error(`Caseweight tried to write column ${unknown}, which ${name} does not have.`);
    files.push({ name: `${name}.csv`, bytes: new TextEncoder().encode(writeCsv(spec.columns, rows)) });
  }
  return files;
}

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../platform/config.ts';
import { openDatabase } from '../platform/database.ts';
import { migrate } from '../platform/migrations.ts';
import { exportSsd } from '../exchange/service/exports.ts';
import { export903 } from '../exchange/model/ssda903/export.ts';
import { exportCsww } from '../exchange/service/csww.ts';

/** `caseweight export ssd DIR`: one CSV per SSD table, checked by the importer's own reader first. */
export async function exportSsdCommand(config: Config, dir: string, options: { council: string }): Promise<void> {
  const database = await openDatabase(config);
  try {
    await migrate(database.pool);
    const files = await exportSsd(database.db, options.council);
    await mkdir(dir, { recursive: true });
    for (const f of files) await writeFile(path.join(dir, f.name), f.bytes);
    console.log(`Wrote ${files.length} SSD tables for ${options.council} to ${dir}. Try them with: caseweight import ssd ${dir} --council another`);
  } finally {
    await database.close();
  }
}

/** `caseweight export 903 DIR`: one CSV per 903 table, checked against the specification and read back first. */
export async function export903Command(config: Config, dir: string, options: { council: string; withDistance?: boolean }): Promise<void> {
  const database = await openDatabase(config);
  try {
    await migrate(database.pool);
    const { files, notes } = await export903(database.db, options.council, { withDistance: options.withDistance === true });
    await mkdir(dir, { recursive: true });
    for (const f of files) await writeFile(path.join(dir, f.name), f.bytes);
    console.log(`Wrote ${files.length} SSDA903 tables for ${options.council} to ${dir}.`);
    for (const n of notes) console.log(`- ${n}`);
  } finally {
    await database.close();
  }
}

/** `caseweight export cin FILE --census-date YYYY-MM-DD`: the CIN census XML, written only if it passes the current schema. */
export async function exportCinCommand(config: Config, file: string, options: { council: string; censusDate: string }): Promise<void> {
  const { exportCin } = await import('../exchange/service/cin.ts');
  const database = await openDatabase(config);
  try {
    await migrate(database.pool);
    const { xml, children, notes } = await exportCin(database.db, options.council, options.censusDate);
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, xml);
    console.log(`Wrote the CIN census for the year to ${options.censusDate} (${children} children) for ${options.council} to ${file}. It passes the 2025/26 schema.`);
    for (const n of notes) console.log(`- ${n}`);
  } finally {
    await database.close();
  }
}

/** `caseweight export csww FILE --census-date YYYY-MM-DD`: the workforce census XML, validated against the XSD first. */
export async function exportCswwCommand(config: Config, file: string, options: { council: string; censusDate: string }): Promise<void> {
  const database = await openDatabase(config);
  try {
    await migrate(database.pool);
    const { xml, workers } = await exportCsww(database.db, options.council, options.censusDate);
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, xml);
    console.log(`Wrote the workforce census for ${options.council} on ${options.censusDate} (${workers} workers) to ${file}. QualInst is written empty: Caseweight does not hold it.`);
  } finally {
    await database.close();
  }
}

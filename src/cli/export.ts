import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../platform/config.ts';
import { openDatabase } from '../platform/database.ts';
import { migrate } from '../platform/migrations.ts';
import { exportSsd } from '../imports/exports.ts';

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

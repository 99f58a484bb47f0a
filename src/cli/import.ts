import { userInfo } from 'node:os';
import type { Config } from '../platform/config.ts';
import { openDatabase } from '../platform/database.ts';
import { InvalidInputError } from '../platform/errors.ts';
import { migrate } from '../platform/migrations.ts';
import { formatReport, type ImportFormat } from '../imports/report.ts';
import { confirm } from '../imports/service.ts';
import { FileSetError, readInputPath } from '../standards/files.ts';
import { progressBar } from './progress.ts';
import '../imports/formats.ts';

export interface ImportOptions {
  council: string;
  json?: boolean;
  as?: string;
  extractDate?: string;
  from?: string;
}

const whoami = () => {
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
};

/** `caseweight import <format> PATH`: prints the report; exits non-zero when an error stopped the import. */
export async function importCommand(config: Config, format: ImportFormat, target: string | undefined, options: ImportOptions): Promise<void> {
  if (options.from) throw new InvalidInputError('Reading the SSD straight from PostgreSQL (--from) is not built yet. Export each ssd_ table to CSV (SELECT * per table) and import the folder.');
  if (!target) throw new InvalidInputError(`Give the file or folder to import, like: caseweight import ${format} ./extract.zip`);
  let files;
  try {
    files = await readInputPath(target);
  } catch (error) {
    if (error instanceof FileSetError) throw new InvalidInputError(error.message);
    throw error;
  }
  const database = await openDatabase(config);
  const bar = progressBar(`Importing ${format}`, !options.json && process.stderr.isTTY);
  try {
    await migrate(database.pool);
    bar.update('validating and writing', 0, 1);
    const result = await confirm(database.db, { councilId: options.council, format, files, importedBy: options.as ?? whoami(), ...(options.extractDate ? { extractDate: options.extractDate } : {}) });
    bar.update('done', 1, 1);
    bar.stop();
    if (options.json) console.log(JSON.stringify(result, null, 2));
    else {
      const outcome = result.status === 'stopped'
        ? `The import stopped: nothing was written. Fix the errors below and import again.`
        : result.status === 'unchanged' ? `Nothing changed: the register already matches these files (import ${result.importId}).` : `Imported into ${options.council} (import ${result.importId}).`;
      console.log(formatReport(result.report, outcome));
    }
    if (result.status === 'stopped') process.exitCode = 1;
  } finally {
    bar.stop();
    await database.close();
  }
}

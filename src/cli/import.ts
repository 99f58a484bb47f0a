import type { Config } from '../platform/config.ts';
import { InvalidInputError } from '../kernel/errors.ts';
import { formatReport, type ImportFormat } from '../standards/report.ts';
import { withServices } from './context.ts';
import { FileSetError, readInputPath, type InputFile } from '../standards/files.ts';
import { readSsdFromPostgres, SourceError, type DatabaseRead } from '../exchange/service/ssd-postgres.ts';
import { progressBar, progressEnabled } from './progress.ts';
import { IMPORT_STEPS } from '../exchange/service/index.ts';
import '../exchange/service/formats.ts';

export interface ImportOptions {
  council: string;
  json?: boolean;
  as?: string;
  extractDate?: string;
  from?: string;
  schema?: string;
}

/** `caseweight import <format> PATH`: prints the report; exits non-zero when an error stopped the import. */
export async function importCommand(config: Config, format: ImportFormat, target: string | undefined, options: ImportOptions): Promise<void> {
  if (options.from && target) throw new InvalidInputError('Give either a folder or file to import, or --from with a database address, not both.');
  if (options.schema && !options.from) throw new InvalidInputError('--schema only applies with --from (reading the ssd_ tables from a database).');
  if (!options.from && !target) throw new InvalidInputError(`Give the file or folder to import, like: caseweight import ${format} ./extract.zip`);
  let files: InputFile[] = [];
  let database: DatabaseRead | undefined;
  const bar = progressBar(`Importing ${format}`, !options.json && progressEnabled());
  // Reading the files comes first on the bar, then the service's own steps (checking, comparing, each table).
  let read = 0;
  try {
    // The source database is read before Caseweight's own is opened: a bad address fails fast.
    if (options.from) {
      bar.update('Reading the ssd_ tables', 0, 1 + IMPORT_STEPS);
      database = await readSsdFromPostgres(options.from, { schema: options.schema });
      read = 1;
    } else {
      files = await readInputPath(target!, undefined, (name, i, count) => {
        read = count;
        bar.update(`Reading ${name}`, i, count + IMPORT_STEPS);
      });
    }
  } catch (error) {
    bar.stop();
    if (error instanceof FileSetError || error instanceof SourceError) throw new InvalidInputError(error.message);
    throw error;
  }
  await withServices(config, options, async ({ exchange }, ctx) => {
    // One gated, audited use case, the same as the Imports page's confirm.
    const result = await exchange.confirm(ctx, {
      councilId: options.council, format, files, ...(database ? { database } : {}), ...(options.extractDate ? { extractDate: options.extractDate } : {}),
      progress: (step, done, total) => bar.update(step, read + done, read + total),
    });
    bar.stop();
    if (options.json) console.log(JSON.stringify(result, null, 2));
    else {
      const outcome = result.status === 'stopped'
        ? `The import stopped: nothing was written. Fix the errors below and import again.`
        : result.status === 'unchanged' ? `Nothing changed: the register already matches ${database ? 'these tables' : 'these files'} (import ${result.importId}).` : `Imported into ${options.council} (import ${result.importId}).`;
      console.log(formatReport(result.report, outcome));
    }
    if (result.status === 'stopped') process.exitCode = 1;
  }).finally(() => bar.stop());
}

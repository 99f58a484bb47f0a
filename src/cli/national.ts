/**
 * The national view's commands (issue 17 item 5): a council's return out, councils' returns in,
 * and the national demo (152 fictional councils' returns written and imported).
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../platform/config.ts';
import { InvalidInputError } from '../kernel/errors.ts';
import { operatorActor } from '../kernel/roles.ts';
import type { RequestContext } from '../kernel/context.ts';
import { openDatabase } from '../platform/database.ts';
import { migrate } from '../platform/migrations.ts';
import { tableCsv } from '../standards/downloads.ts';
import { returnDataTable } from '../national/model/csv.ts';
import type { CouncilReturn } from '../national/model/format.ts';
import { createNationalService, type ReturnFile, type ReturnImportResult } from '../national/service/index.ts';
import { DEMO_YEARS, generateNationalReturns } from '../demo/national.ts';
import { NATIONAL_TENANT, seedNationalTenant } from '../demo/users.ts';
import { withServices, type OperatorOptions } from './context.ts';
import { progressBar, progressEnabled } from './progress.ts';

const json = (doc: CouncilReturn) => `${JSON.stringify(doc, null, 2)}\n`;
/** FILE.json and FILE.csv beside it (a FILE without .json gets it added). */
const csvBeside = (file: string) => file.replace(/\.json$/i, '') + '.csv';

/** `caseweight export return FILE --date YYYY-MM-DD --region NAME`: the council's return as JSON, and as CSV beside it. */
export async function exportReturnCommand(config: Config, file: string, options: OperatorOptions & { date: string; region: string }): Promise<void> {
  const bar = progressBar('Council return');
  try {
    await withServices(config, options, async ({ national }, ctx) => {
      const doc = await national.councilReturn(ctx, { date: options.date, region: options.region }, bar.update);
      const out = /\.json$/i.test(file) ? file : `${file}.json`;
      await mkdir(path.dirname(path.resolve(out)), { recursive: true });
      await writeFile(out, json(doc));
      await writeFile(csvBeside(out), tableCsv(returnDataTable(doc)));
      bar.stop();
      const hidden = doc.tables.reduce((n, t) => n + t.headcount.flat().filter((v) => v === 'c').length, 0);
      console.log(`Wrote ${options.council}'s return for ${options.date} (format version ${doc.version}) to ${out}, and ${csvBeside(out)}.`);
      console.log(`Caseload ${doc.measures.caseload}, vacancy ${doc.measures.vacancyRate}%, agency ${doc.measures.agencyRate}%, turnover ${doc.measures.turnoverRate}%. ${hidden} cells suppressed (groups under 5 people, and the cells that would reveal them).`);
    });
  } finally {
    bar.stop();
  }
}

/** Every .json file named, or in each folder named (CSV files beside them are for people, not imported). */
export async function readReturnFiles(paths: readonly string[]): Promise<ReturnFile[]> {
  const files: ReturnFile[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (!info) throw new InvalidInputError(`There is no file or folder "${p}".`);
    const names = info.isDirectory() ? (await readdir(p)).filter((n) => n.toLowerCase().endsWith('.json')).sort().map((n) => path.join(p, n)) : [p];
    if (info.isDirectory() && names.length === 0) throw new InvalidInputError(`The folder "${p}" holds no .json returns.`);
    for (const name of names) files.push({ name, bytes: await readFile(name) });
  }
  return files;
}

function printImport(result: ReturnImportResult, asJson: boolean): void {
  if (asJson) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(`Imported ${result.accepted} returns (import ${result.importId}); ${result.rejected} rejected.`);
  for (const f of result.files.filter((r) => r.outcome === 'rejected')) {
    console.log(`- ${f.file}: rejected`);
    for (const reason of f.reasons ?? []) console.log(`    ${reason}`);
  }
  const replaced = result.files.filter((r) => r.outcome === 'replaced').length;
  if (replaced > 0) console.log(`${replaced} of them replaced a return already held for the same council and year.`);
}

/** `caseweight import return FILE… | DIR … --council national`: bad files rejected with reasons, the rest imported. */
export async function importReturnCommand(config: Config, paths: readonly string[], options: OperatorOptions & { json?: boolean }): Promise<void> {
  if (paths.length === 0) throw new InvalidInputError('Give the returns to import: files, or a folder of .json returns.');
  const files = await readReturnFiles(paths);
  const bar = progressBar('Importing returns', !options.json && progressEnabled());
  try {
    await withServices(config, options, async ({ national }, ctx) => {
      const result = await national.importReturns(ctx, files, bar.update);
      bar.stop();
      printImport(result, options.json === true);
      if (result.accepted === 0) process.exitCode = 1;
    });
  } finally {
    bar.stop();
  }
}

/**
 * `caseweight seed --scale national-returns [--out DIR]`: 152 fictional councils' returns for
 * 2022–2025 written to DIR (JSON and CSV) and imported into the national tenant, with a demo
 * national analyst account.
 */
export async function seedNationalReturns(config: Config, options: { seed: number; out?: string; council?: string }): Promise<void> {
  const councilId = options.council && options.council !== 'demo' ? options.council : NATIONAL_TENANT.councilId;
  const dir = options.out ?? path.join(config.dataDir, 'returns');
  const bar = progressBar('National demo');
  const returns = generateNationalReturns(options.seed);
  await mkdir(dir, { recursive: true });
  const files: ReturnFile[] = [];
  for (const [i, doc] of returns.entries()) {
    const name = path.join(dir, `${doc.council.code}-${doc.censusYear}.json`);
    const bytes = Buffer.from(json(doc));
    await writeFile(name, bytes);
    await writeFile(csvBeside(name), tableCsv(returnDataTable(doc)));
    files.push({ name, bytes });
    bar.update(`Writing ${path.basename(name)}`, i + 1, returns.length * 2);
  }
  const database = await openDatabase(config);
  try {
    await migrate(database.pool);
    const analyst = await seedNationalTenant(database.db, councilId);
    const ctx: RequestContext = { actor: operatorActor(councilId, { userId: 'operator:seed', name: 'seed' }), origin: { ip: 'command line' }, now: new Date() };
    const result = await createNationalService({ db: database.db }).importReturns(ctx, files, (step, done, total) => bar.update(step, returns.length + Math.round((done / total) * returns.length), returns.length * 2));
    bar.stop();
    console.log(`Wrote ${returns.length} returns (152 councils, census years ${DEMO_YEARS.join(', ')}) to ${dir} and imported ${result.accepted} into "${councilId}"; ${result.rejected} rejected.`);
    console.log(`Sign in as ${analyst.email} (the demo password) and open /national.`);
  } finally {
    bar.stop();
    await database.close();
  }
}

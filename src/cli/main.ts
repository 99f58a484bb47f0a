import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { readConfig, ConfigError } from '../platform/config.ts';
import { openDatabase } from '../platform/database.ts';
import { migrate } from '../platform/migrations.ts';
import { DEMO_COUNCIL } from '../demo/council.ts';
import { parseDateInput } from '../kernel/dates.ts';
import { DatabaseInUseError, InvalidInputError, NotFoundError } from '../kernel/errors.ts';
import { registerAccessCommands } from './access.ts';
import { seedCommand } from './seed.ts';
import { registerUserCommands } from './users.ts';
import { workloadCommand } from './workload.ts';
import { calibrationCommand, overdueCommand } from './casework.ts';
import { chronologyCommand, notesCommand, recordCommand } from './records.ts';
import { CHRONOLOGY_KINDS, readKinds } from '../recording/model/chronology.ts';

const date = (value: string) => {
  try {
    return parseDateInput(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};
const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('Give a whole number, like 1.');
  return n;
};

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('caseweight')
    .description("Children's social work workload in hours: visible, explained, safe.")
    .version(packageVersion(), '-V, --version', 'print the version of Caseweight')
    .showHelpAfterError();

  program.command('serve').description('Run the web app and API (PORT, DATABASE_URL, CASEWEIGHT_DATA)').action(async () => {
    const config = readConfig();
    // Loaded only here: every other command starts without the web app's modules.
    const { startApp } = await import('../main.ts');
    const { app, database, demo } = await startApp(config);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    app.log.info(`Caseweight is on http://${config.host}:${port} (database: ${database.kind})`);
    const { signInUrl, startupMessage } = await import('./startup.ts');
    process.stdout.write(startupMessage({ signInUrl: signInUrl({ publicUrl: config.publicUrl, host: config.host, configuredPort: config.port, port }), demo, database: database.kind }));
    const stop = async () => {
      await app.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

  program.command('migrate').description('Apply database migrations').action(async () => {
    const config = readConfig();
    const database = await openDatabase(config);
    try {
      const result = await migrate(database.pool);
      console.log(result.applied.length ? `Applied ${result.applied.join(', ')}` : 'The database is up to date.');
    } finally {
      await database.close();
    }
  });

  program.command('seed')
    .description('Generate a realistic demo council (deterministic from the seed) and write it to the database')
    .option('--council <id>', 'council id', DEMO_COUNCIL.councilId)
    .option('--seed <n>', 'random seed', positiveInt, 1)
    .option('--scale <scale>', 'medium (one council), national (152 councils) or national-returns (152 councils\' returns for 2022–2025, written and imported into the national view)', 'medium')
    .option('--out <dir>', 'with --scale national-returns: where to write the returns (default CASEWEIGHT_DATA/returns)')
    .option('--as-of <date>', 'the date the demo is "today" (YYYY-MM-DD)', date)
    .option('--replace', 'replace the council if it exists')
    .action(async (options) => (options.scale === 'national-returns'
      ? (await import('./national.ts')).seedNationalReturns(readConfig(), options)
      : seedCommand(readConfig(), options)));

  // A report over one council's data, as a table within 100 columns (or --wide) or as JSON.
  const report = (name: string, description: string, rows: string) => program.command(name).description(description)
    .option('--council <id>', 'council id', DEMO_COUNCIL.councilId)
    .option('--as <email or name>', 'who is running this, for the audit log (default: CASEWEIGHT_OPERATOR or your login name)')
    .option('--json', 'print JSON instead of a table')
    .option('--wide', `one line per ${rows}, however wide (tables fit 100 columns otherwise)`);

  report('workload', "Show a team's workload as a table (or JSON)", 'practitioner')
    .requiredOption('--team <id>', 'team id, e.g. SF1')
    .option('--date <date>', 'date (YYYY-MM-DD); today when omitted', date)
    .action(async (options) => workloadCommand(readConfig(), options));

  report('overdue', "List what is overdue or due in the next 10 working days across a team's cases, by worker", 'item')
    .requiredOption('--team <id>', 'team id, e.g. SF1')
    .option('--date <date>', 'date (YYYY-MM-DD); today when omitted', date)
    .action(async (options) => overdueCommand(readConfig(), options));

  report('record', "Record a visit, contact or meeting on a child's case (the same checks as the page; --worker names whose visit it was)", 'result')
    .requiredOption('--child <id>', 'the child id')
    .requiredOption('--activity <code>', "what was done: an activity code from the workload model (e.g. cp_visit), or 'other'")
    .requiredOption('--on <date>', 'the day it happened (YYYY-MM-DD)')
    .requiredOption('--time <HH:MM>', 'the time it started, UK time')
    .option('--seen <yes|no>', 'was the child seen (leave out for a meeting without the child)')
    .option('--seen-alone <yes|no>', 'was the child seen alone')
    .option('--attendees <text>', 'who attended')
    .option('--direct <minutes>', 'minutes of direct work')
    .option('--travel <minutes>', 'minutes of travel')
    .option('--recording <minutes>', 'minutes spent recording')
    .option('--meeting <minutes>', 'minutes in meetings')
    .option('--note <text>', 'the note of the visit')
    .option('--worker <practitioner id>', 'the worker whose visit it was (the time and the schedule are theirs)')
    .action(async (options) => recordCommand(readConfig(), options));

  report('notes', "List a child's case notes, newest first (the latest version of each)", 'note')
    .requiredOption('--child <id>', 'the child id')
    .action(async (options) => notesCommand(readConfig(), options));

  report('chronology', "Show a child's chronology: status changes, allocations, meetings, visits, court dates and significant notes", 'entry')
    .requiredOption('--child <id>', 'the child id')
    .option('--kind <kind...>', `only these kinds: ${CHRONOLOGY_KINDS.join(', ')}`)
    .action(async (options) => chronologyCommand(readConfig(), { ...options, kind: readKinds(options.kind ?? []) }));

  report('calibration', 'Compare the time recorded on each activity with the workload model, and show the proposed hours', 'activity')
    .action(async (options) => calibrationCommand(readConfig(), options));

  // Issue 8: reading the council's own data, and giving back returns (src/cli/import.ts, export.ts).
  const importer = program.command('import').description("Import the council's own data: ssd (folder or .zip of ssd_*.csv)");
  importer.command('ssd [path]').description('Import an SSD extract: a folder or .zip of ssd_*.csv files, or the ssd_ tables in a PostgreSQL database (--from)')
    .option('--council <id>', 'council id', DEMO_COUNCIL.councilId).option('--json', 'print the report as JSON')
    .option('--as <email or name>', 'who is running this, for the audit log (default: CASEWEIGHT_OPERATOR or your login name)').option('--extract-date <date>', 'the day the extract describes (default today)', date)
    .option('--from <url>', 'read the ssd_ tables from a PostgreSQL database (postgres://…), read-only')
    .option('--schema <name>', 'the schema holding the ssd_ tables (default: ssd_development, then public)')
    .action(async (target: string | undefined, options) => (await import('./import.ts')).importCommand(readConfig(), 'ssd', target, options));
  importer.command('903 [path]').description('Import SSDA903 (children looked after) tables: a folder or .zip of the 903 CSV files')
    .option('--council <id>', 'council id', DEMO_COUNCIL.councilId).option('--json', 'print the report as JSON')
    .option('--as <email or name>', 'who is running this, for the audit log (default: CASEWEIGHT_OPERATOR or your login name)').option('--extract-date <date>', 'the day the return describes (default today)', date)
    .action(async (target: string | undefined, options) => (await import('./import.ts')).importCommand(readConfig(), '903', target, options));
  importer.command('cin [file]').description('Import a CIN census return: one XML file, checked against the schema for its header year')
    .option('--council <id>', 'council id', DEMO_COUNCIL.councilId).option('--json', 'print the report as JSON')
    .option('--as <email or name>', 'who is running this, for the audit log (default: CASEWEIGHT_OPERATOR or your login name)').option('--extract-date <date>', 'the day the return describes (default today)', date)
    .action(async (target: string | undefined, options) => (await import('./import.ts')).importCommand(readConfig(), 'cin', target, options));
  importer.command('csww [file]').description("Import the children's social work workforce census (XML)")
    .option('--council <id>', 'council id', DEMO_COUNCIL.councilId).option('--json', 'print the report as JSON')
    .option('--as <email or name>', 'who is running this, for the audit log (default: CASEWEIGHT_OPERATOR or your login name)').option('--extract-date <date>', 'the census date when the file has no ReferenceDate (default today)', date)
    .action(async (target: string | undefined, options) => (await import('./import.ts')).importCommand(readConfig(), 'csww', target, options));
  importer.command('return <paths...>').description("Import councils' returns into the national view (--council: the national tenant): .json files or folders of them; a bad file is rejected with its reasons, the rest imported")
    .option('--council <id>', 'the national tenant', 'national').option('--json', 'print the report as JSON')
    .option('--as <email or name>', 'who is running this, for the audit log (default: CASEWEIGHT_OPERATOR or your login name)')
    .action(async (paths: string[], options) => (await import('./national.ts')).importReturnCommand(readConfig(), paths, options));
  const exporter = program.command('export').description('Write the register out in a standard format');
  exporter.command('csww <file>').description("Write the workforce census XML for a census date (30 September), checked against the XSD")
    .requiredOption('--census-date <date>', 'the census date, like 2025-09-30', date)
    .option('--council <id>', 'council id', DEMO_COUNCIL.councilId).option('--as <email or name>', 'who is running this, for the audit log (default: CASEWEIGHT_OPERATOR or your login name)')
    .action(async (file: string, options) => (await import('./export.ts')).exportCswwCommand(readConfig(), file, options));
  exporter.command('cin <file>').description('Write the CIN census XML for the year ending on the census date, checked against the 2025/26 schema')
    .requiredOption('--census-date <date>', 'the census date (YYYY-MM-DD), normally 31 March', date)
    .option('--council <id>', 'council id', DEMO_COUNCIL.councilId).option('--as <email or name>', 'who is running this, for the audit log (default: CASEWEIGHT_OPERATOR or your login name)')
    .action(async (file: string, options) => (await import('./export.ts')).exportCinCommand(readConfig(), file, options));
  exporter.command('903 <dir>').description('Write the SSDA903 tables (CSV), checked against the current specification')
    .option('--council <id>', 'council id', DEMO_COUNCIL.councilId).option('--with-distance', 'add the derived PL_DISTANCE column (miles)').option('--as <email or name>', 'who is running this, for the audit log (default: CASEWEIGHT_OPERATOR or your login name)')
    .action(async (dir: string, options) => (await import('./export.ts')).export903Command(readConfig(), dir, options));
  exporter.command('annex-a <file>').description("Write Ofsted's Annex A workbook (.xlsx): the inspection lists for the six months to the date")
    .option('--date <date>', 'the inspection\'s reference date (default today)', date)
    .option('--council <id>', 'council id', DEMO_COUNCIL.councilId).option('--as <email or name>', 'who is running this, for the audit log (default: CASEWEIGHT_OPERATOR or your login name)')
    .action(async (file: string, options) => (await import('./export.ts')).exportAnnexACommand(readConfig(), file, options));
  exporter.command('return <file>').description("Write the council's de-identified return for the national view (JSON, and CSV beside it): figures over groups, groups under 5 people suppressed")
    .requiredOption('--date <date>', 'the census date, like 2025-09-30', date)
    .requiredOption('--region <name>', 'the council\'s English region, like "North West" or London')
    .option('--council <id>', 'council id', DEMO_COUNCIL.councilId).option('--as <email or name>', 'who is running this, for the audit log (default: CASEWEIGHT_OPERATOR or your login name)')
    .action(async (file: string, options) => (await import('./national.ts')).exportReturnCommand(readConfig(), file, options));
  exporter.command('ssd <dir>').description('Write the council as an SSD CSV set (one file per table)')
    .option('--council <id>', 'council id', DEMO_COUNCIL.councilId).option('--as <email or name>', 'who is running this, for the audit log (default: CASEWEIGHT_OPERATOR or your login name)')
    .action(async (dir: string, options) => (await import('./export.ts')).exportSsdCommand(readConfig(), dir, options));

  registerAccessCommands(program);
  registerUserCommands(program);

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof InvalidInputError || error instanceof NotFoundError || error instanceof DatabaseInUseError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

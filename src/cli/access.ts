import { ukDay } from '../kernel/time.ts';
import type { Command } from 'commander';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { terminalTable } from './tables.ts';
import { countAuditEvents, verifyAuditChain } from '../platform/audit.ts';
import { readConfig } from '../platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../platform/database.ts';
import { migrate } from '../platform/migrations.ts';
import { withServices } from './context.ts';
import { progressBar } from './progress.ts';

/** Records due for review as a terminal table: within 100 columns unless `wide`. */
export function retentionTable(due: readonly { childId: string; state: string; governingRule: string | null; reviewOn: string | null }[], wide: boolean, width?: number): string {
  const table = terminalTable({ head: ['Child', 'State', 'Rule', 'Review on'], wide, ...(width ? { width } : {}) });
  for (const r of due) table.push([r.childId, r.state.replace(/_/g, ' '), r.governingRule ?? '', r.reviewOn ?? '']);
  return table.toString();
}

async function withDatabase<T>(run: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await openDatabase(readConfig());
  try {
    await migrate(database.pool);
    return await run(database);
  } finally {
    await database.close();
  }
}

// "Today" is the UK day: just after midnight in summer, UTC still says yesterday.
const today = () => ukDay(new Date());

/** audit verify, sar and retention: the records-management commands. */
export function registerAccessCommands(program: Command): void {
  const audit = program.command('audit').description('The tamper-evident audit log');
  audit.command('verify')
    .description('Check the hash chain and name the first broken link')
    .option('--council <id>', 'council id', 'demo')
    .action(async (options: { council: string }) => withDatabase(async ({ db }) => {
      const bar = progressBar('Verifying audit log');
      // Counted first, so the bar shows how far through the log it is (events written meanwhile only add to it).
      const total = await countAuditEvents(db, options.council, {});
      const result = await verifyAuditChain(db, options.council, (n) => bar.update('events checked', n, Math.max(n, total, 1)));
      bar.stop();
      if (result.ok) {
        console.log(`The audit log of ${options.council} is intact: ${result.checked} events. Head hash ${result.head ?? '(empty)'} — keep this somewhere else to detect a deleted tail.`);
      } else {
        console.error(`The audit log of ${options.council} has been tampered with. First broken link: event ${result.brokenAt}. ${result.problem} (${result.checked} events checked before it.)`);
        process.exitCode = 2;
      }
    }));

  program.command('sar')
    .description("Export everything held about a child for a subject access request")
    .requiredOption('--child <id>', 'child id')
    .option('--council <id>', 'council id', 'demo')
    .option('--out <dir>', 'folder to write the bundle into (default: subject-access/ in the data directory, owner-only)')
    .option('--as <email or name>', 'who is asking (default: CASEWEIGHT_OPERATOR or your login name)')
    .action(async (options: { child: string; council: string; out?: string; as?: string }) => withServices(readConfig(), options, async ({ cases }, ctx) => {
      const files = await cases.subjectAccessBundle(ctx, options.child);
      // A child's whole record: never into whatever folder the command happens to run in, and readable by its owner only.
      const config = readConfig();
      const root = options.out ?? path.join(config.dataDir.startsWith('memory://') ? path.resolve('data') : config.dataDir, 'subject-access');
      const dir = path.resolve(root, `sar-${options.council}-${options.child}-${today()}`);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await chmod(dir, 0o700);
      for (const f of files) await writeFile(path.join(dir, f.name), f.content, { encoding: 'utf8', mode: 0o600 });
      console.log(`Wrote ${files.length} files to ${dir}. Start with README.md.`);
    }));

  program.command('retention')
    .description('List closed records due for review or deletion under the retention schedule')
    .option('--council <id>', 'council id', 'demo')
    .option('--date <date>', 'as of (YYYY-MM-DD)', today())
    .option('--json', 'print JSON')
    .option('--wide', 'one line per record, however wide')
    .option('--as <email or name>', 'who is asking (default: CASEWEIGHT_OPERATOR or your login name)')
    .action(async (options: { council: string; date: string; json?: boolean; wide?: boolean; as?: string }) => withServices(readConfig(), options, async ({ cases }, ctx) => {
      const { due, total } = await cases.retentionDue(ctx, options.date);
      if (options.json) return console.log(JSON.stringify(due, null, 2));
      console.log(due.length ? retentionTable(due, options.wide === true) : 'No records are due for review.');
      console.log(`${due.length} of ${total} records are due for review or need a date of birth.`);
    }));
}

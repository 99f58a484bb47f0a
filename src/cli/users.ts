import { ukDateTime } from '../kernel/time.ts';
import type { Command } from 'commander';
import { DEMO_COUNCIL } from '../demo/council.ts';
import { ROLES, ROLE_LABELS } from '../kernel/roles.ts';
import { STATUS_LABELS } from '../identity/model.ts';
import type { Account, OneTimeLink } from '../identity/service/index.ts';
import { readConfig } from '../platform/config.ts';
import { withServices } from './context.ts';
import { terminalTable } from './tables.ts';

const collect = (value: string, previous: string[]) => [...previous, value];
const AS = ['--as <email or name>', 'who is running this, for the audit log (default: CASEWEIGHT_OPERATOR or your login name)'] as const;

interface Common { council: string; as?: string }


function printLink(account: Account, link: OneTimeLink): void {
  const url = `${readConfig().publicUrl}${link.path}`;
  console.log(`Give ${account.name} this one-time link to set their password (it works once, until ${ukDateTime(link.expiresAt)}):`);
  console.log(`  ${url}`);
  console.log('Send it only to them. Caseweight does not keep it: run "caseweight users reset-password" for a new one.');
}

const describe = (a: Account) => `${a.name} <${a.email}>: ${a.roles.join(', ')}; teams ${a.teamIds.join(', ') || 'none'}; ${STATUS_LABELS[a.status].toLowerCase()}`;

/** Accounts as a terminal table: within 100 columns unless `wide`. */
export function accountsTable(accounts: readonly Pick<Account, 'name' | 'email' | 'roles' | 'teamIds' | 'status'>[], wide: boolean, width?: number): string {
  const table = terminalTable({ head: ['Name', 'Email', 'Roles', 'Teams', 'Status'], wide, ...(width ? { width } : {}) });
  for (const a of accounts) table.push([a.name, a.email, a.roles.map((r) => ROLE_LABELS[r]).join(', '), a.teamIds.join(', '), STATUS_LABELS[a.status]]);
  return table.toString();
}

/** caseweight users …: accounts, through identity's use cases, as the named operator. */
export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('People who sign in: add, list, disable, enable, unlock, roles, teams and password links');
  const common = (c: Command) => c.option('--council <id>', 'council id', DEMO_COUNCIL.councilId).option(...AS);

  common(users.command('add')
    .description(`Add an account with no password and print a one-time link for the person to set one. Roles: ${ROLES.join(', ')}`)
    .requiredOption('--email <email>', 'their work email address')
    .requiredOption('--name <name>', 'their full name')
    .option('--role <role>', 'a role (repeat for more than one)', collect, [])
    .option('--team <id>', 'a team they belong to or manage (repeat for more)', collect, [])
    .option('--practitioner <id>', "their practitioner record in the workforce data, when they hold cases"))
    .action(async (o: Common & { email: string; name: string; role: string[]; team: string[]; practitioner?: string }) => withServices(readConfig(), o, async ({ identity }, ctx) => {
      const { account, link } = await identity.addAccount(ctx, { email: o.email, name: o.name, roles: o.role, teamIds: o.team, practitionerId: o.practitioner ?? null });
      console.log(`Added ${describe(account)}.`);
      printLink(account, link);
    }));

  common(users.command('list').description('Every account: name, email, roles, teams and status').option('--json', 'print JSON').option('--wide', 'one line per account, however wide'))
    .action(async (o: Common & { json?: boolean; wide?: boolean }) => withServices(readConfig(), o, async ({ identity }, ctx) => {
      const accounts = await identity.listAccounts(ctx);
      if (o.json) return console.log(JSON.stringify(accounts, null, 2));
      console.log(accounts.length ? accountsTable(accounts, o.wide === true) : `Council "${o.council}" has no accounts yet. Add one with "caseweight users add".`);
    }));

  const simple = (name: string, description: string, run: 'disableAccount' | 'enableAccount' | 'unlockAccount', done: string) =>
    common(users.command(`${name} <email>`).description(description))
      .action(async (email: string, o: Common) => withServices(readConfig(), o, async ({ identity }, ctx) => {
        const account = await identity[run](ctx, { email });
        console.log(`${done} ${describe(account)}.`);
      }));
  simple('disable', 'Stop someone signing in; their sessions end at once', 'disableAccount', 'Disabled');
  simple('enable', 'Let a disabled account sign in again', 'enableAccount', 'Enabled');
  simple('unlock', 'Lift the lock after too many wrong passwords', 'unlockAccount', 'Unlocked');

  common(users.command('set-roles <email>').description(`Replace someone's roles. Roles: ${ROLES.join(', ')}`).option('--role <role>', 'a role (repeat for more than one)', collect, []))
    .action(async (email: string, o: Common & { role: string[] }) => withServices(readConfig(), o, async ({ identity }, ctx) => {
      console.log(`Roles changed: ${describe(await identity.setRoles(ctx, { email }, o.role))}.`);
    }));
  common(users.command('set-teams <email>').description("Replace someone's teams (none at all when no --team is given)").option('--team <id>', 'a team (repeat for more)', collect, []))
    .action(async (email: string, o: Common & { team: string[] }) => withServices(readConfig(), o, async ({ identity }, ctx) => {
      console.log(`Teams changed: ${describe(await identity.setTeams(ctx, { email }, o.team))}.`);
    }));
  common(users.command('reset-password <email>').description('Print a new one-time link for someone to set a new password'))
    .action(async (email: string, o: Common) => withServices(readConfig(), o, async ({ identity }, ctx) => {
      const { account, link } = await identity.resetPassword(ctx, { email });
      printLink(account, link);
    }));
}

// `caseweight overdue` and `caseweight calibration`: the team's overdue list and the model's
// calibration report, through the same services (and audit) as the pages.
import { ukDay } from '../kernel/time.ts';
import type { Config } from '../platform/config.ts';
import { withServices } from './context.ts';
import { terminalTable } from './tables.ts';

interface Options {
  council: string;
  as?: string;
  date?: string;
  json?: boolean;
  wide?: boolean;
}

export async function overdueCommand(config: Config, options: Options & { team: string }): Promise<void> {
  await withServices(config, options, async ({ workload }, ctx) => {
    const data = await workload.teamOverdue(ctx, options.team, options.date ?? ukDay(new Date()));
    if (options.json) return void console.log(JSON.stringify(data, null, 2));
    console.log(`${data.team.name} (${data.team.teamId}) on ${data.date}: ${data.rows.filter((r) => r.state === 'overdue').length} overdue, ${data.rows.filter((r) => r.state === 'due_soon').length} due in the next 10 working days`);
    const table = terminalTable({ head: ['Worker', 'Child', 'What', 'Due', 'When'], colAligns: ['left', 'left', 'left', 'left', 'right'], wide: options.wide === true });
    for (const r of [...data.rows].sort((a, b) => a.dueOn.localeCompare(b.dueOn))) {
      table.push([r.workerName, `${r.childName} (${r.childId})`, r.activity, r.dueOn, r.state === 'overdue' ? `${r.daysOverdue} days overdue` : `in ${r.workingDaysLeft} working days`]);
    }
    console.log(table.toString());
  });
}

export async function calibrationCommand(config: Config, options: Options): Promise<void> {
  await withServices(config, options, async ({ workload }, ctx) => {
    const data = await workload.calibration(ctx);
    if (options.json) return void console.log(JSON.stringify({ version: data.version, since: data.since, report: data.report, caseworkShareByRole: data.share, caseworkTime: data.caseworkTime }, null, 2));
    console.log(`Recorded time since ${data.since} against the workload model, version ${data.version}`);
    const h = (x: number) => x.toFixed(2);
    const table = terminalTable({ head: ['Activity', 'Records', 'Recorded (90% interval)', 'Model (low–high)', 'Verdict', 'Proposed'], colAligns: ['left', 'right', 'right', 'right', 'left', 'right'], wide: options.wide === true });
    for (const a of data.report.council) {
      table.push([
        a.name, a.records,
        a.recorded ? `${h(a.recorded.central)} (${h(a.recorded.centralInterval.low)}–${h(a.recorded.centralInterval.high)})` : '–',
        `${h(a.model.central)} (${h(a.model.low)}–${h(a.model.high)})`,
        a.verdict.replace(/_/g, ' '),
        a.proposal ? `${h(a.proposal.hours.central)} (${h(a.proposal.hours.low)}–${h(a.proposal.hours.high)})` : '–',
      ]);
    }
    console.log(table.toString());
    const t = data.caseworkTime;
    const pc = (x: number) => `${Math.round(x * 100)}%`;
    console.log(`Share of available time on cases (${t.samples - t.rejected} person-months, case-holding roles pooled): `
      + `recorded ${t.recorded ? `${pc(t.recorded.median)} (${pc(t.recorded.interval.low)}–${pc(t.recorded.interval.high)})` : '–'}; `
      + `model ${pc(t.model.central)} (${pc(t.model.low)}–${pc(t.model.high)}); ${t.verdict.replace(/_/g, ' ')}`
      + `${t.proposal ? `; proposed ${pc(t.proposal.central)} (${pc(t.proposal.low)}–${pc(t.proposal.high)})` : ''}.`);
    console.log('Nothing changes the model until a system administrator saves the proposals as a new version (Workload model → calibration).');
  });
}

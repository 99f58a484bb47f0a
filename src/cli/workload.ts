import { ukDay } from '../kernel/time.ts';
import { terminalTable } from './tables.ts';
import type { Config } from '../platform/config.ts';
import { ROLE_NAMES } from '../workforce/model.ts';
import { withServices } from './context.ts';
import type { WorkloadService } from '../workload/service/index.ts';

interface WorkloadOptions {
  team: string;
  council: string;
  as?: string;
  date?: string;
  json?: boolean;
  wide?: boolean;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

type TeamView = Awaited<ReturnType<WorkloadService['teamWorkload']>>;

/** The team's workload as a terminal table: within 100 columns unless `wide`. */
export function workloadTable(practitioners: TeamView['practitioners'], wide: boolean, width?: number): string {
  const table = terminalTable({
    head: ['Practitioner', 'Role', 'FTE', 'Cases', 'Hours a month (low–high)', 'Capacity', 'Workload (low–high)', 'Band', 'Room for CIN / CP'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left', 'right'],
    wide, ...(width ? { width } : {}),
  });
  for (const p of practitioners) {
    const flags = [p.agency ? 'agency' : '', p.inAsye ? 'ASYE' : ''].filter(Boolean).join(', ');
    table.push([
      `${p.name} (${p.practitionerId})${flags ? `\n${flags}` : ''}`,
      ROLE_NAMES[p.role] ?? p.role,
      p.fte.toFixed(2),
      p.cases,
      `${p.demandHours.central.toFixed(0)} (${p.demandHours.low.toFixed(0)}–${p.demandHours.high.toFixed(0)})`,
      p.capacityHours.toFixed(0),
      p.ratio ? `${pct(p.ratio.central)} (${pct(p.ratio.low)}–${pct(p.ratio.high)})` : 'no capacity',
      p.band.toUpperCase(),
      `${p.headroom.cin_plan.central ?? '∞'} / ${p.headroom.cp_plan.central ?? '∞'}`,
    ]);
  }
  return table.toString();
}

export async function workloadCommand(config: Config, options: WorkloadOptions): Promise<void> {
  await withServices(config, options, async ({ workload }, ctx) => {
    const date = options.date ?? ukDay(new Date());
    // The command line is the server's operator: trusted, but still on the record (the service audits the read).
    const view = await workload.teamWorkload(ctx, options.council, options.team, date);
    if (options.json) {
      console.log(JSON.stringify(view, null, 2));
      return;
    }
    console.log(`${view.team.name} (${view.team.teamId}) on ${view.date}, model version ${view.configVersion}`);
    console.log(workloadTable(view.practitioners, options.wide === true));
    console.log('Hours are expected casework over the next month. Bands: green up to 85% of capacity, amber to 100%, red beyond.');
  });
}

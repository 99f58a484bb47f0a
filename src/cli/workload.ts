import Table from 'cli-table3';
import type { Config } from '../platform/config.ts';
import { openDatabase } from '../platform/database.ts';
import { migrate } from '../platform/migrations.ts';
import { ROLE_NAMES } from '../workforce/model.ts';
import { userInfo } from 'node:os';
import { recordAudit } from '../platform/audit.ts';
import { teamWorkloadUnchecked } from '../workload/service/index.ts';

interface WorkloadOptions {
  team: string;
  council: string;
  date?: string;
  json?: boolean;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export async function workloadCommand(config: Config, options: WorkloadOptions): Promise<void> {
  const database = await openDatabase(config);
  try {
    await migrate(database.pool);
    const date = options.date ?? new Date().toISOString().slice(0, 10);
    const view = await teamWorkloadUnchecked(database.db, options.council, options.team, date);
    // The command line is the server's operator: trusted, but still on the record.
    await recordAudit(database.db, { councilId: options.council, actorUserId: `cli:${userInfo().username}`, action: 'read', recordType: 'team', recordId: options.team, fields: 'team workload (command line)' });
    if (options.json) {
      console.log(JSON.stringify(view, null, 2));
      return;
    }
    const table = new Table({
      head: ['Practitioner', 'Role', 'FTE', 'Cases', 'Hours a month (low–high)', 'Capacity', 'Workload (low–high)', 'Band', 'Room for CIN / CP'],
      colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left', 'right'],
    });
    for (const p of view.practitioners) {
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
    console.log(`${view.team.name} (${view.team.teamId}) on ${view.date}, model version ${view.configVersion}`);
    console.log(table.toString());
    console.log('Hours are expected casework over the next month. Bands: green up to 85% of capacity, amber to 100%, red beyond.');
  } finally {
    await database.close();
  }
}

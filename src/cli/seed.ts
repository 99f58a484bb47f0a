import { ukDay } from '../kernel/time.ts';
import { generateCouncil, nationalCouncilOptions } from '../demo/generate.ts';
import { seedDemoUsers } from '../demo/users.ts';
import { seedCouncil, seedDemoExtras } from '../demo/service.ts';
import { backfillSnapshots } from '../statistics/service/snapshots.ts';
import type { Config } from '../platform/config.ts';
import { openDatabase } from '../platform/database.ts';
import { InvalidInputError } from '../kernel/errors.ts';
import { migrate } from '../platform/migrations.ts';
import { createWorkforceService } from '../workforce/service.ts';
import { progressBar } from './progress.ts';

interface SeedOptions {
  council: string;
  seed: number;
  scale: string;
  asOf?: string;
  replace?: boolean;
}

export async function seedCommand(config: Config, options: SeedOptions): Promise<void> {
  if (options.scale !== 'medium' && options.scale !== 'national') {
    throw new InvalidInputError(`--scale must be medium, national or national-returns (it is "${options.scale}").`);
  }
  const asOf = options.asOf ?? ukDay(new Date());
  const database = await openDatabase(config);
  try {
    await migrate(database.pool);
    if (options.scale === 'medium') {
      if (!options.replace && (await createWorkforceService(database).getCouncil(options.council))) {
        throw new InvalidInputError(`Council "${options.council}" already exists. Add --replace to replace it, or choose another --council.`);
      }
      const data = generateCouncil({ councilId: options.council, name: options.council === 'demo' ? 'Demo Borough Council (fictional)' : `Council ${options.council}`, seed: options.seed, asOf });
      const bar = progressBar(`Seeding ${options.council}`);
      await seedCouncil(database.db, data, { replace: options.replace ?? false, progress: bar.update });
      bar.stop();
      if (options.council === 'demo') {
        await seedDemoUsers(database.db, 'demo', asOf);
        await seedDemoExtras(database.db, data, asOf);
        await backfillSnapshots(database.db, 'demo', asOf, 56, 7);
      }
      console.log(`Seeded ${options.council} as of ${asOf}: ${data.teams.length} teams, ${data.practitioners.length} practitioners, ${data.children.length} children, ${data.episodes.length} episodes, ${data.allocations.length} allocations.`);
      return;
    }
    const councils = nationalCouncilOptions(options.seed, asOf);
    const bar = progressBar('Seeding national scale');
    let children = 0;
    for (const [i, opts] of councils.entries()) {
      const data = generateCouncil(opts);
      await seedCouncil(database.db, data, { replace: options.replace ?? false });
      children += data.children.length;
      bar.update(opts.councilId, i + 1, councils.length);
    }
    bar.stop();
    console.log(`Seeded ${councils.length} councils as of ${asOf}: ${children} children.`);
  } finally {
    await database.close();
  }
}

import type { FastifyInstance } from 'fastify';
import { generateCouncil } from '../demo/generate.ts';
import { seedCouncil } from '../demo/service.ts';
import { workforceRoutes } from '../workforce/routes.ts';
import { listCouncils } from '../workforce/store.ts';
import { workloadRoutes } from '../workload/routes.ts';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './database.ts';
import { buildServer } from './http.ts';
import { migrate } from './migrations.ts';

export const DEMO_COUNCIL = { councilId: 'demo', name: 'Demo Borough Council (fictional)' };

/** Every area's routes, in one list so the server and the tests build the same app. */
export const AREA_ROUTES = [workforceRoutes, workloadRoutes];

export async function buildApp(database: DatabaseHandle, logLevel = 'info'): Promise<FastifyInstance> {
  return buildServer({ database }, AREA_ROUTES, { logLevel });
}

/** Opens the database, migrates, seeds the demo council on an empty database, and listens. */
export async function startApp(config: Config): Promise<{ app: FastifyInstance; database: DatabaseHandle }> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database.pool);
  if (config.seedDemoOnStart && (await listCouncils(database.db)).length === 0) {
    const asOf = new Date().toISOString().slice(0, 10);
    await seedCouncil(database.db, generateCouncil({ ...DEMO_COUNCIL, seed: 1, asOf }));
  }
  const app = await buildApp(database, config.logLevel);
  app.addHook('onClose', async () => database.close());
  await app.listen({ port: config.port, host: config.host });
  return { app, database };
}

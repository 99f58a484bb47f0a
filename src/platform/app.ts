import type { FastifyInstance } from 'fastify';
import { OidcSignIn } from '../access/oidc.ts';
import type { SecurityOptions } from '../access/plugin.ts';
import { accessRoutes } from '../access/routes.ts';
import { seedDemoUsers } from '../access/demo-users.ts';
import { generateCouncil } from '../demo/generate.ts';
import { startSnapshotJob } from '../statistics/job.ts';
import { backfillSnapshots } from '../statistics/snapshots.ts';
import { seedCouncil } from '../demo/service.ts';
import { workforceRoutes } from '../workforce/routes.ts';
import { listCouncils } from '../workforce/store.ts';
import { workloadRoutes } from '../workload/routes.ts';
import { pageRoutes } from '../pages/index.ts';
import type { Config } from './config.ts';
import { openDatabase, SERVER_OWNER, type DatabaseHandle } from './database.ts';
import { buildServer } from './http.ts';
import { migrate } from './migrations.ts';

export const DEMO_COUNCIL = { councilId: 'demo', name: 'Demo Borough Council (fictional)' };

/** Every area's routes, in one list so the server and the tests build the same app. */
export const AREA_ROUTES = [workforceRoutes, workloadRoutes, pageRoutes];

export interface AppOptions {
  logLevel?: string;
  security?: Partial<SecurityOptions>;
  oidc?: Config['oidc'];
}

/** Defaults suit tests and local use; startApp passes the real configuration. */
export async function buildApp(database: DatabaseHandle, options: AppOptions = {}): Promise<FastifyInstance> {
  const security: SecurityOptions = {
    sessionSecret: 'test-secret-that-is-long-enough-for-signing-cookies',
    secureCookies: 'auto',
    sessionIdleMinutes: 30,
    sessionAbsoluteHours: 10,
    signInPerMinute: 10,
    ...options.security,
  };
  const oidc = options.oidc ? new OidcSignIn(options.oidc) : undefined;
  return buildServer({ database, security }, [accessRoutes(oidc), ...AREA_ROUTES], { logLevel: options.logLevel ?? 'info' });
}

/** Opens the database, migrates, seeds the demo council on an empty database, and listens. */
export async function startApp(config: Config): Promise<{ app: FastifyInstance; database: DatabaseHandle }> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, owner: SERVER_OWNER });
  await migrate(database.pool);
  if (config.seedDemoOnStart && (await listCouncils(database.db)).length === 0) {
    const asOf = new Date().toISOString().slice(0, 10);
    await seedCouncil(database.db, generateCouncil({ ...DEMO_COUNCIL, seed: 1, asOf }));
    await seedDemoUsers(database.db, DEMO_COUNCIL.councilId, asOf);
    // Eight weeks of weekly snapshots, so the trend charts and "over the band since" have a history on day one.
    await backfillSnapshots(database.db, DEMO_COUNCIL.councilId, asOf, 56, 7);
  }
  const app = await buildApp(database, {
    logLevel: config.logLevel,
    security: { sessionSecret: config.sessionSecret, secureCookies: config.secureCookies, sessionIdleMinutes: config.sessionIdleMinutes, sessionAbsoluteHours: config.sessionAbsoluteHours },
    oidc: config.oidc,
  });
  const snapshots = startSnapshotJob(database.db, app.log);
  app.addHook('onClose', async () => {
    snapshots.stop();
    await database.close();
  });
  await app.listen({ port: config.port, host: config.host });
  return { app, database };
}

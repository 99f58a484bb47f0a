/**
 * The composition root: configuration → database → services → HTTP and jobs, built once. Each
 * area hands over one `register(app, services)`, listed here once, so the server, the command
 * line and the tests all build the same thing.
 */
import type { FastifyInstance } from 'fastify';
import * as access from './access/routes.ts';
import * as allocation from './allocation/routes.ts';
import { createAllocationService } from './allocation/service/index.ts';
import { mayBreakGlass } from './access/service.ts';
import { createAccessService } from './access/service.ts';
import { navigationFor } from './access/pages/navigation.ts';
import * as cases from './cases/routes.ts';
import * as recording from './recording/routes/index.ts';
import * as pulse from './pulse/routes/index.ts';
import * as national from './national/routes.ts';
import { createNationalService } from './national/service/index.ts';
import { createPulseService } from './pulse/service/index.ts';
import * as sufficiency from './sufficiency/routes.ts';
import { createSufficiencyService } from './sufficiency/service/index.ts';
import { createRecordingService } from './recording/service/index.ts';
import { createCasesService } from './cases/service/index.ts';
import { generateCouncil } from './demo/generate.ts';
import { seedCouncil, seedDemoExtras } from './demo/service.ts';
import { seedDemoUsers } from './demo/users.ts';
import * as exchange from './exchange/routes.ts';
import { createExchangeService } from './exchange/service/index.ts';
import './exchange/service/formats.ts';
import * as identity from './identity/routes/index.ts';
import { OidcSignIn } from './identity/service/oidc.ts';
import { registerSessions, type SecurityOptions } from './identity/routes/sessions.ts';
import { createIdentityService, sessionSweepJob } from './identity/service/index.ts';
import { DiskFileStore, fileSweepJob } from './platform/files.ts';
import { DEFAULT_SERVICE_INFO, type Config, type ServiceInfo } from './platform/config.ts';
import { openDatabase, SERVER_OWNER, type DatabaseHandle } from './platform/database.ts';
import { buildServer } from './platform/http.ts';
import { migrate } from './platform/migrations.ts';
import { registerWebShell } from './platform/web/index.ts';
import * as statistics from './statistics/routes.ts';
import * as supervision from './supervision/routes.ts';
import { createSupervisionService } from './supervision/service/index.ts';
import { createStatisticsService } from './statistics/service/index.ts';
import { registerSnapshotJobs } from './statistics/service/job.ts';
import { startJobs } from './platform/jobs.ts';
import { backfillSnapshots } from './statistics/service/snapshots.ts';
import * as tasks from './tasks/routes/index.ts';
import { createTasksService } from './tasks/service/index.ts';
import * as workforce from './workforce/routes.ts';
import { createWorkforceService } from './workforce/service.ts';
import * as workload from './workload/routes/index.ts';
import { createWorkloadService } from './workload/service/index.ts';

export { DEMO_COUNCIL } from './demo/council.ts';
import { DEMO_COUNCIL } from './demo/council.ts';

/** Every area's use cases over one database. */
export function buildServices(database: DatabaseHandle, options: { oidc?: OidcSignIn | undefined } = {}) {
  const { db } = database;
  return {
    access: createAccessService({ db }),
    allocation: createAllocationService({ db }),
    cases: createCasesService({ db }),
    exchange: createExchangeService({ db }),
    identity: createIdentityService({ db, oidc: options.oidc }),
    recording: createRecordingService({ db }),
    statistics: createStatisticsService({ db }),
    supervision: createSupervisionService({ db }),
    workforce: createWorkforceService({ db }),
    workload: createWorkloadService({ db }),
    pulse: createPulseService({ db }),
    tasks: createTasksService({ db }),
    national: createNationalService({ db }),
    sufficiency: createSufficiencyService({ db }),
  };
}
export type Services = ReturnType<typeof buildServices>;

/** Each area's routes, once. */
const AREAS = [identity, access, workforce, workload, allocation, cases, recording, statistics, exchange, pulse, tasks, supervision, national, sufficiency] as const;

export interface AppOptions {
  logLevel?: string;
  security?: Partial<SecurityOptions>;
  oidc?: Config['oidc'];
  /** The council's details for the privacy, cookies, contact and accessibility pages. */
  service?: ServiceInfo;
}

/** Defaults suit tests and local use; startApp passes the real configuration. */
export async function buildApp(database: DatabaseHandle, options: AppOptions = {}): Promise<FastifyInstance> {
  const security: SecurityOptions = {
    sessionSecret: 'test-secret-that-is-long-enough-for-signing-cookies',
    secureCookies: 'auto',
    sessionIdleMinutes: 30,
    sessionAbsoluteHours: 10,
    // Per address: a ceiling a whole council behind one proxy can live with at 9 am; each account also locks after 5 failures.
    signInPerMinute: 300,
    ...options.security,
  };
  const service = options.service ?? DEFAULT_SERVICE_INFO;
  const accessContact = { name: service.accessContact, email: service.accessEmail };
  const services = buildServices(database, { oidc: options.oidc ? new OidcSignIn({ ...options.oidc, accessContact }) : undefined });
  const app = await buildServer(database, { logLevel: options.logLevel ?? 'info' });
  await registerSessions(app, services.identity, security);
  await registerWebShell(app, {
    councilName: (councilId) => services.workforce.councilName(councilId),
    navigationFor,
    // Caseworkers are offered emergency access on a refused case page, whether or not the record exists, so the offer reveals nothing.
    notFoundLinks: (actor, path) => {
      const child = /^\/children\/([^/?]+)$/.exec(path)?.[1];
      return child && actor && mayBreakGlass(actor) ? [{ href: `/children/${child}/emergency-access`, text: 'If a child may be at risk now, ask for emergency access' }] : [];
    },
  }, options.service);
  const registered = { ...services, signInPerMinute: security.signInPerMinute };
  for (const area of AREAS) await area.register(app, registered);
  return app;
}

/** Opens the database, migrates, seeds the demo council on an empty database, and listens. */
export async function startApp(config: Config): Promise<{ app: FastifyInstance; database: DatabaseHandle; demo: boolean }> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, owner: SERVER_OWNER });
  await migrate(database.pool);
  if (config.seedDemoOnStart && (await createWorkforceService(database).listCouncils()).length === 0) {
    const asOf = new Date().toISOString().slice(0, 10);
    const demo = generateCouncil({ ...DEMO_COUNCIL, seed: 1, asOf });
    await seedCouncil(database.db, demo);
    await seedDemoUsers(database.db, DEMO_COUNCIL.councilId, asOf);
    // What the demo shows beyond the register: the pilot team's recorded time, the pulse.
    await seedDemoExtras(database.db, demo, asOf);
    // Eight weeks of weekly snapshots, so the trend charts and "over the band since" have a history on day one.
    await backfillSnapshots(database.db, DEMO_COUNCIL.councilId, asOf, 56, 7);
  }
  const app = await buildApp(database, {
    logLevel: config.logLevel,
    security: { sessionSecret: config.sessionSecret, secureCookies: config.secureCookies, sessionIdleMinutes: config.sessionIdleMinutes, sessionAbsoluteHours: config.sessionAbsoluteHours },
    oidc: config.oidc,
    service: config.service,
  });
  // Background work runs on the job queue through the application's one pool (PGlite has one connection).
  const jobs = await startJobs({ pool: database.pool, log: app.log, kind: database.kind });
  await registerSnapshotJobs(jobs, database.db);
  const sessions = sessionSweepJob(database.db);
  await jobs.register(sessions);
  await jobs.schedule(sessions, '17 * * * *', { councilId: null }, { tz: 'UTC' });
  // Uploads and recordings (the next areas) live here; the sweep finishes deletes a crash interrupted.
  const sweep = fileSweepJob(database.db, new DiskFileStore(config.filesDir), app.log);
  await jobs.register(sweep);
  await jobs.schedule(sweep, '41 * * * *', { councilId: null }, { tz: 'UTC' });
  app.addHook('onClose', async () => {
    await jobs.stop();
    await database.close();
  });
  await app.listen({ port: config.port, host: config.host });
  // A council with no system administrator (a fresh instance, real data imported) gets a one-time setup link, printed here only.
  const identityService = createIdentityService({ db: database.db });
  if (config.oidc?.groups) {
    for (const missing of await identityService.mappedTeamsMissing(config.oidc.councilId, config.oidc.groups)) {
      app.log.warn(`OIDC_GROUPS_FILE line ${missing.line}: council "${config.oidc.councilId}" has no team "${missing.teamId}" (yet), so that group gives no team. Check the team id on the service view.`);
    }
  }
  for (const link of await identityService.issueSetupLinks()) {
    app.log.warn(`Council "${link.councilId}" has no system administrator. To create the first one, open this link (it works once, for 24 hours; restarting prints a new one): ${config.publicUrl}${link.path}`);
  }
  const demo = (await createWorkforceService(database).listCouncils()).some((c) => c.council_id === DEMO_COUNCIL.councilId);
  return { app, database, demo };
}

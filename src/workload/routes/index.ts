import type { FastifyInstance } from 'fastify';
import { webPages } from '../../platform/web/index.ts';
import type { WorkloadService } from '../service/index.ts';
import { apiRoutes } from './api.ts';
import { pageRoutes } from './pages.ts';
import { settingsRoutes } from './settings.ts';
import { settingsHistoryRoutes } from './settings-history.ts';

/** The workload API and pages: my workload, a practitioner, a team, the model settings. */
export async function register(app: FastifyInstance, { workload }: { workload: WorkloadService }): Promise<void> {
  apiRoutes(app, workload);
  await webPages(app, (pages) => {
    pageRoutes(pages, workload);
    settingsRoutes(pages, workload);
    settingsHistoryRoutes(pages, workload);
  });
}

import type { FastifyInstance } from 'fastify';
import { InvalidInputError } from '../../kernel/errors.ts';
import { requestContext } from '../../platform/request.ts';
import { renderPage } from '../../platform/web/index.ts';
import { HISTORY_PATH, readRestoreForm, toHistoryView, toVersionView } from '../pages/settings-history.ts';
import type { WorkloadService } from '../service/index.ts';

type VersionParams = { Params: { version: string } };
const hidden = { schema: { hide: true } };
/** A version number in an address: digits only, so anything else is simply not found. */
const versionOf = (raw: string): number | null => (/^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null);

/**
 * The workload model settings' history: every version with who, when and why, what changed in
 * each, and restoring one as a new version. Who may see and restore is the settings service's.
 */
export function settingsHistoryRoutes(app: FastifyInstance, workload: WorkloadService): void {
  app.get<{ Querystring: { restored?: string } }>(HISTORY_PATH, hidden, async (request, reply) => {
    const { entries } = await workload.settingsHistory(requestContext(request));
    return renderPage(request, reply, 'workload/pages/settings-history.njk', toHistoryView(entries, versionOf(request.query.restored ?? '')));
  });

  app.get<VersionParams & { Querystring: { against?: string } }>(`${HISTORY_PATH}/:version`, hidden, async (request, reply) => {
    const comparison = await workload.settingsVersion(requestContext(request), versionOf(request.params.version) ?? 0, request.query.against === 'current' ? 'current' : 'previous');
    return renderPage(request, reply, 'workload/pages/settings-version.njk', toVersionView(comparison));
  });

  app.post<VersionParams & { Body: Record<string, unknown> }>(`${HISTORY_PATH}/:version/restore`, hidden, async (request, reply) => {
    const ctx = requestContext(request);
    const version = versionOf(request.params.version) ?? 0;
    const form = readRestoreForm(request.body ?? {});
    try {
      const restored = await workload.restoreSettingsVersion(ctx, version, form.reason);
      return reply.code(303).redirect(`${HISTORY_PATH}?restored=${restored}`);
    } catch (error) {
      if (!(error instanceof InvalidInputError) || error.problems.length === 0) throw error;
      const comparison = await workload.settingsVersion(ctx, version, 'previous');
      return renderPage(request, reply, 'workload/pages/settings-version.njk', toVersionView(comparison, { values: form, problems: error.problems }), 400);
    }
  });
}

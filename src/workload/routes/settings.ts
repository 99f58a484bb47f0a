import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decide } from '../../access/model.ts';
import { requestOrigin, requireActor } from '../../platform/request.ts';
import { authorise } from '../../access/service.ts';
import { renderPage } from '../../platform/web/render.ts';
import { recordAudit } from '../../platform/audit.ts';
import { parseDateInput } from '../../kernel/dates.ts';
import type { AppServices } from '../../platform/http.ts';
import { insertConfigVersion } from '../store.ts';
import { loadCurrentVersion, previewBands } from '../service/settings.ts';
import { comparePreview, readSettingsForm, toSettingsView } from '../pages/settings.ts';

const PATH = '/settings/workload-model';
const TEMPLATE = 'workload/pages/settings.njk';

/**
 * The workload model settings: everyone the policy allows reads them; a system administrator
 * previews a change against the council's staff and saves it as a new version (old figures keep
 * the version they were computed with).
 */
export async function settingsPageRoutes(app: FastifyInstance, { database }: AppServices): Promise<void> {
  const { db } = database;

  const readAccess = async (request: FastifyRequest) => {
    const actor = requireActor(request);
    const resource = { kind: 'workload_config', councilId: actor.councilId } as const;
    await authorise(db, actor, 'read', resource, 'workload model settings', requestOrigin(request));
    return { actor, canEdit: decide(actor, 'write', resource).allowed };
  };

  app.get<{ Querystring: { saved?: string } }>(PATH, { schema: { hide: true } }, async (request, reply) => {
    const { actor, canEdit } = await readAccess(request);
    const current = await loadCurrentVersion(db, actor.councilId);
    const saved = request.query.saved && /^\d+$/.test(request.query.saved) ? Number(request.query.saved) : null;
    return renderPage(db, request, reply, TEMPLATE, toSettingsView({ current, canEdit, saved }));
  });

  app.post<{ Body: Record<string, unknown> }>(PATH, { schema: { hide: true } }, async (request: FastifyRequest<{ Body: Record<string, unknown> }>, reply: FastifyReply) => {
    const actor = requireActor(request);
    const origin = requestOrigin(request);
    await authorise(db, actor, 'write', { kind: 'workload_config', councilId: actor.councilId }, 'workload model settings', origin);
    const current = await loadCurrentVersion(db, actor.councilId);
    const body = request.body ?? {};
    const form = readSettingsForm(body, current.config);
    if (!form.ok) {
      return renderPage(db, request, reply, TEMPLATE, toSettingsView({ current, canEdit: true, values: form.values, problems: form.problems }), 400);
    }
    if (body.action === 'save') {
      const version = await db.transaction().execute(async (trx) => {
        const v = await insertConfigVersion(trx, actor.councilId, form.config, form.note, actor.userId);
        await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'write', recordType: 'workload_config', recordId: String(v), fields: 'workload model: activities, rules, factors, capacity and safe bands', ip: origin.ip, reason: form.note });
        return v;
      });
      return reply.code(303).redirect(`${PATH}?saved=${version}`);
    }
    const date = parseDateInput(undefined);
    const { before, after } = await previewBands(db, actor.councilId, date, current.config, form.config);
    return renderPage(db, request, reply, TEMPLATE, toSettingsView({ current, canEdit: true, values: form.values, preview: comparePreview(before, after) }));
  });
}

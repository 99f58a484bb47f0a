import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/request.ts';
import { renderPage } from '../../platform/web/index.ts';
import { comparePreview, readSettingsForm, toSettingsView } from '../pages/settings.ts';
import type { WorkloadService } from '../service/index.ts';
import { toCalibrationView } from '../pages/calibration.ts';

const PATH = '/settings/workload-model';
const TEMPLATE = 'workload/pages/settings.njk';

/**
 * The workload model settings: everyone the policy allows reads them; a system administrator
 * previews a change against the council's staff and saves it as a new version (old figures keep
 * the version they were computed with). Access and audit are the settings service's.
 */
export function settingsRoutes(app: FastifyInstance, workload: WorkloadService): void {
  const CALIBRATION = `${PATH}/calibration`;
  const CALIBRATION_TEMPLATE = 'workload/pages/calibration.njk';
  const crumbs = [{ text: 'Home', href: '/' }, { text: 'Workload model', href: PATH }];

  app.get(CALIBRATION, { schema: { hide: true } }, async (request, reply) => {
    const data = await workload.calibration(requestContext(request));
    return renderPage(request, reply, CALIBRATION_TEMPLATE, { ...toCalibrationView(data), breadcrumbs: crumbs });
  });

  // The proposals as a draft version: previewed against everyone's band, then saved with a reason by the system administrator.
  app.post<{ Body: Record<string, unknown> }>(CALIBRATION, { schema: { hide: true } }, async (request, reply) => {
    const ctx = requestContext(request);
    const current = await workload.settingsForEditing(ctx);
    const body = request.body ?? {};
    // The ticked proposals: one value or many, as a form posts them.
    const include = new Set([body.include].flat().filter((v): v is string => typeof v === 'string'));
    const data = await workload.calibration(ctx, undefined, include);
    const note = typeof body.note === 'string' ? body.note.trim() : '';
    if (data.proposalKeys.length === 0) return reply.code(303).redirect(CALIBRATION);
    const includeError = data.draft ? undefined : 'Choose at least one proposal to include.';
    const noteError = note.length < 5 ? 'Say why you change the model (at least 5 characters).' : undefined;
    if (includeError || noteError) return renderPage(request, reply, CALIBRATION_TEMPLATE, { ...toCalibrationView(data, { note, noteError, includeError }), breadcrumbs: crumbs }, 400);
    if (body.action === 'save') {
      const version = await workload.saveSettings(ctx, data.draft!, note);
      return reply.code(303).redirect(`${PATH}?saved=${version}`);
    }
    const { before, after } = await workload.previewSettings(ctx, current.config, data.draft!);
    return renderPage(request, reply, CALIBRATION_TEMPLATE, { ...toCalibrationView(data, { preview: comparePreview(before, after), note }), breadcrumbs: crumbs });
  });

  app.get<{ Querystring: { saved?: string } }>(PATH, { schema: { hide: true } }, async (request, reply) => {
    const { current, canEdit } = await workload.readSettings(requestContext(request));
    const saved = request.query.saved && /^\d+$/.test(request.query.saved) ? Number(request.query.saved) : null;
    return renderPage(request, reply, TEMPLATE, toSettingsView({ current, canEdit, saved }));
  });

  app.post<{ Body: Record<string, unknown> }>(PATH, { schema: { hide: true } }, async (request: FastifyRequest<{ Body: Record<string, unknown> }>, reply: FastifyReply) => {
    const ctx = requestContext(request);
    const current = await workload.settingsForEditing(ctx);
    const body = request.body ?? {};
    const form = readSettingsForm(body, current.config);
    if (!form.ok) {
      return renderPage(request, reply, TEMPLATE, toSettingsView({ current, canEdit: true, values: form.values, problems: form.problems }), 400);
    }
    if (body.action === 'save') {
      const version = await workload.saveSettings(ctx, form.config, form.note);
      return reply.code(303).redirect(`${PATH}?saved=${version}`);
    }
    const { before, after } = await workload.previewSettings(ctx, current.config, form.config);
    return renderPage(request, reply, TEMPLATE, toSettingsView({ current, canEdit: true, values: form.values, preview: comparePreview(before, after) }));
  });
}

import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../kernel/context.ts';
import { NotFoundError } from '../kernel/errors.ts';
import { ukDay } from '../kernel/time.ts';
import { requestContext } from '../platform/request.ts';
import { sendDownload } from '../platform/web/downloads.ts';
import { renderPage, webPages } from '../platform/web/index.ts';
import { expandZips, FileSetError, type InputFile } from '../standards/files.ts';
import { annexDateHref, annexDateView, readAnnexDate } from './pages/annex-a-date.ts';
import { receiveUpload, UPLOAD_LIMITS, type Received } from './pages/receive.ts';
import { UploadGoneError, UploadStore, type StagedUpload } from './pages/uploads.ts';
import { toHistoryView, toReportView, toUploadView, type UploadFormProblem } from './pages/views.ts';
import { words } from './pages/wording.ts';
import type { ExchangeService } from './service/index.ts';

const hidden = { schema: { hide: true } };
const RECEIVED = Symbol('received upload');
type WithUpload = FastifyRequest & { [RECEIVED]?: Received };

export interface ImportPageOptions {
  uploads?: UploadStore;
}

/**
 * Import pages for data officers and system administrators (the 'imports' resource; anyone
 * else gets 404): upload and check, read the report, confirm, and the history. Uploaded files
 * stay on the server between check and confirm, under a random id bound to the person.
 */
export function registerWith(options: ImportPageOptions = {}) {
  return async (app: FastifyInstance, { exchange }: { exchange: ExchangeService }): Promise<void> => webPages(app, async (app) => {
    const canRead = exchange.canRead;
    const uploads = options.uploads ?? new UploadStore();
    const sweep = setInterval(() => void uploads.sweep().catch(() => undefined), 10 * 60_000);
    sweep.unref();
    app.addHook('onClose', async () => clearInterval(sweep));

    const allow = async (request: FastifyRequest, action: 'read' | 'write', page: string): Promise<RequestContext> => {
      const ctx = requestContext(request);
      await exchange.gate(ctx, action, page);
      return ctx;
    };
    const openUpload = async (ctx: RequestContext, uploadId: string, claim: boolean): Promise<StagedUpload> => {
      const { actor } = ctx;
      try {
        return claim ? await uploads.claim(uploadId, actor.councilId, actor.userId) : await uploads.open(uploadId, actor.councilId, actor.userId);
      } catch (error) {
        if (!(error instanceof UploadGoneError)) throw error;
        await exchange.audit(ctx, { action: 'denied', recordType: 'import_upload', recordId: uploadId, fields: error.message });
        throw new NotFoundError(words.errors.gone);
      }
    };
    const uploadForm = (request: FastifyRequest, reply: FastifyReply, chosen?: string, problems: UploadFormProblem[] = []) =>
      renderPage(request, reply, 'exchange/pages/upload.njk', {
        ...toUploadView(canRead, chosen, problems), notAvailable: words.notAvailable,
        maxFileMb: Math.round(UPLOAD_LIMITS.fileSize / 1048576), maxFiles: UPLOAD_LIMITS.files, annexDate: annexDateView(),
      }, problems.length ? 400 : 200);

    await app.register(async (scope) => {
      // Only this scope parses multipart, with limits; files are streamed to disk, not held in memory.
      await scope.register(multipart, { limits: UPLOAD_LIMITS, throwFileSizeLimit: true });

      scope.get('/imports', hidden, async (request, reply) => {
        await allow(request, 'read', 'import upload');
        void uploads.sweep().catch(() => undefined);
        return uploadForm(request, reply);
      });

      scope.post('/imports', {
        ...hidden,
        // Who may upload is settled before a byte of the body is read; the files are then
        // staged here so the CSRF check (a preHandler) can see the form's token.
        preValidation: async (request: WithUpload) => {
          const ctx = await allow(request, 'write', 'import upload');
          const received = await receiveUpload(request, uploads, ctx.actor);
          request[RECEIVED] = received;
          request.body = received.fields;
        },
        // Anything not handed on to the report page (a refused token, a bad form) is deleted.
        onResponse: async (request: WithUpload) => {
          const received = request[RECEIVED];
          if (received && !received.kept) await uploads.remove(received.upload.uploadId);
        },
      }, async (request: WithUpload, reply) => {
        const ctx = requestContext(request);
        const received = request[RECEIVED]!;
        const { upload, fields } = received;
        const format = fields.format;
        if (received.problem) return uploadForm(request, reply, format, [received.problem]);
        if (!format || !words.formats.some((f) => f.value === format)) return uploadForm(request, reply, undefined, [{ field: 'format', message: words.errors.chooseFormat }]);
        if (!canRead(format)) return uploadForm(request, reply, format, [{ field: 'format', message: words.errors.formatNotAvailable }]);
        if (upload.files.length === 0) return uploadForm(request, reply, format, [{ field: 'files', message: words.errors.chooseFiles }]);
        upload.format = format;
        await exchange.audit(ctx, { action: 'write', recordType: 'import_upload', recordId: upload.uploadId, fields: `upload ${format}: ${upload.files.map((f) => `${f.name} (${f.sha256.slice(0, 12)})`).join(', ')}` });
        let files: InputFile[];
        try {
          files = await expandZips(await uploads.files(upload));
        } catch (error) {
          if (!(error instanceof FileSetError)) throw error;
          await exchange.audit(ctx, { action: 'read', recordType: 'import_upload', recordId: upload.uploadId, fields: `validate: refused (${error.message})` });
          return uploadForm(request, reply, format, [{ field: 'files', message: error.message }]);
        }
        const result = await exchange.validate(ctx, { format, files }, upload.uploadId);
        upload.report = result.report;
        await uploads.save(upload);
        received.kept = true;
        return reply.code(303).redirect(`/imports/uploads/${upload.uploadId}`);
      });
    });

    app.get<{ Params: { uploadId: string } }>('/imports/uploads/:uploadId', hidden, async (request, reply) => {
      const ctx = await allow(request, 'read', 'import report');
      const upload = await openUpload(ctx, request.params.uploadId, false);
      if (!upload.report) throw new NotFoundError(words.errors.gone);
      const view = toReportView(upload.report, { status: upload.report.problems.some((p) => p.severity === 'error') ? 'stopped' : 'validated', confirmAction: `/imports/uploads/${upload.uploadId}/confirm` });
      return renderPage(request, reply, 'exchange/pages/report.njk', view);
    });

    app.post<{ Params: { uploadId: string } }>('/imports/uploads/:uploadId/confirm', hidden, async (request, reply) => {
      const ctx = await allow(request, 'write', 'import confirm');
      const upload = await openUpload(ctx, request.params.uploadId, true);
      let result;
      try {
        // Confirm reads the files again and re-validates against the register as it is now.
        const files = await expandZips(await uploads.files(upload));
        result = await exchange.confirm(ctx, { format: upload.format, files });
      } finally {
        // Deleted whatever happened: a failed confirm starts again from a fresh upload.
        await uploads.remove(upload.uploadId);
      }
      return reply.code(303).redirect(`/imports/history/${encodeURIComponent(result.importId!)}?confirmed=1`);
    });

    // Ofsted's Annex A for an inspection on the date (today, UK time, unless the form or ?date= says otherwise).
    app.get<{ Querystring: Record<string, unknown> }>('/imports/annex-a.xlsx', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const asked = readAnnexDate(request.query);
      if ('problem' in asked) {
        // The imports page again, its date boxes open with what was typed and what is wrong; asked
        // of the policy first, so someone who may not export learns nothing from the form.
        await allow(request, 'read', 'Annex A download');
        return renderPage(request, reply, 'exchange/pages/upload.njk', {
          ...toUploadView(canRead), notAvailable: words.notAvailable,
          maxFileMb: Math.round(UPLOAD_LIMITS.fileSize / 1048576), maxFiles: UPLOAD_LIMITS.files,
          errorSummary: [{ text: asked.problem.message, href: annexDateHref(asked.problem) }], annexDateOpen: true, annexDate: annexDateView(asked.boxes, asked.problem),
        }, 400);
      }
      const date = asked.iso ?? ukDay(ctx.now);
      const { bytes } = await exchange.exportAnnexA(ctx, date);
      return sendDownload(reply, 'xlsx', `ofsted-annex-a-${ctx.actor.councilId}-${date}`, bytes);
    });

    app.get('/imports/history', hidden, async (request, reply) => {
      return renderPage(request, reply, 'exchange/pages/history.njk', toHistoryView(await exchange.history(requestContext(request))));
    });

    app.get<{ Params: { importId: string }; Querystring: { confirmed?: string } }>('/imports/history/:importId', hidden, async (request, reply) => {
      const record = await exchange.historyItem(requestContext(request), request.params.importId);
      if (!record) throw new NotFoundError('There is no such import.');
      const view = toReportView(record.report, { status: record.status, importedBy: record.importedBy, importedAt: record.importedAt });
      const banner = request.query.confirmed && record.status !== 'stopped'
        ? (record.status === 'imported' ? 'The files were imported.' : 'The files were read; the register already held everything in them.') : undefined;
      return renderPage(request, reply, 'exchange/pages/report.njk', { ...view, banner, breadcrumbs: [{ text: 'Import history', href: '/imports/history' }] });
    });
  });
}

export const register = registerWith();

import type { FastifyInstance } from 'fastify';
import { requestContext } from '../platform/request.ts';
import { errorBody } from '../platform/http.ts';
import { renderPage, webPages } from '../platform/web/index.ts';
import { InvalidInputError } from '../kernel/errors.ts';
import { blankSessionForm, readSessionForm, toSessionFormView } from './pages/session-form.ts';
import { toSessionView } from './pages/session.ts';
import { readSettingsForm, settingsFromForm, startingSettingsForm, toSettingsView } from './pages/settings.ts';
import { toSuperviseeView } from './pages/supervisee.ts';
import type { SupervisionService } from './service/index.ts';

const hidden = { schema: { hide: true } };
const id = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;
const isoDay = /^\d{4}-\d{2}-\d{2}$/;
type Person = { Params: { practitionerId: string } };
type Session = { Params: { sessionId: string } };
const formProblem = (e: unknown): e is InvalidInputError => e instanceof InvalidInputError && e.problems.length > 0;

/** Supervision (issue 16): pages and API. Access and audit are the supervision service's. */
export async function register(app: FastifyInstance, { supervision }: { supervision: SupervisionService }): Promise<void> {
  const personParams = { type: 'object', properties: { councilId: id, practitionerId: id }, required: ['councilId', 'practitionerId'] } as const;
  const sessionParams = { type: 'object', properties: { councilId: id, sessionId: id }, required: ['councilId', 'sessionId'] } as const;

  app.get<{ Params: { councilId: string; practitionerId: string } }>('/api/councils/:councilId/practitioners/:practitionerId/supervision', {
    schema: { summary: 'A supervisee’s supervision: how often, the last session, when the next is due (and whether overdue), and the sessions in outline', tags: ['supervision'], params: personParams, response: { 401: errorBody, 404: errorBody } },
  }, async (request) => supervision.superviseePage(requestContext(request), request.params.practitionerId, request.params.councilId));

  app.post<{ Params: { councilId: string; practitionerId: string }; Body: Record<string, unknown> }>('/api/councils/:councilId/practitioners/:practitionerId/supervision-sessions', {
    schema: {
      summary: 'Record a supervision session: date, minutes, decisions per child (each becomes a case decision on the child’s record) and the reflective part (wellbeing, development), which never does',
      tags: ['supervision'], params: personParams,
      body: {
        type: 'object', required: ['heldOn', 'minutes'],
        properties: {
          heldOn: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD' }, minutes: { type: 'integer' },
          decisions: { type: 'array', maxItems: 100, items: { type: 'object', required: ['childId', 'text'], properties: { childId: id, text: { type: 'string', maxLength: 5000 } } } },
          wellbeing: { type: 'string', maxLength: 10000 }, development: { type: 'string', maxLength: 10000 },
        },
      },
      response: { 400: errorBody, 401: errorBody, 404: errorBody },
    },
  }, async (request, reply) => {
    const b = request.body;
    const [year = '', month = '', day = ''] = typeof b.heldOn === 'string' && isoDay.test(b.heldOn) ? b.heldOn.split('-') : [];
    const decisions = Object.fromEntries(((b.decisions ?? []) as { childId: string; text: string }[]).map((d) => [d.childId, d.text]));
    const result = await supervision.recordSession(requestContext(request), request.params.practitionerId, {
      day, month, year, minutes: String(b.minutes ?? ''), decisions, wellbeing: typeof b.wellbeing === 'string' ? b.wellbeing : '', development: typeof b.development === 'string' ? b.development : '',
    }, request.params.councilId);
    return reply.code(201).send(result);
  });

  app.get<{ Params: { councilId: string; sessionId: string } }>('/api/councils/:councilId/supervision-sessions/:sessionId', {
    schema: { summary: 'One supervision session: the outline and the cases decided on; the reflective part and comments only for the supervisee, the supervisor and those the council’s policy names (otherwise null)', tags: ['supervision'], params: sessionParams, response: { 401: errorBody, 404: errorBody } },
  }, async (request) => supervision.sessionPage(requestContext(request), request.params.sessionId, request.params.councilId));

  app.post<{ Params: { councilId: string; sessionId: string }; Body: { text?: string } }>('/api/councils/:councilId/supervision-sessions/:sessionId/comments', {
    schema: { summary: 'The supervisee’s comment on their own session', tags: ['supervision'], params: sessionParams, body: { type: 'object', required: ['text'], properties: { text: { type: 'string', maxLength: 5000 } } }, response: { 400: errorBody, 401: errorBody, 404: errorBody } },
  }, async (request, reply) => reply.code(201).send(await supervision.addComment(requestContext(request), request.params.sessionId, request.body.text ?? '', request.params.councilId)));

  await webPages(app, (pages) => {
    const home = { text: 'Home', href: '/' };
    const crumbs = (practitionerId: string, name: string) => [home, { text: name, href: `/practitioners/${encodeURIComponent(practitionerId)}` }, { text: 'Supervision', href: `/practitioners/${encodeURIComponent(practitionerId)}/supervision` }];

    pages.get<Person>('/practitioners/:practitionerId/supervision', hidden, async (request, reply) => {
      const data = await supervision.superviseePage(requestContext(request), request.params.practitionerId);
      return renderPage(request, reply, 'supervision/pages/supervisee.njk', { ...toSuperviseeView(data), breadcrumbs: [home, { text: data.practitioner.name, href: `/practitioners/${encodeURIComponent(data.practitioner.practitionerId)}` }] });
    });

    pages.get<Person>('/practitioners/:practitionerId/supervision/new', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const data = await supervision.sessionForm(ctx, request.params.practitionerId);
      return renderPage(request, reply, 'supervision/pages/session-form.njk', { ...toSessionFormView(data, blankSessionForm(ctx.now)), breadcrumbs: crumbs(data.practitioner.practitionerId, data.practitioner.name) });
    });

    pages.post<Person & { Body: Record<string, unknown> }>('/practitioners/:practitionerId/supervision/new', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const form = readSessionForm(request.body ?? {});
      try {
        const { sessionId } = await supervision.recordSession(ctx, request.params.practitionerId, form);
        return reply.code(303).redirect(`/supervision/${encodeURIComponent(sessionId)}`);
      } catch (error) {
        if (!formProblem(error)) throw error;
        const data = await supervision.sessionForm(ctx, request.params.practitionerId);
        return renderPage(request, reply, 'supervision/pages/session-form.njk', { ...toSessionFormView(data, form, error.problems), breadcrumbs: crumbs(data.practitioner.practitionerId, data.practitioner.name) }, 400);
      }
    });

    pages.get<Session>('/supervision/:sessionId', hidden, async (request, reply) => {
      const data = await supervision.sessionPage(requestContext(request), request.params.sessionId);
      return renderPage(request, reply, 'supervision/pages/session.njk', { ...toSessionView(data), breadcrumbs: crumbs(data.practitioner.practitionerId, data.practitioner.name) });
    });

    pages.post<Session & { Body: { comment?: string } }>('/supervision/:sessionId/comments', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const text = typeof request.body?.comment === 'string' ? request.body.comment : '';
      try {
        await supervision.addComment(ctx, request.params.sessionId, text);
        return reply.code(303).redirect(`/supervision/${encodeURIComponent(request.params.sessionId)}`);
      } catch (error) {
        if (!formProblem(error)) throw error;
        const data = await supervision.sessionPage(ctx, request.params.sessionId);
        return renderPage(request, reply, 'supervision/pages/session.njk', { ...toSessionView(data, text, error.problems), breadcrumbs: crumbs(data.practitioner.practitionerId, data.practitioner.name) }, 400);
      }
    });

    pages.get<{ Querystring: { saved?: string } }>('/settings/supervision', hidden, async (request, reply) => {
      const data = await supervision.readSettings(requestContext(request));
      return renderPage(request, reply, 'supervision/pages/settings.njk', { ...toSettingsView(data, startingSettingsForm(data), [], request.query.saved === '1'), breadcrumbs: [home] });
    });

    pages.post<{ Body: Record<string, unknown> }>('/settings/supervision', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const data = await supervision.readSettings(ctx);
      const form = readSettingsForm(request.body ?? {});
      const { settings, problems } = settingsFromForm(data.settings, form);
      const again = (found: readonly { field: string; message: string }[]) => renderPage(request, reply, 'supervision/pages/settings.njk', { ...toSettingsView(data, form, found), breadcrumbs: [home] }, 400);
      if (problems.length) return again(problems);
      try {
        await supervision.saveSettings(ctx, settings, form.note);
        return reply.code(303).redirect('/settings/supervision?saved=1');
      } catch (error) {
        if (!formProblem(error)) throw error;
        return again(error.problems);
      }
    });
  });
}

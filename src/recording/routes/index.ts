import type { FastifyInstance } from 'fastify';
import { requestContext, requireActor } from '../../platform/request.ts';
import { errorBody } from '../../platform/http.ts';
import { renderPage, webPages } from '../../platform/web/index.ts';
import { formatDate } from '../../platform/web/nunjucks.ts';
import { InvalidInputError } from '../../kernel/errors.ts';
import { blankForm, readRecordingForm, toRecordView } from '../pages/record.ts';
import type { RecordingService } from '../service/index.ts';
import { registerNotes } from './notes.ts';

const hidden = { schema: { hide: true } };
const id = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** Recording a visit, contact or meeting: the page and the API. Access and audit are the recording service's. */
export async function register(app: FastifyInstance, { recording }: { recording: RecordingService }): Promise<void> {
  await registerNotes(app, recording);
  app.post<{ Params: { councilId: string; childId: string }; Body: Record<string, unknown> }>('/api/councils/:councilId/children/:childId/recordings', {
    schema: {
      summary: 'Record a visit, contact or meeting: what, when, whether the child was seen (and seen alone), who attended, the minutes by kind and a note',
      tags: ['recording'],
      params: { type: 'object', properties: { councilId: id, childId: id }, required: ['councilId', 'childId'] },
      body: {
        type: 'object', required: ['activityCode', 'happenedOn', 'time'],
        properties: {
          activityCode: { type: 'string', maxLength: 64 }, happenedOn: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD' }, time: { type: 'string', maxLength: 5, description: 'HH:MM, UK local time' },
          childSeen: { type: ['boolean', 'null'] }, seenAlone: { type: ['boolean', 'null'] }, attendees: { type: 'string', maxLength: 500 },
          minutes: { type: 'object', properties: { direct: { type: 'integer' }, travel: { type: 'integer' }, recording: { type: 'integer' }, meeting: { type: 'integer' } } },
          note: { type: 'string', maxLength: 10000 },
        },
      },
      response: { 400: errorBody, 401: errorBody, 404: errorBody },
    },
  }, async (request, reply) => {
    const b = request.body;
    const day = typeof b.happenedOn === 'string' && isoDay.test(b.happenedOn) ? b.happenedOn.split('-') : ['', '', ''];
    const yn = (v: unknown) => (v === true ? 'yes' : v === false ? 'no' : 'not_applicable');
    const m = (b.minutes ?? {}) as Record<string, unknown>;
    const mins = (v: unknown) => (v === undefined ? '' : String(v));
    const result = await recording.record(requestContext(request), request.params.childId, {
      activityCode: String(b.activityCode), year: day[0]!, month: day[1]!, day: day[2]!, time: String(b.time),
      childSeen: yn(b.childSeen), seenAlone: yn(b.seenAlone), attendees: typeof b.attendees === 'string' ? b.attendees : '',
      directMinutes: mins(m.direct), travelMinutes: mins(m.travel), recordingMinutes: mins(m.recording), meetingMinutes: mins(m.meeting),
      note: typeof b.note === 'string' ? b.note : '',
    }, request.params.councilId);
    return reply.code(201).send(result);
  });

  await webPages(app, (pages) => {
    const crumbs = (childId: string, name: string) => [{ text: 'Home', href: '/' }, { text: name, href: `/children/${encodeURIComponent(childId)}` }];

    pages.get<{ Params: { childId: string }; Querystring: { activity?: string } }>('/children/:childId/record', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const data = await recording.recordForm(ctx, request.params.childId);
      const activity = data.activities.some((a) => a.code === request.query.activity) ? request.query.activity : '';
      return renderPage(request, reply, 'recording/pages/record.njk', { ...toRecordView(data, blankForm(ctx.now, activity)), breadcrumbs: crumbs(data.childId, data.childName) });
    });

    pages.post<{ Params: { childId: string }; Body: Record<string, unknown> }>('/children/:childId/record', hidden, async (request, reply) => {
      const ctx = requestContext(request);
      const form = readRecordingForm(request.body ?? {});
      try {
        const result = await recording.record(ctx, request.params.childId, form);
        const q = new URLSearchParams(result.nextDue ? { next: result.nextDue.name, on: result.nextDue.dueOn } : {});
        return reply.code(303).redirect(`/children/${encodeURIComponent(request.params.childId)}/recorded?${q.toString()}`);
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        const data = await recording.recordForm(ctx, request.params.childId);
        return renderPage(request, reply, 'recording/pages/record.njk', { ...toRecordView(data, form, error.problems), breadcrumbs: crumbs(data.childId, data.childName) }, 400);
      }
    });

    pages.get<{ Params: { childId: string }; Querystring: { next?: string; on?: string } }>('/children/:childId/recorded', hidden, async (request, reply) => {
      const actor = requireActor(request);
      const childId = encodeURIComponent(request.params.childId);
      const next = typeof request.query.next === 'string' && typeof request.query.on === 'string' && isoDay.test(request.query.on)
        ? `Next ${request.query.next.slice(0, 80).toLowerCase()} due by ${formatDate(request.query.on)}.` : null;
      return renderPage(request, reply, 'recording/pages/recorded.njk', {
        title: 'Recorded', next, caseHref: `/children/${childId}`, recordHref: `/children/${childId}/record`, myWorkload: actor.practitionerId !== null,
      });
    });
  });
}

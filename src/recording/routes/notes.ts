import type { FastifyInstance } from 'fastify';
import { requestContext } from '../../platform/request.ts';
import { errorBody } from '../../platform/http.ts';
import { renderPage, webPages } from '../../platform/web/index.ts';
import { sendDownload } from '../../platform/web/downloads.ts';
import { documentPdf, tableCsv } from '../../standards/downloads.ts';
import { InvalidInputError } from '../../kernel/errors.ts';
import { readKinds } from '../model/chronology.ts';
import { readNoteForm, startingForm, toNoteFormView, toNotesView, type NoteFormPurpose } from '../pages/notes.ts';
import { chronologyPrint, chronologyTable, toChronologyView } from '../pages/chronology.ts';
import type { RecordingService } from '../service/index.ts';

const hidden = { schema: { hide: true } };
const id = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;
type ChildParams = { Params: { childId: string } };
type NoteParams = { Params: { childId: string; noteId: string } };

/** Case notes and the chronology: the pages, the downloads and the API. Access and audit are the recording service's. */
export async function registerNotes(app: FastifyInstance, recording: RecordingService): Promise<void> {
  const params = { type: 'object', properties: { councilId: id, childId: id }, required: ['councilId', 'childId'] } as const;
  app.get<{ Params: { councilId: string; childId: string } }>('/api/councils/:councilId/children/:childId/notes', {
    schema: { summary: 'A child’s case notes, newest first: each note’s latest version (managers also get the earlier versions), and the notes written with recorded visits, contacts and meetings', tags: ['recording'], params, response: { 401: errorBody, 404: errorBody } },
  }, async (request) => recording.listNotes(requestContext(request), request.params.childId, request.params.councilId));

  app.post<{ Params: { councilId: string; childId: string }; Body: Record<string, unknown> }>('/api/councils/:councilId/children/:childId/notes', {
    schema: {
      summary: 'Add a case note: a draft, or final at once (a final note never changes; correct it in the pages)',
      tags: ['recording'], params,
      body: {
        type: 'object', required: ['text', 'happenedOn'],
        properties: {
          type: { type: 'string', enum: ['case_note', 'manager_oversight', 'case_decision'] }, text: { type: 'string', maxLength: 20000 },
          happenedOn: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD: the day the note is about' }, significant: { type: 'boolean' }, final: { type: 'boolean' },
        },
      },
      response: { 400: errorBody, 401: errorBody, 404: errorBody },
    },
  }, async (request, reply) => {
    const b = request.body;
    const [year = '', month = '', day = ''] = typeof b.happenedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(b.happenedOn) ? b.happenedOn.split('-') : [];
    const result = await recording.addNote(requestContext(request), request.params.childId, {
      type: typeof b.type === 'string' ? b.type : 'case_note', text: String(b.text ?? ''), significant: b.significant === true ? 'yes' : '', day, month, year, reason: '',
    }, b.final === true, request.params.councilId);
    return reply.code(201).send(result);
  });

  app.get<{ Params: { councilId: string; childId: string }; Querystring: { kind?: string | string[] } }>('/api/councils/:councilId/children/:childId/chronology', {
    schema: { summary: 'A child’s chronology: significant events oldest first, each with its source; filter with kind (status, allocation, assessment, meeting, visit, court, note)', tags: ['recording'], params, response: { 401: errorBody, 404: errorBody } },
  }, async (request) => recording.chronology(requestContext(request), request.params.childId, readKinds(request.query.kind), 'api', request.params.councilId));

  await webPages(app, (pages) => {
    const crumbs = (childId: string, name: string, notes = true) => [
      { text: 'Home', href: '/' }, { text: name, href: `/children/${encodeURIComponent(childId)}` },
      ...(notes ? [{ text: 'Case notes', href: `/children/${encodeURIComponent(childId)}/notes` }] : []),
    ];
    const back = (childId: string, noteId?: string) => `/children/${encodeURIComponent(childId)}/notes${noteId ? `#note-${encodeURIComponent(noteId)}` : ''}`;

    pages.get<ChildParams>('/children/:childId/notes', hidden, async (request, reply) => {
      const data = await recording.listNotes(requestContext(request), request.params.childId);
      return renderPage(request, reply, 'recording/pages/notes.njk', { ...toNotesView(data), breadcrumbs: crumbs(data.childId, data.childName, false) });
    });

    const formPage = (purpose: NoteFormPurpose, path: string, load: (request: Parameters<typeof requestContext>[0], childId: string, noteId: string) => ReturnType<RecordingService['newNoteForm']>) => {
      pages.get<NoteParams>(path, hidden, async (request, reply) => {
        const ctx = requestContext(request);
        const data = await load(request, request.params.childId, request.params.noteId);
        return renderPage(request, reply, 'recording/pages/note-form.njk', { ...toNoteFormView(data, purpose, startingForm(ctx.now, data.note)), breadcrumbs: crumbs(data.childId, data.childName) });
      });
      pages.post<NoteParams & { Body: Record<string, unknown> }>(path, hidden, async (request, reply) => {
        const ctx = requestContext(request);
        const { childId, noteId } = request.params;
        const form = readNoteForm(request.body ?? {});
        const finalise = request.body?.finalise === 'yes';
        try {
          const saved = purpose === 'add' ? (await recording.addNote(ctx, childId, form, finalise)).noteId
            : purpose === 'edit' ? (await recording.saveDraft(ctx, childId, noteId, form, finalise), noteId)
            : (await recording.correctNote(ctx, childId, noteId, form), noteId);
          return reply.code(303).redirect(back(childId, saved));
        } catch (error) {
          if (!(error instanceof InvalidInputError) || error.problems.length === 0) throw error;
          const data = await load(request, childId, noteId);
          return renderPage(request, reply, 'recording/pages/note-form.njk', { ...toNoteFormView(data, purpose, form, error.problems), breadcrumbs: crumbs(data.childId, data.childName) }, 400);
        }
      });
    };
    formPage('add', '/children/:childId/notes/new', (request, childId) => recording.newNoteForm(requestContext(request), childId));
    formPage('edit', '/children/:childId/notes/:noteId/edit', (request, childId, noteId) => recording.draftForm(requestContext(request), childId, noteId));
    formPage('correct', '/children/:childId/notes/:noteId/correct', (request, childId, noteId) => recording.correctionForm(requestContext(request), childId, noteId));

    pages.post<NoteParams>('/children/:childId/notes/:noteId/final', hidden, async (request, reply) => {
      await recording.saveDraft(requestContext(request), request.params.childId, request.params.noteId, null, true);
      return reply.code(303).redirect(back(request.params.childId, request.params.noteId));
    });

    pages.get<ChildParams & { Querystring: { kind?: string | string[] } }>('/children/:childId/chronology', hidden, async (request, reply) => {
      const data = await recording.chronology(requestContext(request), request.params.childId, readKinds(request.query.kind));
      return renderPage(request, reply, 'recording/pages/chronology.njk', { ...toChronologyView(data), breadcrumbs: crumbs(data.childId, data.childName, false) });
    });

    pages.get<ChildParams & { Params: { format: string }; Querystring: { kind?: string | string[] } }>('/children/:childId/chronology/export.:format', hidden, async (request, reply) => {
      const format = request.params.format === 'pdf' ? 'pdf' : request.params.format === 'csv' ? 'csv' : null;
      if (!format) return reply.callNotFound();
      const data = await recording.chronology(requestContext(request), request.params.childId, readKinds(request.query.kind), format);
      const bytes = format === 'csv' ? tableCsv(chronologyTable(data)) : await documentPdf(chronologyPrint(data));
      return sendDownload(reply, format, `chronology-${data.childId}-${data.date}`, bytes);
    });
  });
}

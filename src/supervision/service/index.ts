/**
 * Supervision's use cases (issue 16), built once by the composition root. Recording a session,
 * a supervisee's page, one session, comments, and the council's policy.
 */
import type { Db } from '../../platform/database.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { SessionForm } from '../model/session.ts';
import { addComment, recordSession, sessionForm, sessionPage, superviseePage } from './sessions.ts';
import { readSettings, saveSettings } from './settings.ts';

export type { SuperviseePageData, SessionFormData, SessionPageData, StatusData } from './sessions.ts';
export type { SettingsData } from './settings.ts';

export function createSupervisionService(deps: { db: Db }) {
  const { db } = deps;
  return {
    superviseePage: (ctx: RequestContext, practitionerId: string, councilId?: string) => superviseePage(db, ctx, practitionerId, councilId),
    sessionForm: (ctx: RequestContext, practitionerId: string) => sessionForm(db, ctx, practitionerId),
    recordSession: (ctx: RequestContext, practitionerId: string, form: SessionForm, councilId?: string) => recordSession(db, ctx, practitionerId, form, councilId),
    sessionPage: (ctx: RequestContext, sessionId: string, councilId?: string) => sessionPage(db, ctx, sessionId, councilId),
    addComment: (ctx: RequestContext, sessionId: string, text: string, councilId?: string) => addComment(db, ctx, sessionId, text, councilId),
    readSettings: (ctx: RequestContext) => readSettings(db, ctx),
    saveSettings: (ctx: RequestContext, settings: unknown, note: string) => saveSettings(db, ctx, settings, note),
  };
}
export type SupervisionService = ReturnType<typeof createSupervisionService>;

/** The pulse's use cases, built once by the composition root. */
import type { Db } from '../../platform/database.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { answerPulse, pulseForm } from './answer.ts';
import { servicePulse, teamPulse } from './results.ts';

export { AlreadyAnsweredError, type PulseFormData } from './answer.ts';
export type { PulseResultsData, TeamPulseData, TeamResult } from './results.ts';

export function createPulseService(deps: { db: Db }) {
  const { db } = deps;
  return {
    form: (ctx: RequestContext, councilId?: string) => pulseForm(db, ctx, councilId),
    answer: (ctx: RequestContext, form: Record<string, unknown>, councilId?: string) => answerPulse(db, ctx, form, councilId),
    serviceResults: (ctx: RequestContext, month: string | undefined, councilId?: string) => servicePulse(db, ctx, month, undefined, councilId),
    /** The service table as a file: the same check and table, audited as an export naming the format. */
    serviceDownload: (ctx: RequestContext, month: string | undefined, format: string) => servicePulse(db, ctx, month, format),
    teamResults: (ctx: RequestContext, teamId: string, month: string | undefined, councilId?: string) => teamPulse(db, ctx, teamId, month, councilId),
  };
}
export type PulseService = ReturnType<typeof createPulseService>;

/** The national view's use cases (issue 17 item 5), built once by the composition root. */
import type { Db } from '../../platform/database.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { Progress } from '../../kernel/progress.ts';
import { councilReturn, type ReturnRequest } from './council-return.ts';
import { importReturns, type ReturnFile } from './imports.ts';
import { councilView, nationalView } from './view.ts';

export type { CouncilViewData, NationalViewData } from './view.ts';
export type { ReturnFile, ReturnImportResult } from './imports.ts';

export function createNationalService(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** The council's own return for a census date (in a council's tenant). */
    councilReturn: (ctx: RequestContext, request: ReturnRequest, progress?: Progress) => councilReturn(db, ctx, request, progress),
    /** Councils' returns into the national tenant: bad files rejected with reasons, the rest imported. */
    importReturns: (ctx: RequestContext, files: readonly ReturnFile[], progress?: Progress) => importReturns(db, ctx, files, progress),
    view: (ctx: RequestContext, year: string | undefined) => nationalView(db, ctx, year),
    download: (ctx: RequestContext, year: string | undefined, format: string) => nationalView(db, ctx, year, format),
    council: (ctx: RequestContext, code: string, year: string | undefined) => councilView(db, ctx, code, year),
  };
}
export type NationalService = ReturnType<typeof createNationalService>;

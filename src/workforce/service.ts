import type { Db } from '../platform/database.ts';
import { authorise } from '../access/service.ts';
import type { RequestContext } from '../kernel/context.ts';
import { NotFoundError } from '../kernel/errors.ts';
import * as store from './store.ts';

/** The council's teams with staff in post, FTE and vacant posts, for those who may see the workforce. */
async function listTeams(db: Db, ctx: RequestContext, councilId: string, date: string) {
  const council = await store.getCouncil(db, councilId);
  if (!council) throw new NotFoundError(`There is no council "${councilId}".`);
  await authorise(db, ctx.actor, 'read', { kind: 'council_workforce', councilId: council.council_id }, 'teams', ctx.origin);
  return { council, teams: await store.listTeams(db, council.council_id, date) };
}

/** The workforce area's use cases, built once by the composition root. */
export function createWorkforceService(deps: { db: Db }) {
  const { db } = deps;
  const councilNames = new Map<string, string>();
  return {
    listTeams: (ctx: RequestContext, councilId: string, date: string) => listTeams(db, ctx, councilId, date),
    /** Someone signed in sees their own council only. */
    ownCouncils: async (ctx: RequestContext) => (await store.listCouncils(db)).filter((c) => c.council_id === ctx.actor.councilId),
    /** The council's name for the page header (not personal data; cached for the process). */
    async councilName(councilId: string): Promise<string> {
      let name = councilNames.get(councilId);
      if (name === undefined) {
        name = (await store.getCouncil(db, councilId))?.name ?? 'Caseweight';
        councilNames.set(councilId, name);
      }
      return name;
    },
    listCouncils: () => store.listCouncils(db),
    getCouncil: (councilId: string) => store.getCouncil(db, councilId),
  };
}
export type WorkforceService = ReturnType<typeof createWorkforceService>;

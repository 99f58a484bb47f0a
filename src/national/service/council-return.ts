/**
 * A council's de-identified return for a census date (issue 17 item 5): read from the register
 * and the workload model through their stores and service, summed and suppressed by the pure
 * model, audited as an export. No person's row leaves this function.
 */
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorise } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { InvalidInputError, NotFoundError } from '../../kernel/errors.ts';
import { noProgress, stepper, type Progress } from '../../kernel/progress.ts';
import { computeWorkloads } from '../../workload/service/index.ts';
import * as workforceStore from '../../workforce/store.ts';
import { buildCouncilReturn } from '../model/figures.ts';
import { isRegion, REGION_NAMES, type CouncilReturn } from '../model/format.ts';
import { returnInputs, yearBefore } from '../model/inputs.ts';

export interface ReturnRequest {
  /** The census date, YYYY-MM-DD (30 September for the DfE's census). */
  date: string;
  /** The council's English region, as the national view groups councils. */
  region: string;
}

export async function councilReturn(db: Db, ctx: RequestContext, request: ReturnRequest, progress: Progress = noProgress, producedBy = 'Caseweight'): Promise<CouncilReturn> {
  const councilId = ctx.actor.councilId;
  await authorise(db, ctx.actor, 'read', { kind: 'council_return', councilId }, 'council return', ctx.origin);
  const region = request.region;
  if (!isRegion(region)) {
    throw new InvalidInputError(`"${request.region}" is not an English region. Give one of: ${REGION_NAMES.join(', ')}.`, [{ field: 'region', message: 'Choose the council’s region.' }]);
  }
  const steps = stepper(progress, 3);
  return db.transaction().execute(async (trx) => {
    const council = await workforceStore.getCouncil(trx, councilId);
    if (!council) throw new NotFoundError(`There is no council "${councilId}".`);
    steps.next('Computing workloads on the census date');
    const { results } = await computeWorkloads(trx, councilId, request.date);
    steps.next('Reading starters, leavers, absences and posts');
    const [movers, absences, posts] = await Promise.all([
      workforceStore.listPractitionersMovingIn(trx, councilId, yearBefore(request.date), request.date),
      workforceStore.listAbsences(trx, councilId, yearBefore(request.date), request.date),
      workforceStore.listPosts(trx, councilId),
    ]);
    steps.next('Summing and suppressing small groups');
    const inputs = returnInputs(request.date, {
      inPost: results.map(({ practitioner: p, workload: w }) => ({ ...p, cases: w.caseCount, band: w.band })),
      movers, absences, posts,
    });
    const document = buildCouncilReturn(inputs, { code: council.la_code ?? council.council_id, name: council.name, region, censusDate: request.date, producedBy });
    await recordAudit(trx, {
      councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, action: 'export', recordType: 'council_return', recordId: request.date,
      fields: `council return for ${request.date}: figures over groups, groups under 5 suppressed`, ip: ctx.origin.ip,
    }, ctx.now);
    steps.finish('Written');
    return document;
  });
}

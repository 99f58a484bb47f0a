/**
 * Sufficiency and the safe range (issue 17 items 3 and 4): one read of the register through the
 * owning areas' read functions, the workload model over it, then this area's pure model. No
 * child-level data leaves: only counts and hours. Each view or download is audited.
 */
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorise } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import { dayFromIso } from '../../kernel/calendar.ts';
import { toCaseInputs } from '../../cases/model/index.ts';
import * as casesStore from '../../cases/store.ts';
import * as workforceStore from '../../workforce/store.ts';
import { toPractitionerInput } from '../../workforce/model.ts';
import { caseloadDemand, type CaseDemand, type CaseInput } from '../../workload/model/index.ts';
import { activeEpisodes } from '../../workload/model/episodes.ts';
import { loadModelContext, loadWorkloadInputs, runWorkloads } from '../../workload/service/index.ts';
import {
  caseMix, forecastDemand, monthlyOpenCases, NO_CHANGE, safeRange, sensitivities, staffFigure, sufficiency,
  type CaseMix, type DemandForecast, type Establishment, type MonthCount, type SafeRange, type Sensitivity, type Sufficiency, type WhatIf,
} from '../model/index.ts';

export interface SufficiencyData {
  councilId: string;
  date: string;
  configVersion: number;
  greenUpTo: number;
  /** Open cases with no worker in post holding them: counted in demand, shown apart. */
  unallocated: { cases: number; hours: number };
  mix: Omit<CaseMix, 'activityUnits'>;
  safe: SafeRange;
  sensitivities: Sensitivity[];
  history: MonthCount[];
  forecast: DemandForecast;
  /** As things are; and, when a what-if is asked, with it. */
  current: Sufficiency;
  whatIf: WhatIf;
  withWhatIf: Sufficiency | null;
}

async function wholeCouncilRecords(db: Db, councilId: string) {
  const r = await casesStore.loadCaseRecords(db, councilId);
  return [r.children, r.episodes, r.factors] as const;
}

/** The whole computation for one council and date, with no access check or audit: the benchmark's and the service's core. */
export async function computeSufficiency(db: Db, councilId: string, date: string, whatIf: WhatIf = NO_CHANGE): Promise<SufficiencyData> {
  if (!(await workforceStore.getCouncil(db, councilId))) throw new NotFoundError(`There is no council "${councilId}".`);
  const ctx = await loadModelContext(db, councilId);
  const { config, calendar } = ctx;
  const day = dayFromIso(date);
  const [inputs, posts] = await Promise.all([loadWorkloadInputs(db, councilId, date, config.horizonDays), workforceStore.listPosts(db, councilId)]);
  const results = runWorkloads(inputs, ctx);
  const held: CaseDemand[] = results.flatMap((r) => r.workload.demand.cases);
  const heldIds = new Set(held.map((c) => c.childId));
  // The whole council's cases, as the workload read loaded them (held or not).
  const cases = [...(inputs.cases ?? toCaseInputs(...(await wholeCouncilRecords(db, councilId)))).values()];
  // Open today but held by nobody in post (waiting, or with a worker who has left): work all the same.
  const waiting: CaseInput[] = cases.filter((c) => !heldIds.has(c.childId) && activeEpisodes(c.episodes, day).size > 0);
  const waitingDemand = caseloadDemand(waiting, day, ctx);
  // Work handed to business support (tasks) is no longer the social workers' to hold.
  const handedOff = results.flatMap((r) => r.workload.demand.handedOff ?? []);
  const mix = caseMix([...held, ...waitingDemand.cases], config, handedOff);
  const history = monthlyOpenCases(cases, day);
  const forecast = forecastDemand(history);
  // The same capacity input the workloads used, recorded supervision included where there is any.
  const staff = inputs.practitioners.map((p) => {
    const input = toPractitionerInput(p, inputs.absencesBy.get(p.practitioner_id) ?? []);
    const supervision = inputs.supervisionBy?.get(p.practitioner_id);
    return staffFigure(supervision ? { ...input, supervision } : input, p.agency, day, config, calendar);
  });
  const establishment: Establishment = {
    fte: posts.reduce((s, p) => s + Number(p.fte), 0),
    vacantFte: posts.filter((p) => p.status === 'vacant').reduce((s, p) => s + Number(p.fte), 0),
    coveredFte: posts.filter((p) => p.status === 'vacant' && p.covered_by !== null).reduce((s, p) => s + Number(p.fte), 0),
  };
  const green = config.bands.greenUpTo;
  const asked = whatIf.fillVacancies || whatIf.halveAgency || whatIf.demandUp > 0;
  const { activityUnits: _units, ...mixShown } = mix;
  return {
    councilId, date, configVersion: ctx.version, greenUpTo: green,
    unallocated: { cases: waitingDemand.cases.filter((c) => c.statuses.length > 0).length, hours: waitingDemand.total.central },
    mix: mixShown,
    safe: safeRange(mix, config, day, calendar),
    sensitivities: sensitivities(mix, config, day, calendar),
    history,
    forecast,
    current: sufficiency(mix, forecast, staff, establishment, green),
    whatIf,
    withWhatIf: asked ? sufficiency(mix, forecast, staff, establishment, green, whatIf) : null,
  };
}

/**
 * The sufficiency figures for someone allowed to see them: access first (a refusal is an audited
 * 404), then one transaction for the read and its audit event. `download` names the file and table.
 */
export async function loadSufficiency(db: Db, ctx: RequestContext, date: string, whatIf: WhatIf, download?: string, councilId: string = ctx.actor.councilId): Promise<SufficiencyData> {
  if (councilId !== ctx.actor.councilId) throw new NotFoundError('There is nothing here that you can see.');
  await authorise(db, ctx.actor, 'read', { kind: 'sufficiency', councilId }, download ? `sufficiency (${download} download)` : 'sufficiency', ctx.origin);
  return db.transaction().execute(async (trx) => {
    const data = await computeSufficiency(trx, councilId, date, whatIf);
    await recordAudit(trx, {
      councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, action: download ? 'export' : 'read', recordType: 'sufficiency', recordId: date,
      fields: `sufficiency and the safe range: council totals only${download ? `, ${download} download` : ''}`, ip: ctx.origin.ip,
    }, ctx.now);
    return data;
  });
}

/** The sufficiency area's use cases, built once by the composition root. */
export function createSufficiencyService(deps: { db: Db }) {
  const { db } = deps;
  return {
    page: (ctx: RequestContext, date: string, whatIf: WhatIf, councilId?: string) => loadSufficiency(db, ctx, date, whatIf, undefined, councilId),
    /** A table of the page as a file: the same check and figures, audited as an export naming the table and format. */
    download: (ctx: RequestContext, date: string, whatIf: WhatIf, what: string) => loadSufficiency(db, ctx, date, whatIf, what),
  };
}
export type SufficiencyService = ReturnType<typeof createSufficiencyService>;

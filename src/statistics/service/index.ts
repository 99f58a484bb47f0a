import type { Db } from '../../platform/database.ts';
import type { Actor } from '../../access/model/index.ts';
import { decide } from '../../access/model/index.ts';
import { authorise, type Origin } from '../../access/service.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { addMonths, dayFromIso, isoFromDay } from '../../workload/model/index.ts';
import { computeWorkloads } from '../../workload/service/index.ts';
import { listTeams } from '../../workforce/store.ts';
import { listSnapshots } from '../store.ts';
import { getCensusOnOrBefore } from '../../exchange/store.ts';
import { onTimeByTeam } from '../../supervision/service/status.ts';
import type { ServicePageData } from '../pages/service.ts';

const TREND_MONTHS = 3;

/**
 * The service view: every team's figures (no child-level data, so no per-child audit), with the
 * daily snapshots for trends. Access is decided first; a refusal is an audited 404.
 */
export async function loadServicePage(db: Db, actor: Actor, origin: Origin, date: string, download?: string): Promise<ServicePageData> {
  await authorise(db, actor, 'read', { kind: 'statistics', councilId: actor.councilId }, download ? `service view (${download} download)` : 'service view', origin);
  return db.transaction().execute(async (trx) => loadServiceFigures(trx, actor, origin, date, download));
}

async function loadServiceFigures(db: Db, actor: Actor, origin: Origin, date: string, download?: string): Promise<ServicePageData> {
  // Figures that leave as a file are recorded (who took which council's figures, for which date), in the read's transaction.
  if (download) {
    await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'export', recordType: 'statistics', recordId: date, fields: `service view: ${download} download`, ip: origin.ip });
  }
  const from = isoFromDay(addMonths(dayFromIso(date), -TREND_MONTHS));
  const { ctx, results } = await computeWorkloads(db, actor.councilId, date);
  const [teams, snapshots, census, supervision] = await Promise.all([
    listTeams(db, actor.councilId, date), listSnapshots(db, actor.councilId, from, date), getCensusOnOrBefore(db, actor.councilId, date), onTimeByTeam(db, actor.councilId, date),
  ]);
  return {
    date,
    configVersion: ctx.version,
    bands: { greenUpTo: ctx.config.bands.greenUpTo, amberUpTo: ctx.config.bands.amberUpTo },
    // A team is a link only for those who may open it (the policy's answer, not a role check here).
    teams: teams.map((t) => ({ teamId: t.team_id, name: t.name, service: t.service, vacancies: t.vacancies, openable: decide(actor, 'read', { kind: 'team_workload', councilId: actor.councilId, teamId: t.team_id }).allowed })),
    people: results.map(({ practitioner: p, workload: w }) => ({
      teamId: p.team_id, role: p.role, fte: p.fte, agency: p.agency, inAsye: w.capacity.inAsye, cases: w.caseCount,
      demandCentral: w.demand.total.central, caseworkHours: w.capacity.caseworkHours, band: w.band,
    })),
    snapshots: snapshots.map((s) => ({ date: s.snapshot_date, role: s.role, fte: s.fte, cases: s.cases, band: s.band })),
    // Counts only: no worker's number or name leaves the census here.
    supervision,
    sufficiency: decide(actor, 'read', { kind: 'sufficiency', councilId: actor.councilId }).allowed,
    census: census ? { censusDate: census.censusDate, workers: census.workers.map((w) => ({ cases30: w.cases30, fte: w.fte, fte30: w.fte30, agency: w.agency })) } : null,
  };
}

/** The statistics area's use cases, built once by the composition root. */
export function createStatisticsService(deps: { db: Db }) {
  const { db } = deps;
  return {
    servicePage: (ctx: RequestContext, date: string) => loadServicePage(db, ctx.actor, ctx.origin, date),
    /** The service view's data for a download: the same check, and an export event naming the format. */
    serviceDownload: (ctx: RequestContext, date: string, format: string) => loadServicePage(db, ctx.actor, ctx.origin, date, format),
  };
}
export type StatisticsService = ReturnType<typeof createStatisticsService>;

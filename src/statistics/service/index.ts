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
import type { CaseloadFteBasis } from '../model.ts';
import { agencyCheck, councilMeasures, type AgencyCheck, type CouncilMeasures } from './measures.ts';

const TREND_MONTHS = 3;

/**
 * The service view: every team's figures (no child-level data, so no per-child audit), with the
 * daily snapshots for trends. Access is decided first; a refusal is an audited 404.
 */
export async function loadServicePage(db: Db, actor: Actor, origin: Origin, date: string, download?: string, basis: CaseloadFteBasis = 'FTE30'): Promise<ServicePageData> {
  await authorise(db, actor, 'read', { kind: 'statistics', councilId: actor.councilId }, download ? `service view (${download} download)` : 'service view', origin);
  return db.transaction().execute(async (trx) => loadServiceFigures(trx, actor, origin, date, download, basis));
}

async function loadServiceFigures(db: Db, actor: Actor, origin: Origin, date: string, download: string | undefined, basis: CaseloadFteBasis): Promise<ServicePageData> {
  // Figures that leave as a file are recorded (who took which council's figures, for which date), in the read's transaction.
  if (download) {
    await recordAudit(db, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'export', recordType: 'statistics', recordId: date, fields: `service view: ${download} download`, ip: origin.ip });
  }
  const from = isoFromDay(addMonths(dayFromIso(date), -TREND_MONTHS));
  const workloads = await computeWorkloads(db, actor.councilId, date);
  const { ctx, results } = workloads;
  const [teams, snapshots, census, supervision, measures] = await Promise.all([
    listTeams(db, actor.councilId, date), listSnapshots(db, actor.councilId, from, date), getCensusOnOrBefore(db, actor.councilId, date), onTimeByTeam(db, actor.councilId, date),
    councilMeasures(db, actor.councilId, date, basis, workloads),
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
    measures,
    agencyRulesOpenable: decide(actor, 'read', { kind: 'agency_rules', councilId: actor.councilId }).allowed,
    supervision,
    sufficiency: decide(actor, 'read', { kind: 'sufficiency', councilId: actor.councilId }).allowed,
    census: census ? { censusDate: census.censusDate, workers: census.workers.map((w) => ({ cases30: w.cases30, fte: w.fte, fte30: w.fte30, agency: w.agency })) } : null,
  };
}

/** The council's DfE indicators and what the caseload hides, for the API: the statistics check first. */
async function loadMeasures(db: Db, actor: Actor, origin: Origin, councilId: string, date: string, basis: CaseloadFteBasis): Promise<CouncilMeasures> {
  await authorise(db, actor, 'read', { kind: 'statistics', councilId }, 'workforce measures', origin);
  return councilMeasures(db, councilId, date, basis);
}

/**
 * The agency rules checked worker by worker: names and engagements, so only for those the policy
 * allows (the head of service); the read is audited, a download as an export, in one transaction.
 */
async function loadAgencyRules(db: Db, actor: Actor, origin: Origin, councilId: string, date: string, download?: string): Promise<AgencyCheck> {
  await authorise(db, actor, 'read', { kind: 'agency_rules', councilId }, download ? `agency rules (${download} download)` : 'agency rules', origin);
  return db.transaction().execute(async (trx) => {
    const check = await agencyCheck(trx, councilId, date);
    await recordAudit(trx, {
      councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: download ? 'export' : 'read', recordType: 'agency_engagements', recordId: date,
      fields: `agency rules: ${check.findings.length} findings over ${check.engagements} engagements${download ? ` (${download} download)` : ''}`, ip: origin.ip,
    });
    return check;
  });
}

/** The statistics area's use cases, built once by the composition root. */
export function createStatisticsService(deps: { db: Db }) {
  const { db } = deps;
  return {
    servicePage: (ctx: RequestContext, date: string, basis: CaseloadFteBasis = 'FTE30') => loadServicePage(db, ctx.actor, ctx.origin, date, undefined, basis),
    /** The service view's data for a download: the same check, and an export event naming the format. */
    serviceDownload: (ctx: RequestContext, date: string, format: string, basis: CaseloadFteBasis = 'FTE30') => loadServicePage(db, ctx.actor, ctx.origin, date, format, basis),
    measures: (ctx: RequestContext, councilId: string, date: string, basis: CaseloadFteBasis) => loadMeasures(db, ctx.actor, ctx.origin, councilId, date, basis),
    agencyRules: (ctx: RequestContext, councilId: string, date: string, download?: string) => loadAgencyRules(db, ctx.actor, ctx.origin, councilId, date, download),
  };
}
export type StatisticsService = ReturnType<typeof createStatisticsService>;

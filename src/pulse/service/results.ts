/**
 * The pulse's aggregates beside the modelled workload. Every view takes its rows from one
 * published table per council and month (model/publish.ts): the same teams (all of the council's),
 * the same month (ended, so frozen), whoever asks and whichever page, download or API answer it
 * is. No answer row leaves this file. Each view is audited as a read (or export) of aggregates.
 */
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorise } from '../../access/service.ts';
import { decide } from '../../access/model/index.ts';
import { today, type RequestContext } from '../../kernel/context.ts';
import { InvalidInputError, NotFoundError } from '../../kernel/errors.ts';
import { computeWorkloads } from '../../workload/service/index.ts';
import { getTeam, listTeams } from '../../workforce/store.ts';
import { compare, modelledTeam, type Agreement, type ModelledTeam } from '../model/compare.ts';
import { isMonth, lastDayOf, monthName, monthOf, publishedMonths, type Month } from '../model/months.ts';
import { MIN_GROUP, publishMonth, type GroupFigures, type PublishedMonth, type TeamCell } from '../model/publish.ts';
import * as store from '../store/index.ts';

/** How many ended months the pages offer. */
export const MONTHS_SHOWN = 6;

export interface TeamResult {
  teamId: string;
  name: string;
  /** Staff in post on the month's last day. */
  staff: number;
  cell: TeamCell;
  modelled: ModelledTeam;
  agreement: Agreement;
  /** Whether this viewer may open the team's own pulse page. */
  openable: boolean;
}

export interface PulseResultsData {
  month: Month;
  months: Month[];
  minGroup: number;
  /** The safe band's top, for the comparison's wording. */
  greenUpTo: number;
  service: GroupFigures | null;
  teams: TeamResult[];
}

export interface TeamPulseData extends PulseResultsData {
  team: TeamResult;
  /** The same team in each ended month, newest first (each month its own published table). */
  history: { month: Month; cell: TeamCell }[];
}

/** The month asked for, if it has ended; otherwise an error saying which months there are. */
export function resolveMonth(ctx: RequestContext, month: string | undefined): Month {
  const open = monthOf(today(ctx));
  if (month === undefined || month === '') return publishedMonths(today(ctx), 1)[0]!;
  if (!isMonth(month)) throw new InvalidInputError('Enter the month as year and month, like 2026-03.', [{ field: 'month', message: 'Enter the month as year and month, like 2026-03.' }]);
  if (month >= open) throw new InvalidInputError(`Answers for ${monthName(month)} are shown once the month has ended.`, [{ field: 'month', message: `Answers for ${monthName(month)} are shown once the month has ended.` }]);
  return month;
}

async function publishedTable(db: Db, councilId: string, month: Month): Promise<PublishedMonth> {
  const [answers, teams] = await Promise.all([store.listAnswers(db, councilId, month), listTeams(db, councilId, lastDayOf(month))]);
  return publishMonth(month, answers, teams.map((t) => t.team_id));
}

async function resultsFor(db: Db, ctx: RequestContext, month: Month, teamId?: string): Promise<PulseResultsData> {
  const councilId = ctx.actor.councilId;
  const date = lastDayOf(month);
  const [table, teams, workloads] = await Promise.all([
    publishedTable(db, councilId, month), listTeams(db, councilId, date), computeWorkloads(db, councilId, date, teamId),
  ]);
  const greenUpTo = workloads.ctx.config.bands.greenUpTo;
  const people = workloads.results.map((r) => ({ teamId: r.practitioner.team_id, band: r.workload.band, ratio: r.workload.ratio?.central ?? null }));
  const shownTeams = teams.filter((t) => teamId === undefined || t.team_id === teamId);
  return {
    month, months: publishedMonths(today(ctx), MONTHS_SHOWN), minGroup: MIN_GROUP, greenUpTo, service: table.service,
    teams: shownTeams.map((t) => {
      const cell = table.teams.find((c) => c.teamId === t.team_id)!;
      const modelled = modelledTeam(people.filter((p) => p.teamId === t.team_id));
      return {
        teamId: t.team_id, name: t.name, staff: t.practitioners, cell, modelled,
        agreement: compare(modelled, cell.shown ? cell.figures : null, greenUpTo),
        openable: decide(ctx.actor, 'read', { kind: 'pulse_results', councilId, teamId: t.team_id }).allowed,
      };
    }),
  };
}

/** Every team's published figures and the service's, beside each team's modelled workload. */
export async function servicePulse(db: Db, ctx: RequestContext, monthAsked: string | undefined, download?: string, councilId: string = ctx.actor.councilId): Promise<PulseResultsData> {
  if (councilId !== ctx.actor.councilId) throw new NotFoundError('There is nothing here that you can see.');
  await authorise(db, ctx.actor, 'read', { kind: 'pulse_results', councilId }, download ? `pulse results (${download} download)` : 'pulse results', ctx.origin);
  const month = resolveMonth(ctx, monthAsked);
  return db.transaction().execute(async (trx) => {
    const data = await resultsFor(trx, ctx, month);
    await recordAudit(trx, {
      councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, action: download ? 'export' : 'read', recordType: 'pulse_results', recordId: month,
      fields: `pulse: service and team aggregates for ${month} (groups of ${MIN_GROUP} or more)${download ? `, ${download} download` : ''}`, ip: ctx.origin.ip,
    }, ctx.now);
    return data;
  });
}

/** One team's published figures (and the service's), its modelled workload, and its earlier months. */
export async function teamPulse(db: Db, ctx: RequestContext, teamId: string, monthAsked: string | undefined, councilId: string = ctx.actor.councilId): Promise<TeamPulseData> {
  if (councilId !== ctx.actor.councilId) throw new NotFoundError(`There is no team "${teamId}" that you can see.`);
  await authorise(db, ctx.actor, 'read', { kind: 'pulse_results', councilId, teamId }, 'team pulse results', ctx.origin);
  const month = resolveMonth(ctx, monthAsked);
  return db.transaction().execute(async (trx) => {
    if (!(await getTeam(trx, councilId, teamId))) throw new NotFoundError(`There is no team "${teamId}" in this council.`);
    const data = await resultsFor(trx, ctx, month, teamId);
    const history = [];
    for (const m of data.months) history.push({ month: m, cell: (await publishedTable(trx, councilId, m)).teams.find((c) => c.teamId === teamId)! });
    await recordAudit(trx, {
      councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, action: 'read', recordType: 'pulse_results', recordId: teamId,
      fields: `pulse: team aggregates for ${month} and the ${data.months.length} months before now (groups of ${MIN_GROUP} or more)`, ip: ctx.origin.ip,
    }, ctx.now);
    return { ...data, team: data.teams[0]!, history };
  });
}

/**
 * The national view: figures recomputed from the returns held (the model sums numerators and
 * denominators, then rounds), each council's position, regions and trends. The returns hold no
 * person, so a read is audited as a read of aggregates.
 */
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorise } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { InvalidInputError, NotFoundError } from '../../kernel/errors.ts';
import {
  caseloadHistogram, councilPositions, nationalCaseloadBands, nationalTrend, regionalFigures, sumMeasures,
  type CouncilPosition, type MeasureFigure, type NationalYear, type RegionFigures,
} from '../model/aggregate.ts';
import type { CouncilReturn } from '../model/format.ts';
import * as store from '../store.ts';

export interface NationalViewData {
  years: number[];
  /** The census year shown (null: no returns yet). */
  year: number | null;
  returns: number;
  measures: MeasureFigure[];
  trend: NationalYear[];
  regions: RegionFigures[];
  councils: CouncilPosition[];
  histogram: { from: number; councils: number }[];
  bands: ReturnType<typeof nationalCaseloadBands>;
  imports: Awaited<ReturnType<typeof store.listImports>>;
}

export interface CouncilViewData {
  year: number;
  council: CouncilPosition;
  document: CouncilReturn;
  region: RegionFigures | undefined;
  national: MeasureFigure[];
  /** Councils with a return that year. */
  councils: number;
  /** The council's own figures in each year it sent a return. */
  history: { censusYear: number; measures: CouncilReturn['measures'] }[];
}

function chooseYear(years: readonly number[], asked: string | undefined): number | null {
  if (asked === undefined || asked === '') return years.at(-1) ?? null;
  const year = Number(asked);
  if (!/^\d{4}$/.test(asked) || !years.includes(year)) {
    const message = years.length ? `There are returns for ${years.join(', ')}: choose one of those years.` : 'There are no returns yet.';
    throw new InvalidInputError(message, [{ field: 'year', message }]);
  }
  return year;
}

export function viewOf(all: readonly CouncilReturn[], year: number | null): Omit<NationalViewData, 'imports'> {
  const years = [...new Set(all.map((r) => r.censusYear))].sort((a, b) => a - b);
  const mine = all.filter((r) => r.censusYear === year);
  const councils = councilPositions(mine);
  return {
    years, year, returns: mine.length, measures: sumMeasures(mine), trend: nationalTrend(all), regions: regionalFigures(mine),
    councils, histogram: caseloadHistogram(councils), bands: nationalCaseloadBands(mine),
  };
}

export async function nationalView(db: Db, ctx: RequestContext, yearAsked: string | undefined, download?: string): Promise<NationalViewData> {
  const councilId = ctx.actor.councilId;
  await authorise(db, ctx.actor, 'read', { kind: 'national_returns', councilId }, download ? `national view (${download} download)` : 'national view', ctx.origin);
  return db.transaction().execute(async (trx) => {
    const all = await store.listReturns(trx, councilId);
    const years = [...new Set(all.map((r) => r.censusYear))].sort((a, b) => a - b);
    const year = chooseYear(years, yearAsked);
    const view = viewOf(all, year);
    await recordAudit(trx, {
      councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, action: download ? 'export' : 'read', recordType: 'national_returns', recordId: year === null ? null : String(year),
      fields: `national view: figures from ${view.returns} council returns${download ? `, ${download} download` : ''}`, ip: ctx.origin.ip,
    }, ctx.now);
    return { ...view, imports: await store.listImports(trx, councilId, 10) };
  });
}

export async function councilView(db: Db, ctx: RequestContext, code: string, yearAsked: string | undefined): Promise<CouncilViewData> {
  const councilId = ctx.actor.councilId;
  await authorise(db, ctx.actor, 'read', { kind: 'national_returns', councilId }, 'national view: one council', ctx.origin);
  return db.transaction().execute(async (trx) => {
    const all = await store.listReturns(trx, councilId);
    const years = [...new Set(all.filter((r) => r.council.code === code).map((r) => r.censusYear))].sort((a, b) => a - b);
    if (years.length === 0) throw new NotFoundError(`There is no return from a council "${code}".`);
    const year = chooseYear(years, yearAsked)!;
    const view = viewOf(all, year);
    const document = all.find((r) => r.censusYear === year && r.council.code === code)!;
    await recordAudit(trx, {
      councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, action: 'read', recordType: 'national_returns', recordId: `${code}:${year}`,
      fields: `national view: ${code}'s return for ${year} and its position`, ip: ctx.origin.ip,
    }, ctx.now);
    return {
      year, council: view.councils.find((c) => c.code === code)!, document, region: view.regions.find((r) => r.region === document.council.region),
      national: view.measures, councils: view.returns,
      history: all.filter((r) => r.council.code === code).map((r) => ({ censusYear: r.censusYear, measures: r.measures })),
    };
  });
}

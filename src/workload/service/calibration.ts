/**
 * Calibrating the model from recorded time: for each activity, what was recorded against what
 * the model assumes, and a proposed new version a system administrator previews and saves or
 * rejects. Nothing changes the model without a person. The report is aggregate (no child-level
 * data), audited as one read.
 */
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { decide } from '../../access/model/index.ts';
import { authorise } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import * as recordingStore from '../../recording/store/index.ts';
import * as workforceStore from '../../workforce/store.ts';
import {
  calibrate, calibrateCaseworkShare, calibrateCaseworkTime, draftCalibratedConfig, englandCalendar, personMonthSamples,
  type CalibrationReport, type CaseworkShareCalibration, type CaseworkTimeCalibration, type CaseworkTimeSample, type WorkloadConfig,
} from '../model/index.ts';
import { toPractitionerInput } from '../../workforce/model.ts';
import { ukDay } from '../../kernel/time.ts';
import { loadModelContext } from './index.ts';

/** Recorded time over the past year counts. */
const WINDOW_DAYS = 365;

/** The key that includes the share of time casework gets in a draft, beside the activities' codes. */
export const CASEWORK_TIME_KEY = 'casework_time';

export interface CalibrationData {
  version: number;
  report: CalibrationReport;
  since: string;
  canPropose: boolean;
  /** Each role's share of available time recorded on cases, per person-month: evidence for the casework share. */
  share: CaseworkShareCalibration[];
  /** The share of available time casework gets, pooled across case-holding roles, with its proposal. */
  caseworkTime: CaseworkTimeCalibration;
  /** The draft version the chosen proposals make (null when none is proposed or chosen). */
  draft: WorkloadConfig | null;
  /** Every proposal there is (activity codes, and CASEWORK_TIME_KEY), and those in the draft. */
  proposalKeys: string[];
  included: string[];
  current: WorkloadConfig;
}

/**
 * `include` chooses the proposals in the draft. Without it every activity's proposal is in and
 * the share of time casework gets is not: that share is only as good as the recording of all
 * casework, which a council has to judge before it halves or doubles everyone's capacity.
 */
export async function calibrationReport(db: Db, ctx: RequestContext, councilId: string = ctx.actor.councilId, include?: ReadonlySet<string>): Promise<CalibrationData> {
  const { actor, origin } = ctx;
  const resource = { kind: 'workload_config', councilId } as const;
  await authorise(db, actor, 'read', resource, 'model calibration', origin);
  return db.transaction().execute(async (trx) => {
    const since = new Date(ctx.now.getTime() - WINDOW_DAYS * 86_400_000);
    const [model, time] = await Promise.all([loadModelContext(trx, actor.councilId), recordingStore.listRecordedTime(trx, actor.councilId, since)]);
    const people = await workforceStore.listPractitionersByIds(trx, actor.councilId, [...new Set(time.map((t) => t.practitioner_id).filter((p) => p !== null))]);
    const absences = await workforceStore.listAbsences(trx, actor.councilId, since.toISOString().slice(0, 10), ukDay(ctx.now), people.map((p) => p.practitioner_id));
    const teamOf = new Map(people.map((p) => [p.practitioner_id, p.team_id]));
    const report = calibrate(time.map((t) => ({ activityCode: t.activity_code, hours: t.minutes / 60, ...(t.practitioner_id && teamOf.has(t.practitioner_id) ? { teamId: teamOf.get(t.practitioner_id)! } : {}) })), model.config);
    const months = personMonths(time, people, absences, model.config, ctx.now);
    const share = calibrateCaseworkShare(months, model.config);
    const caseworkTime = calibrateCaseworkTime(months, model.config);
    const proposalKeys = [...report.council.filter((a) => a.proposal !== null).map((a) => a.activityCode), ...(caseworkTime.proposal ? [CASEWORK_TIME_KEY] : [])];
    const chosen = include ?? new Set(proposalKeys.filter((k) => k !== CASEWORK_TIME_KEY));
    const included = proposalKeys.filter((k) => chosen.has(k));
    const draft = draftCalibratedConfig(model.config, report.council.filter((a) => chosen.has(a.activityCode)), chosen.has(CASEWORK_TIME_KEY) ? caseworkTime : undefined);
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'read', recordType: 'workload_config', recordId: String(model.version), fields: `model calibration from ${time.length} recordings`, ip: origin.ip }, ctx.now);
    return { version: model.version, report, since: since.toISOString().slice(0, 10), canPropose: decide(actor, 'write', resource).allowed, share, caseworkTime, draft: draft === model.config ? null : draft, proposalKeys, included, current: model.config };
  });
}

/** The recorded time and the people, as the model's person-months take them. */
function personMonths(
  time: readonly { practitioner_id: string | null; minutes: number; happened_at: Date }[],
  people: readonly Parameters<typeof toPractitionerInput>[0][], absences: Parameters<typeof toPractitionerInput>[1], config: WorkloadConfig, now: Date,
): CaseworkTimeSample[] {
  return personMonthSamples(
    time.flatMap((t) => (t.practitioner_id === null ? [] : [{ practitionerId: t.practitioner_id, minutes: t.minutes, month: ukDay(t.happened_at).slice(0, 7) }])),
    people.map((p) => toPractitionerInput(p, absences)),
    config, englandCalendar(), ukDay(now).slice(0, 7),
  );
}

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
import { calibrate, draftCalibratedConfig, type CalibrationReport, type WorkloadConfig } from '../model/index.ts';
import { loadModelContext } from './index.ts';

/** Recorded time over the past year counts. */
const WINDOW_DAYS = 365;

export interface CalibrationData {
  version: number;
  report: CalibrationReport;
  since: string;
  canPropose: boolean;
  /** The draft version the proposals make (null when nothing is proposed). */
  draft: WorkloadConfig | null;
  current: WorkloadConfig;
}

export async function calibrationReport(db: Db, ctx: RequestContext, councilId: string = ctx.actor.councilId): Promise<CalibrationData> {
  const { actor, origin } = ctx;
  const resource = { kind: 'workload_config', councilId } as const;
  await authorise(db, actor, 'read', resource, 'model calibration', origin);
  return db.transaction().execute(async (trx) => {
    const since = new Date(ctx.now.getTime() - WINDOW_DAYS * 86_400_000);
    const [model, time] = await Promise.all([loadModelContext(trx, actor.councilId), recordingStore.listRecordedTime(trx, actor.councilId, since)]);
    const people = await workforceStore.listPractitionersByIds(trx, actor.councilId, [...new Set(time.map((t) => t.practitioner_id).filter((p) => p !== null))]);
    const teamOf = new Map(people.map((p) => [p.practitioner_id, p.team_id]));
    const report = calibrate(time.map((t) => ({ activityCode: t.activity_code, hours: t.minutes / 60, ...(t.practitioner_id && teamOf.has(t.practitioner_id) ? { teamId: teamOf.get(t.practitioner_id)! } : {}) })), model.config);
    const draft = draftCalibratedConfig(model.config, report.council);
    await recordAudit(trx, { councilId: actor.councilId, actorUserId: actor.userId, actorRoles: actor.roles, action: 'read', recordType: 'workload_config', recordId: String(model.version), fields: `model calibration from ${time.length} recordings`, ip: origin.ip }, ctx.now);
    return { version: model.version, report, since: since.toISOString().slice(0, 10), canPropose: decide(actor, 'write', resource).allowed, draft: draft === model.config ? null : draft, current: model.config };
  });
}

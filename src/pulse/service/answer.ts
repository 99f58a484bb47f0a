/**
 * Answering the monthly pulse. The person is asked the access policy first, like every use case;
 * what is kept is an anonymous answer (team, month, answers) and, apart from it, that they have
 * answered this month (src/pulse/store explains why the two cannot be joined).
 *
 * The audit trail: answering writes one event that an answer was added to the month, without the
 * person, their roles or their address. The audit log is open to team managers for their teams; an
 * event naming the person would tell a manager who took part and when, which is exactly what an
 * anonymous pulse must not do. Opening the form reads only the person's own "have I answered", so
 * it writes no event either. Each view of the aggregates is audited (results.ts).
 */
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorise } from '../../access/service.ts';
import { today, type RequestContext } from '../../kernel/context.ts';
import { InvalidInputError, NotFoundError } from '../../kernel/errors.ts';
import { ukDayStart } from '../../kernel/time.ts';
import { getPractitioner } from '../../workforce/store.ts';
import { monthOf, type Month } from '../model/months.ts';
import { checkAnswers } from '../model/questions.ts';
import * as store from '../store/index.ts';

/** A second answer to the same month: 409, in words the person can act on. */
export class AlreadyAnsweredError extends Error {
  readonly statusCode = 409;
}

export interface PulseFormData {
  month: Month;
  answered: boolean;
}

/** The month open for answers, and whether this person has answered it. */
export async function pulseForm(db: Db, ctx: RequestContext, councilId: string = ctx.actor.councilId): Promise<PulseFormData> {
  if (councilId !== ctx.actor.councilId) throw new NotFoundError('There is nothing here that you can see.');
  await authorise(db, ctx.actor, 'read', { kind: 'pulse_answer', councilId }, 'pulse form', ctx.origin);
  const month = monthOf(today(ctx));
  return { month, answered: await store.hasAnswered(db, councilId, month, ctx.actor.userId) };
}

/**
 * The team an answer counts in: the person's own team as a practitioner, or their one team;
 * someone in several teams (or none) counts in the service total only.
 */
async function answeringTeam(db: Db, ctx: RequestContext): Promise<string | null> {
  if (ctx.actor.practitionerId !== null) {
    const p = await getPractitioner(db, ctx.actor.councilId, ctx.actor.practitionerId);
    if (p) return p.team_id;
  }
  return ctx.actor.teamIds.length === 1 ? ctx.actor.teamIds[0]! : null;
}

/** Adds this month's answer: once per person and month; the marker, the answer and the audit event in one transaction. */
export async function answerPulse(db: Db, ctx: RequestContext, form: Record<string, unknown>, councilId: string = ctx.actor.councilId): Promise<{ month: Month }> {
  if (councilId !== ctx.actor.councilId) throw new NotFoundError('There is nothing here that you can see.');
  await authorise(db, ctx.actor, 'write', { kind: 'pulse_answer', councilId }, 'pulse answer', ctx.origin);
  const checked = checkAnswers(form);
  if (!checked.ok) throw new InvalidInputError('Answer each question.', checked.problems);
  const month = monthOf(today(ctx));
  const teamId = await answeringTeam(db, ctx);
  await db.transaction().execute(async (trx) => {
    const added = await store.addAnswer(trx, councilId, month, ctx.actor.userId, { teamId, ...checked.value });
    if (!added) throw new AlreadyAnsweredError('You have already answered this month’s pulse. The next one opens on the 1st of next month.');
    // Deliberately without the person, their roles and their address (see the top of this file), and
    // dated to the day only, so its time cannot be matched with the person's other events that morning.
    await recordAudit(trx, { councilId, actorUserId: null, action: 'write', recordType: 'pulse', recordId: month, fields: 'pulse: one anonymous answer added (who answered, and what, is not recorded)' }, ukDayStart(today(ctx)));
  });
  return { month };
}

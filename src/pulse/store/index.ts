/**
 * The pulse's tables (migration 0019): anonymous answers (`pulse_answers`) and, apart from them,
 * who has answered which month (`pulse_responses`).
 *
 * Unlinkable by construction. An answer row holds no user, no timestamp and no sequence, and its
 * id is random. Writing the marker and the answer in one transaction (so a person answers once,
 * or not at all) would give both rows the same inserting transaction id (xmin), and appending
 * would leave answers in the heap in the order people answered, matching the markers' order.
 * So the answering transaction rewrites its whole team-month: it deletes that group's rows and
 * inserts them again, with the new one, in a random order and with new random ids. Afterwards
 * every row in the group shares one xmin and one arbitrary order; nothing singles out the newest.
 * (A database superuser reading dead tuples or the write-ahead log before vacuum, or watching every
 * write as it happens, is outside what this protects against: see the pulse section of the README.)
 */
import { randomInt, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/tables.ts';
import type { AnswerRow } from '../model/publish.ts';
import type { AnswerCode } from '../model/questions.ts';

type Db = Kysely<Database>;

const toRow = (councilId: string, month: string, a: AnswerRow) => ({
  council_id: councilId, answer_id: randomUUID(), team_id: a.teamId, month, workload: a.workload, extra_hours: a.extraHours, safe: a.safe, stay: a.stay,
});

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Records that the person answered the month and adds their answer to their team's group, inside
 * the caller's transaction. False (and nothing written) when they have already answered.
 */
export async function addAnswer(trx: Db, councilId: string, month: string, userId: string, answer: AnswerRow): Promise<boolean> {
  if (!trx.isTransaction) throw new Error('addAnswer runs inside the transaction that also writes its audit event.');
  const marked = await trx.insertInto('pulse_responses').values({ council_id: councilId, month, user_id: userId })
    .onConflict((oc) => oc.doNothing()).returning('user_id').executeTakeFirst();
  if (!marked) return false;
  // Two answers to one group at once would each re-insert the rows the other had deleted.
  await sql`select pg_advisory_xact_lock(hashtext(${`pulse:${councilId}:${month}:${answer.teamId ?? ''}`}))`.execute(trx);
  const group = answer.teamId === null
    ? trx.deleteFrom('pulse_answers').where('council_id', '=', councilId).where('month', '=', month).where('team_id', 'is', null)
    : trx.deleteFrom('pulse_answers').where('council_id', '=', councilId).where('month', '=', month).where('team_id', '=', answer.teamId);
  const earlier = await group.returning(['team_id', 'workload', 'extra_hours', 'safe', 'stay']).execute();
  const all: AnswerRow[] = [...earlier.map(fromRow), answer];
  await trx.insertInto('pulse_answers').values(shuffled(all).map((a) => toRow(councilId, month, a))).execute();
  return true;
}

const fromRow = (r: { team_id: string | null; workload: number; extra_hours: number; safe: number; stay: number }): AnswerRow => ({
  teamId: r.team_id, workload: r.workload as AnswerCode, extraHours: r.extra_hours as AnswerCode, safe: r.safe as AnswerCode, stay: r.stay as AnswerCode,
});

export async function hasAnswered(db: Db, councilId: string, month: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('pulse_responses').select('user_id').where('council_id', '=', councilId).where('month', '=', month).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/** A month's answers, for the publishing model only: they never leave the service as rows. */
export async function listAnswers(db: Db, councilId: string, month: string): Promise<AnswerRow[]> {
  const rows = await db.selectFrom('pulse_answers').select(['team_id', 'workload', 'extra_hours', 'safe', 'stay'])
    .where('council_id', '=', councilId).where('month', '=', month).orderBy('answer_id').execute();
  return rows.map(fromRow);
}

/** Many answers at once, for the demo council's seeding (no one answered them, so there are no markers). */
export async function insertAnswers(db: Db, councilId: string, answers: readonly (AnswerRow & { month: string })[]): Promise<void> {
  if (answers.length === 0) return;
  await db.insertInto('pulse_answers').values(shuffled(answers).map((a) => toRow(councilId, a.month, a))).execute();
}

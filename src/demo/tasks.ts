/**
 * Tasks in the demo council (issue 16): some open, claimed, returned with a question, handed back
 * and overdue, so the tasks pages and business support's workload are not empty. Written through
 * the tasks service as the demo people themselves, on the days they would have acted, so every
 * step has its audit event and each hand-back its case note, as in real use.
 */
import type { Db } from '../platform/database.ts';
import { operatorActor, type Actor } from '../kernel/roles.ts';
import type { RequestContext } from '../kernel/context.ts';
import { InvalidInputError, NotFoundError } from '../kernel/errors.ts';
import { createIdentityService } from '../identity/service/index.ts';
import { createTasksService } from '../tasks/service/index.ts';
import { practitionerBreakdown } from '../workload/service/index.ts';
import type { Step, TaskForm, TaskType } from '../tasks/model/index.ts';

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

interface Planned {
  by: 'demo-practitioner' | 'demo-asye' | 'demo-team-manager';
  type: TaskType;
  title: string;
  instructions: string;
  details: Record<string, string>;
  /** Asked this many days before the demo's date; due this many days after it was asked. */
  askedDaysAgo: number;
  dueAfter: number;
  /** What business support did, each step this many days before the demo's date. */
  steps: { step: Step; daysAgo: number; text?: string }[];
  toNamed?: boolean;
}

const PLAN: Planned[] = [
  { by: 'demo-practitioner', type: 'letter', title: 'Letter to school', instructions: 'Ask for attendance and any concerns since September; say I will call next week.', details: { addresseeName: 'Mrs A Khan, headteacher', addresseeAddress: 'Northby Primary School, 1 School Lane, Northby' }, askedDaysAgo: 1, dueAfter: 6, steps: [] },
  { by: 'demo-practitioner', type: 'minutes', title: 'Minutes of the core group', instructions: 'Minute the core group and circulate within 5 working days.', details: { meeting: 'Core group meeting', when: 'Thursday, 10am', where: 'Northby Family Centre, room 2' }, askedDaysAgo: 3, dueAfter: 9, steps: [{ step: 'claim', daysAgo: 2 }] },
  { by: 'demo-practitioner', type: 'chase_information', title: 'Health information from the GP', instructions: 'Ask for immunisations and missed appointments in the past year.', details: { organisation: 'Northby Road Surgery', contact: 'Practice manager, 01632 960 000', information: 'Immunisations; missed appointments since last November.' }, askedDaysAgo: 6, dueAfter: 10, steps: [{ step: 'claim', daysAgo: 5 }, { step: 'return', daysAgo: 2, text: 'The surgery asks for the consent form: is there a signed one on file?' }] },
  { by: 'demo-practitioner', type: 'letter', title: 'Letter to the family about the review', instructions: 'Invite both parents to the child in need review; offer an interpreter.', details: { addresseeName: 'The parents', addresseeAddress: '14 Mill Street, Northby' }, askedDaysAgo: 8, dueAfter: 5, steps: [{ step: 'claim', daysAgo: 7 }, { step: 'complete', daysAgo: 0, text: 'Letter sent first class today; copy on file. Interpreter offered.' }] },
  { by: 'demo-practitioner', type: 'court_bundle', title: 'Bundle for the case management hearing', instructions: 'Paginate and index; serve on all parties.', details: { court: 'Northby Family Court, case NB26C00123', hearing: 'Next Tuesday', documents: 'Social work statement, care plan, chronology, parenting assessment.' }, askedDaysAgo: 12, dueAfter: 9, steps: [{ step: 'claim', daysAgo: 10 }] },
  { by: 'demo-asye', type: 'interpreter_booking', title: 'Interpreter for the home visit', instructions: 'Book a female interpreter if possible.', details: { language: 'Polish', when: 'Friday, 2pm, 90 minutes', where: 'The family home' }, askedDaysAgo: 2, dueAfter: 4, steps: [], toNamed: true },
  { by: 'demo-asye', type: 'minutes', title: 'Minutes of the network meeting', instructions: 'Minute and circulate to everyone invited.', details: { meeting: 'Network meeting', when: 'Monday, 11am', where: 'Video call' }, askedDaysAgo: 9, dueAfter: 6, steps: [] },
  { by: 'demo-team-manager', type: 'room_booking', title: 'Room for the family group conference', instructions: 'Ground floor, with a quiet room for the children.', details: { when: 'Wednesday week, 9.30am to 1pm', people: '10, one wheelchair user' }, askedDaysAgo: 15, dueAfter: 7, steps: [{ step: 'claim', daysAgo: 14 }, { step: 'complete', daysAgo: 12, text: 'Booked the Garden Room; confirmation emailed.' }] },
];

/** Seeds the plan on the demo people's own cases; returns how many tasks it wrote. */
export async function seedDemoTasks(db: Db, councilId: string, asOf: string): Promise<number> {
  const seed = operatorActor(councilId, { userId: 'seed', name: 'Demo seeder' });
  const origin = { ip: '127.0.0.1' };
  const at = (daysAgo: number) => new Date(Date.parse(`${asOf}T10:00:00Z`) - daysAgo * DAY);
  const accounts = await createIdentityService({ db }).listAccounts({ actor: seed, origin, now: at(0) });
  const actorOf = (userId: string): Actor | undefined => {
    const a = accounts.find((u) => u.userId === userId);
    return a && { kind: 'staff', userId: a.userId, councilId, name: a.name, roles: a.roles, practitionerId: a.practitionerId, teamIds: a.teamIds, grantedChildIds: [], breakGlassChildIds: [] };
  };
  const support = actorOf('demo-business-support');
  if (!support) return 0;
  const tasks = createTasksService({ db });
  const casesOf = new Map<string, string[]>();
  const cases = async (actor: Actor) => {
    if (!casesOf.has(actor.userId)) casesOf.set(actor.userId, actor.practitionerId ? (await practitionerBreakdown(db, seed, origin, councilId, actor.practitionerId, asOf)).caseList.map((c) => c.childId) : []);
    return casesOf.get(actor.userId)!;
  };
  let written = 0;
  for (const p of PLAN) {
    // A smaller council may have no ASYE worker, or a manager with no cases: the practitioner asks instead.
    const named = actorOf(p.by);
    const asker = named && (await cases(named)).length > 0 ? named : actorOf('demo-practitioner');
    if (!asker) continue;
    const ctx = (actor: Actor, daysAgo: number): RequestContext => ({ actor, origin, now: at(daysAgo) });
    const due = new Date(at(p.askedDaysAgo).getTime() + p.dueAfter * DAY);
    const [year, month, day] = iso(due).split('-');
    const form: TaskForm = { type: p.type, title: p.title, instructions: p.instructions, day: day!, month: month!, year: year!, assignTo: p.toNamed ? support.userId : '', details: p.details };
    // The asker's cases in turn, one task each.
    const list = await cases(asker);
    while (list.length > 0) {
      const childId = list.shift()!;
      try {
        const { taskId } = await tasks.createTask(ctx(asker, p.askedDaysAgo), childId, form);
        for (const s of p.steps) await tasks.moveTask(ctx(support, s.daysAgo), taskId, s.step, s.text ?? '');
        written += 1;
        break;
      } catch (error) {
        // A restricted record, or a case that came to them after the day the task is dated: the next case.
        if (!(error instanceof InvalidInputError) && !(error instanceof NotFoundError)) throw error;
      }
    }
  }
  return written;
}

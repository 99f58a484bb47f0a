/**
 * The audit log in people's words: who (by name, never a user id) and which record (by what it
 * is: "Workload of Sam Patel", "Child C123"), from the ids the log keeps. The log itself keeps
 * ids, which do not change when someone's name does. Pure.
 */

/** One stored event, as far as naming it needs. */
export interface NameableEvent {
  actorUserId: string | null;
  recordType: string;
  recordId: string | null;
  childId: string | null;
  fields: string | null;
}

/** Names by id, looked up by the service for the events a page shows. */
export interface AuditNames {
  people: Readonly<Record<string, string>>;
  practitioners: Readonly<Record<string, string>>;
  teams: Readonly<Record<string, string>>;
  /** People whose own audit the viewer may open: only they are linked. */
  auditable?: readonly string[];
}

export const NO_NAMES: AuditNames = { people: {}, practitioners: {}, teams: {} };

const PRACTITIONER_TYPES = new Set(['practitioner', 'practitioner_workload']);
const TEAM_TYPES = new Set(['team', 'team_workload']);
const PERSON_TYPES = new Set(['user', 'session']);
// Free text the services write with a user id in it: "grant to u1 until 2026-12-23", "audit of user u1".
const GRANT_FIELDS = /^grant to (\S+)( until (\d{4}-\d{2}-\d{2}))?( ended)?$/;
const AUDIT_OF_USER = /^audit of user (\S+)(.*)$/;

/** The ids a list of events needs names for. */
export function namesWanted(events: readonly NameableEvent[]): { userIds: string[]; practitionerIds: string[]; teamIds: string[] } {
  const userIds = new Set<string>();
  const practitionerIds = new Set<string>();
  const teamIds = new Set<string>();
  for (const e of events) {
    if (e.actorUserId) userIds.add(e.actorUserId);
    if (e.recordId && PRACTITIONER_TYPES.has(e.recordType)) practitionerIds.add(e.recordId);
    if (e.recordId && TEAM_TYPES.has(e.recordType)) teamIds.add(e.recordId);
    if (e.recordId && (PERSON_TYPES.has(e.recordType) || (e.recordType === 'audit' && !e.fields?.startsWith('who looked')))) userIds.add(e.recordId);
    const named = GRANT_FIELDS.exec(e.fields ?? '')?.[1] ?? AUDIT_OF_USER.exec(e.fields ?? '')?.[1];
    if (named) userIds.add(named);
  }
  return { userIds: [...userIds], practitionerIds: [...practitionerIds], teamIds: [...teamIds] };
}

/** A person's name; someone running a command on the server by their login; never a bare id. */
export function personName(userId: string | null, names: AuditNames): string {
  if (userId === null) return 'Nobody signed in';
  const name = names.people[userId];
  if (name) return name;
  if (userId.startsWith('operator:')) return `${userId.slice('operator:'.length)} (on the server’s command line)`;
  return 'An account no longer on record';
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "2026-03-27" → "27 March 2026". */
export function longDay(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''} ${iso.slice(0, 4)}`;
}
const isIsoDay = (s: string | null): s is string => s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** Which record an event touched, in plain words. */
export function recordWords(e: NameableEvent, names: AuditNames): string {
  const id = e.recordId;
  const child = e.childId ?? id;
  switch (e.recordType) {
    case 'child':
      return `Child ${child ?? ''}`.trim();
    case 'case_schedule':
      return `Visit schedule of child ${child ?? ''}`.trim();
    case 'break_glass':
      return e.childId ? `Emergency access to child ${e.childId}` : 'Emergency access';
    case 'access_grant':
      return e.childId ? `Access to child ${e.childId}` : 'Access to a child’s record';
    case 'access_grants':
      return 'Access grants to restricted records';
    case 'practitioner':
    case 'practitioner_workload':
      return id && names.practitioners[id] ? `Workload of ${names.practitioners[id]}` : 'Workload of a practitioner no longer on record';
    case 'team':
    case 'team_workload':
      return id && names.teams[id] ? `Workload of team ${names.teams[id]}` : 'Workload of a team no longer on record';
    case 'staff_absence':
      return 'Staff absences';
    case 'user':
      return id ? `Account of ${personName(id, names)}` : 'User accounts';
    case 'users':
      return 'User accounts';
    case 'session':
      return id ? `Sign-in of ${names.people[id] ?? 'someone without an account here'}` : 'Sign-in';
    case 'audit':
      if (!id) return 'Audit search';
      return e.fields?.startsWith('who looked') ? `Audit of child ${id}` : `Audit of ${personName(id, names)}`;
    case 'audit_log':
      return 'The audit log';
    case 'access_review':
      return 'Emergency access reviews';
    case 'council':
      return 'The council’s records';
    case 'council_workforce':
      return 'The council’s workforce';
    case 'statistics':
      return isIsoDay(id) ? `Service statistics on ${longDay(id)}` : 'Service statistics';
    case 'workload_config':
      return id && /^\d+$/.test(id) ? `Workload model settings, version ${id}` : 'Workload model settings';
    case 'import':
    case 'imports':
      return 'Imports and returns';
    case 'import_upload':
      return 'Files uploaded for import';
    case 'allocation':
      return id && names.teams[id] ? `Allocation in team ${names.teams[id]}` : 'Work waiting to be allocated';
    case 'allocation_settings':
      return 'Allocation rules';
    case 'allocation_decisions':
      return 'Allocation decisions';
    case 'team_casework':
      return id && names.teams[id] ? `What is due in team ${names.teams[id]}` : 'What is due in a team';
    case 'retention':
    case 'records_management':
      return 'Retention schedule';
    default: {
      const words = e.recordType.replace(/[_-]+/g, ' ').trim();
      return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'A record';
    }
  }
}

/** The event's details (which page, fields or query), with any user id in them named. */
export function detailWords(e: NameableEvent, names: AuditNames): string {
  const fields = e.fields ?? '';
  const grant = GRANT_FIELDS.exec(fields);
  if (grant) return `access for ${personName(grant[1]!, names)}${grant[3] ? ` until ${longDay(grant[3])}` : ''}${grant[4] ? ' ended' : ''}`;
  const audit = AUDIT_OF_USER.exec(fields);
  if (audit) return `audit of ${personName(audit[1]!, names)}${audit[2]}`;
  return fields;
}

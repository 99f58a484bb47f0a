/**
 * Need-to-know: the one place that decides who may do what to which records. Pure: the
 * service layer loads the facts (who holds the case, which teams, grants) and asks here.
 * Routes never check roles themselves.
 */

import type { Actor, Role } from '../../kernel/roles.ts';

export { ROLES, type Actor, type Role } from '../../kernel/roles.ts';

/** What is being touched, with the facts the decision needs. */
export type Resource =
  | {
      kind: 'child';
      councilId: string;
      childId: string;
      restricted: boolean;
      /** Practitioners and teams holding the case now (lead allocations open today). */
      holderIds: readonly string[];
      teamIds: readonly string[];
    }
  | { kind: 'case_schedule'; councilId: string; childId: string; restricted: boolean; holderIds: readonly string[]; teamIds: readonly string[] }
  | { kind: 'practitioner_workload'; councilId: string; practitionerId: string; teamId: string }
  | { kind: 'team_workload'; councilId: string; teamId: string }
  /** A team's cases, child by child (the overdue list): the team's manager and service managers. */
  | { kind: 'team_casework'; councilId: string; teamId: string }
  | { kind: 'council_workforce'; councilId: string }
  | { kind: 'statistics'; councilId: string }
  /** The agency rules checked worker by worker (issue 17): named staff and their engagements, for the head of service. */
  | { kind: 'agency_rules'; councilId: string }
  | { kind: 'workload_config'; councilId: string }
  | { kind: 'imports'; councilId: string }
  | { kind: 'audit_log'; councilId: string; teamIds?: readonly string[] }
  | { kind: 'access_review'; councilId: string; teamIds?: readonly string[] }
  /** Grants to restricted records: teamIds are the child's teams (or, for the list, the viewer's). */
  | { kind: 'access_grants'; councilId: string; teamIds?: readonly string[] }
  | { kind: 'users'; councilId: string }
  | { kind: 'records_management'; councilId: string }
  /**
   * Allocating work (issue 14): the case's responsible teams (the team that holds or last held it;
   * for a case never allocated, the council's intake teams), and for a write the worker it goes to.
   */
  | { kind: 'allocation'; councilId: string; teamIds: readonly string[]; childId?: string; restricted?: boolean; to?: { practitionerId: string; teamId: string } }
  /** The decisions made, to enter in the case management system: managers, business support for their teams, the data officer. */
  | { kind: 'allocation_decisions'; councilId: string; teamIds: readonly string[] }
  /** Who is absent and why (sickness is health data): named only to those who manage the person. */
  | { kind: 'staff_absence'; councilId: string; teamId: string }
  /** Answering the monthly pulse (issue 16): one's own answer, and whether one has answered this month. */
  | { kind: 'pulse_answer'; councilId: string }
  /** The pulse's published aggregates: one team's (teamId), or every team's and the service's (no teamId). Never an answer. */
  | { kind: 'pulse_results'; councilId: string; teamId?: string }

  /**
   * A task handed to business support (issue 16): its queue's team, who asked, the named person it
   * went to or who claimed it, and who holds the case now. Business support sees the task, never the record.
   */
  | { kind: 'task'; councilId: string; teamId: string; requestedBy: string; assignedTo: string | null; claimedBy: string | null; holderIds: readonly string[] }
  /** A team's business support queue and its tasks' hours. */
  | { kind: 'task_queue'; councilId: string; teamId: string }
  /** A business support officer's own workload (tasks' hours against their capacity), and setting their hours. */
  | { kind: 'support_workload'; councilId: string; userId: string; teamIds: readonly string[] }
  /**
   * Supervision (issue 16): a supervisee's sessions in outline (date, length, who) and when the next
   * is due. The case part is on each child's record (the child's own rule); the reflective part is below.
   */
  | { kind: 'supervision'; councilId: string; superviseeId: string; teamId: string }
  /**
   * A session's reflective part (wellbeing, development) and the supervisee's comments: the two
   * people, and whom the council's policy names (roles or accounts) — no other manager, and an
   * auditor only if the policy names auditors.
   */
  | { kind: 'supervision_reflective'; councilId: string; superviseeId: string; supervisorUserId: string | null; supervisorPractitionerId: string | null; readers: { roles: readonly string[]; userIds: readonly string[] } }
  /** The council's supervision policy (the schedule and who may read reflective parts). */
  | { kind: 'supervision_settings'; councilId: string }
  /** The council's own de-identified return for a census date (issue 17): figures over groups, small groups suppressed. */
  | { kind: 'council_return'; councilId: string }
  /** The national view: the returns a national tenant received from councils, and their national figures. */
  | { kind: 'national_returns'; councilId: string }
  /**
   * Sufficiency and the safe range (issue 17): the council's FTE needed against its establishment,
   * the demand forecast and the what-if. Workforce planning for the head of service and analysts.
   */
  | { kind: 'sufficiency'; councilId: string };

export type Action = 'read' | 'write' | 'break_glass';

export type Basis = 'allocated' | 'team' | 'managed_team' | 'service' | 'grant' | 'break_glass' | 'role' | 'operator';

export type Decision = { allowed: true; basis: Basis } | { allowed: false; reason: string; canBreakGlass: boolean };

const allow = (basis: Basis): Decision => ({ allowed: true, basis });
const deny = (reason: string, canBreakGlass = false): Decision => ({ allowed: false, reason, canBreakGlass });

/** Whether the person holds any of these roles (shared with the list filters, filters.ts). */
export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));
const has = hasRole;
const sharesTeam = (actor: Actor, teamIds: readonly string[]) => teamIds.some((t) => actor.teamIds.includes(t));

/** Roles that work with children's records: they may use break-glass in an emergency, and only they can be given a grant to a restricted record. */
export const CASEWORK_ROLES: readonly Role[] = ['practitioner', 'team_manager', 'service_manager'];

export function decide(actor: Actor, action: Action, resource: Resource): Decision {
  // Another council's records do not exist for this person.
  if (resource.councilId !== actor.councilId) return deny('This record belongs to another council.');
  // The person running a command on the server holds the database already: the gate names them, it cannot stop them.
  if (actor.kind === 'operator') return action === 'break_glass' ? deny('Emergency access is for people signed in to the pages.') : allow('operator');
  // The family portal's audience: nothing of the staff service until its own rules are written.
  if (actor.kind === 'family') return deny('This part of Caseweight is for council staff.');

  switch (resource.kind) {
    case 'child':
    case 'case_schedule':
      return decideChild(actor, action, resource);
    case 'practitioner_workload': {
      if (action !== 'read') return deny('Workload figures are computed, not edited.');
      if (actor.practitionerId === resource.practitionerId) return allow('allocated');
      if (has(actor, 'team_manager') && actor.teamIds.includes(resource.teamId)) return allow('managed_team');
      if (has(actor, 'service_manager')) return allow('service');
      return deny("Only the practitioner, their team manager and service managers see a practitioner's cases.");
    }
    case 'team_workload': {
      if (action !== 'read') return deny('Workload figures are computed, not edited.');
      if (has(actor, 'team_manager') && actor.teamIds.includes(resource.teamId)) return allow('managed_team');
      if (has(actor, 'service_manager', 'performance_analyst')) return allow('service');
      return deny("A team's workload is for its manager, service managers and analysts.");
    }
    case 'council_workforce':
    case 'statistics':
      if (action !== 'read') return deny('Statistics are computed, not edited.');
      if (has(actor, 'service_manager', 'performance_analyst', 'team_manager')) return allow('role');
      return deny('Statistics are for managers and analysts.');
    case 'agency_rules':
      if (action !== 'read') return deny('Agency engagements come from the council’s HR and agency records.');
      if (has(actor, 'service_manager')) return allow('service');
      return deny('The agency rules check names workers: it is for the head of service.');
    case 'workload_config':
      if (action === 'read' && has(actor, 'system_administrator', 'service_manager', 'team_manager', 'performance_analyst')) return allow('role');
      if (action === 'write' && has(actor, 'system_administrator')) return allow('role');
      return deny('Only a system administrator changes the workload model.');
    case 'imports':
      if (action !== 'break_glass' && has(actor, 'system_administrator', 'data_officer')) return allow('role');
      return deny('Imports and returns are for data officers and system administrators.');
    case 'staff_absence':
      if (action !== 'read') return deny('Absences come from the council’s HR data.');
      if (has(actor, 'team_manager') && actor.teamIds.includes(resource.teamId)) return allow('managed_team');
      if (has(actor, 'service_manager')) return allow('service');
      return deny('Named absences are for the person’s managers; others see counts.');
    case 'allocation':
      return decideAllocation(actor, action, resource);
    case 'team_casework':
      if (action !== 'read') return deny('The overdue list is read-only.');
      if (has(actor, 'service_manager')) return allow('service');
      if (has(actor, 'team_manager') && actor.teamIds.includes(resource.teamId)) return allow('managed_team');
      return deny('The team’s overdue list is for its manager and service managers.');
    case 'allocation_decisions':
      if (action !== 'read') return deny('Decisions are recorded through allocation.');
      if (has(actor, 'service_manager')) return allow('service');
      // The data officer sees where the next import showed a different worker.
      if (has(actor, 'data_officer')) return allow('role');
      if (has(actor, 'team_manager', 'business_support') && actor.teamIds.length > 0) return allow('managed_team');
      return deny('Allocation decisions are for managers, the business support officers who enter them and the data officer.');
    case 'records_management':
      // The retention schedule lists every child's dates: the head of service owns the records.
      if (action === 'read' && has(actor, 'service_manager')) return allow('service');
      return deny('The retention schedule is for the head of service.');
    case 'users':
      if (action !== 'break_glass' && has(actor, 'system_administrator')) return allow('role');
      return deny('Only a system administrator manages user accounts.');
    case 'audit_log':
    case 'access_review':
      if (action !== 'read') return deny('The audit log cannot be changed.');
      if (has(actor, 'auditor', 'service_manager')) return allow('role');
      if (has(actor, 'team_manager') && resource.teamIds !== undefined && sharesTeam(actor, resource.teamIds)) return allow('managed_team');
      return deny('The audit log is for auditors and managers.');
    case 'access_grants': {
      const managesChild = has(actor, 'team_manager') && resource.teamIds !== undefined && sharesTeam(actor, resource.teamIds);
      // Ending a grant is for those who may give one (decideGrant): the child's team manager or a service manager.
      if (action === 'write') {
        if (has(actor, 'service_manager')) return allow('service');
        if (managesChild) return allow('managed_team');
        return deny('Only the child’s team manager or a service manager can end access to a restricted record.');
      }
      if (action !== 'read') return deny('Grants are reviewed, not opened in an emergency.');
      if (has(actor, 'auditor', 'service_manager')) return allow('role');
      if (managesChild) return allow('managed_team');
      return deny('Grants to restricted records are for auditors and managers.');
    }
    case 'pulse_answer':
      // The people whose workload the model measures; each answers for themselves, so there is no one else's answer to read.
      if (action !== 'break_glass' && has(actor, ...CASEWORK_ROLES)) return allow('role');
      return deny('The pulse is for the social work staff whose workload Caseweight models.');
    case 'pulse_results':
      if (action !== 'read') return deny('Pulse figures are counted from the answers, not edited.');
      if (has(actor, 'service_manager', 'performance_analyst')) return allow('service');
      if (has(actor, 'team_manager') && (resource.teamId === undefined || actor.teamIds.includes(resource.teamId))) return allow(resource.teamId === undefined ? 'role' : 'managed_team');
      return deny('Pulse figures are for managers and analysts, as team and service totals.');
    case 'task':
      return decideTask(actor, action, resource);
    case 'task_queue':
      if (action !== 'read') return deny('Tasks are worked one at a time, not the queue at once.');
      if (has(actor, 'business_support', 'team_manager') && actor.teamIds.includes(resource.teamId)) return allow('team');
      if (has(actor, 'service_manager')) return allow('service');
      return deny('A team’s business support queue is for its business support officers and managers.');
    case 'support_workload': {
      if (action === 'break_glass') return deny('Workload figures are not opened in an emergency.');
      const manages = has(actor, 'team_manager') && sharesTeam(actor, resource.teamIds);
      // Their hours come from HR through their manager: the officer reads their figures, a manager sets them.
      if (action === 'read' && actor.userId === resource.userId) return allow('allocated');
      if (manages) return allow('managed_team');
      if (has(actor, 'service_manager')) return allow('service');
      return deny('A business support officer’s workload is for them, their team manager and service managers.');
    }
    case 'supervision':
      return decideSupervision(actor, action, resource);
    case 'supervision_reflective':
      return decideReflective(actor, action, resource);
    case 'supervision_settings':
      if (action === 'read' && has(actor, 'service_manager', 'team_manager', 'system_administrator', 'performance_analyst')) return allow('role');
      // The principal social worker owns the policy (LGA standard 5); a head of service saves it.
      if (action === 'write' && has(actor, 'service_manager')) return allow('role');
      return deny('The supervision policy is set by the head of service.');
    case 'council_return':
      // Figures over groups, as the service view shows them; the data officer sends it like the DfE's returns.
      if (action === 'read' && has(actor, 'data_officer', 'service_manager', 'performance_analyst')) return allow('role');
      return deny('The council’s return is for data officers, service managers and performance analysts.');
    case 'national_returns':
      // The national analyst reads; importing returns is the data officer's (or a system administrator's) in the national tenant.
      if (action === 'read' && has(actor, 'national_analyst')) return allow('role');
      if (action === 'write' && has(actor, 'data_officer', 'system_administrator')) return allow('role');
      return deny('The national view is for national analysts.');
    case 'sufficiency':
      // Not `statistics`: that also opens to team managers, and the establishment is the service's to plan.
      if (action !== 'read') return deny('Sufficiency figures are computed, not edited.');
      if (has(actor, 'service_manager', 'performance_analyst')) return allow('service');
      return deny('Sufficiency and the safe range are for heads of service and performance analysts.');
  }
}

/**
 * Tasks: business support in the task's team work it (a task sent to a named person, or claimed,
 * is theirs alone); the person who asked, whoever holds the case now and the team's manager
 * follow it, answer its questions and cancel it; service managers read it.
 */
function decideTask(actor: Actor, action: Action, r: Extract<Resource, { kind: 'task' }>): Decision {
  if (action === 'break_glass') return deny('Tasks are planned work, not an emergency.');
  const asked = actor.userId === r.requestedBy;
  const holds = actor.practitionerId !== null && r.holderIds.includes(actor.practitionerId);
  if (asked || holds) return allow('allocated');
  if (has(actor, 'team_manager') && actor.teamIds.includes(r.teamId)) return allow('managed_team');
  if (has(actor, 'business_support') && actor.teamIds.includes(r.teamId)) {
    const owner = r.claimedBy ?? r.assignedTo;
    if (owner === null || owner === actor.userId) return allow('team');
    return action === 'read' ? allow('team') : deny('Another business support officer has this task.');
  }
  if (has(actor, 'service_manager')) return action === 'read' ? allow('service') : deny('Service managers read tasks; the team works them.');
  return deny('This task is not for you or your team.');
}

function decideAllocation(actor: Actor, action: Action, r: Extract<Resource, { kind: 'allocation' }>): Decision {
  if (action === 'break_glass') return deny('Allocation is planned work, not an emergency.');
  if (r.restricted && r.childId !== undefined && !actor.grantedChildIds.includes(r.childId)) return deny('This record is restricted: it needs an explicit grant.');
  const service = has(actor, 'service_manager');
  const manages = has(actor, 'team_manager') && sharesTeam(actor, r.teamIds);
  if (!service && !manages) return deny('Allocation is for the team’s manager and service managers.');
  if (action === 'read' || !r.to) return allow(service ? 'service' : 'managed_team');
  if (actor.practitionerId !== null && actor.practitionerId === r.to.practitionerId) return deny('You cannot allocate a case to yourself: ask another manager.');
  if (!service && !actor.teamIds.includes(r.to.teamId)) return deny('You can allocate only to people in the teams you manage; a service manager can move work between teams.');
  return allow(service ? 'service' : 'managed_team');
}

function decideSupervision(actor: Actor, action: Action, r: Extract<Resource, { kind: 'supervision' }>): Decision {
  if (action === 'break_glass') return deny('Supervision is not opened in an emergency.');
  const own = actor.practitionerId !== null && actor.practitionerId === r.superviseeId;
  const manages = has(actor, 'team_manager') && actor.teamIds.includes(r.teamId);
  if (action === 'read') {
    if (own) return allow('allocated');
    if (manages) return allow('managed_team');
    if (has(actor, 'service_manager')) return allow('service');
    return deny('Supervision records are for the supervisee, their team manager and service managers.');
  }
  if (own) return deny('Your supervisor records your supervision; you can add your comments to it.');
  if (manages) return allow('managed_team');
  if (has(actor, 'service_manager')) return allow('service');
  return deny('Only the supervisee’s team manager or a service manager records supervision.');
}

function decideReflective(actor: Actor, action: Action, r: Extract<Resource, { kind: 'supervision_reflective' }>): Decision {
  if (action === 'break_glass') return deny('Supervision is not opened in an emergency.');
  const supervisee = actor.practitionerId !== null && actor.practitionerId === r.superviseeId;
  const supervisor = actor.userId === r.supervisorUserId || (actor.practitionerId !== null && actor.practitionerId === r.supervisorPractitionerId);
  if (supervisee || supervisor) return allow('allocated');
  // Only what the council's policy names: managing the team, the service or the audit log is not enough.
  const named = r.readers.userIds.includes(actor.userId) || r.readers.roles.some((role) => actor.roles.includes(role as Role));
  if (action === 'read' && named) return allow('role');
  return deny('The reflective part of supervision is for the supervisee, their supervisor and those the council’s supervision policy names.');
}

function decideChild(actor: Actor, action: Action, r: Extract<Resource, { kind: 'child' | 'case_schedule' }>): Decision {
  const granted = actor.grantedChildIds.includes(r.childId);
  const brokeGlass = actor.breakGlassChildIds.includes(r.childId);
  const mayBreakGlass = has(actor, ...CASEWORK_ROLES);

  if (action === 'break_glass') {
    return mayBreakGlass ? allow('break_glass') : deny('Your role cannot use emergency access to children’s records.');
  }
  // Emergency access opens a record for reading only, for a short time, and is reviewed.
  if (brokeGlass && action === 'read') return allow('break_glass');

  // A restricted record (adoption, a staff member's child) needs an explicit grant, whoever you are.
  if (r.restricted && !granted) return deny('This record is restricted: it needs an explicit grant.', mayBreakGlass);

  const holds = actor.practitionerId !== null && r.holderIds.includes(actor.practitionerId);
  if (holds) return allow(r.restricted ? 'grant' : 'allocated');
  if (has(actor, 'team_manager') && sharesTeam(actor, r.teamIds)) return allow(r.restricted ? 'grant' : 'managed_team');
  if (has(actor, 'service_manager')) return action === 'read' ? allow(r.restricted ? 'grant' : 'service') : deny('Service managers read case records; the allocated worker and team manager change them.');
  if (has(actor, 'practitioner') && sharesTeam(actor, r.teamIds)) {
    return action === 'read' ? allow(r.restricted ? 'grant' : 'team') : deny('You can read your team’s cases; only the allocated worker and team manager change them.');
  }
  // Business support schedules visits and takes minutes for their teams: the schedule, not the record.
  if (r.kind === 'case_schedule' && has(actor, 'business_support') && sharesTeam(actor, r.teamIds)) {
    return action === 'read' ? allow('team') : deny('Business support reads schedules; caseworkers change them.');
  }
  if (granted) return action === 'read' ? allow('grant') : deny('A grant lets you read this record, not change it.');
  return deny('This case is not allocated to you or your team.', mayBreakGlass);
}

/** The minimum length of a break-glass reason: a real sentence, not "x". */
export const BREAK_GLASS_MIN_REASON = 15;
export const BREAK_GLASS_MINUTES = 60;

export function validateBreakGlassReason(reason: string): string | null {
  const trimmed = reason.trim();
  if (trimmed.length < BREAK_GLASS_MIN_REASON) {
    return `Say why you need emergency access, in at least ${BREAK_GLASS_MIN_REASON} characters (for example "Police called out of hours; child missing").`;
  }
  if (trimmed.length > 1000) return 'Keep the reason under 1,000 characters.';
  return null;
}

/** A grant always ends: 30 days unless the manager chooses a shorter or longer time (at most 90). */
export const GRANT_DEFAULT_DAYS = 30;
export const GRANT_MAX_DAYS = 90;

/**
 * Who may give whom an explicit grant to a restricted record: the child's team manager or a
 * service manager, and only to someone whose role works with children's records (never an
 * analyst, business support, an administrator or an auditor).
 */
export function decideGrant(actor: Actor, target: { councilId: string; roles: readonly string[] }, child: { councilId: string; teamIds: readonly string[] }): Decision {
  if (child.councilId !== actor.councilId || target.councilId !== actor.councilId) return deny('This record belongs to another council.');
  if (actor.kind === 'family') return deny('This part of Caseweight is for council staff.');
  const manages = has(actor, 'service_manager') || (has(actor, 'team_manager') && sharesTeam(actor, child.teamIds)) || actor.kind === 'operator';
  if (!manages) return deny('Only the child’s team manager or a service manager can give access to a restricted record.');
  if (!target.roles.some((r) => (CASEWORK_ROLES as readonly string[]).includes(r))) {
    return deny('Access to a child’s record can be given only to someone who works with children’s records (a practitioner or a manager).');
  }
  return allow(actor.kind === 'operator' ? 'operator' : 'managed_team');
}

/** The checks on a grant's reason and length, in plain words; null when they are fine. */
export function grantProblems(reason: string, days: number): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (reason.trim().length < 10) problems.push({ field: 'reason', message: 'Say why this person needs access, in at least 10 characters.' });
  if (!Number.isInteger(days) || days < 1 || days > GRANT_MAX_DAYS) problems.push({ field: 'days', message: `Give the number of days the access lasts, from 1 to ${GRANT_MAX_DAYS}.` });
  return problems;
}

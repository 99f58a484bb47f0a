/**
 * The policy of model.ts `decide()`, turned round for lists: instead of "may this actor see this
 * one record?", "which records may this actor see?" — as plain data that a store turns into a
 * SQL `where`. Pure, like decide(): the same actor facts in, no clock, no I/O.
 *
 * Each branch names the decide() branch it mirrors. The property test in filters.test.ts checks,
 * on generated councils and actors, that a list filtered by this agrees with decide() asked child
 * by child (and practitioner by practitioner); change decide() and that test tells you to change
 * this too.
 */
import { CASEWORK_ROLES, hasRole as has, type Action, type Actor } from './index.ts';

export type { ChildListFilter, PractitionerListFilter } from '../../kernel/list-filters.ts';
import type { ChildListFilter, PractitionerListFilter } from '../../kernel/list-filters.ts';

const unique = (ids: readonly string[]) => [...new Set(ids)].sort();

export function childListFilter(actor: Actor, action: Action, kind: 'child' | 'case_schedule'): ChildListFilter {
  const councilId = actor.councilId;
  // (decide: another council's records do not exist — the store compares councilId with the list's.)
  // decide: the command-line operator acts on every record but break-glass; the family audience on none yet.
  if (actor.kind === 'operator') return { councilId, scope: action === 'break_glass' ? 'none' : 'all' };
  if (actor.kind === 'family') return { councilId, scope: 'none' };

  // decideChild, action 'break_glass': allowed on any child for casework roles, on none otherwise.
  if (action === 'break_glass') return { councilId, scope: has(actor, ...CASEWORK_ROLES) ? 'all' : 'none' };

  const read = action === 'read';
  const teamManager = has(actor, 'team_manager');
  const serviceManager = has(actor, 'service_manager');
  const practitioner = has(actor, 'practitioner');
  const businessSupport = kind === 'case_schedule' && has(actor, 'business_support');

  // decideChild, "brokeGlass && action === 'read'": break-glass opens a record for reading only,
  // before (so whatever) the restriction check.
  // decideChild, last allow "granted → read": a grant alone lets you read, restricted or not,
  // held by anyone (a grant passes the restriction check, then reaches this branch at the latest).
  const openChildIds = read ? unique([...actor.breakGlassChildIds, ...actor.grantedChildIds]) : [];

  // decideChild, "holds": the holder may read and write (restricted ones with a grant).
  const holderId = actor.practitionerId;

  // decideChild, the team branches, in decide's order. A team match allows:
  //  - team_manager: read and write;
  //  - practitioner in the team: read only (write denied);
  //  - business_support in the team, case_schedule only: read only (write denied).
  // For write, a service manager's or practitioner's denial comes after the team manager's allow,
  // so someone who is both still writes through the team manager branch.
  const teamReaches = teamManager || (read && (practitioner || businessSupport));
  const teamIds = teamReaches ? unique(actor.teamIds) : [];

  // decideChild, "service_manager": every case, read only ("Service managers read case records").
  const everyCase = read && serviceManager;

  // decideChild, "r.restricted && !granted → deny": whoever you are, a reached restricted record
  // needs a grant.
  const grantedChildIds = unique(actor.grantedChildIds);

  if (openChildIds.length === 0 && holderId === null && teamIds.length === 0 && !everyCase) {
    return { councilId, scope: 'none' };
  }
  return { councilId, scope: 'some', openChildIds, holderId, teamIds, everyCase, grantedChildIds };
}

export function practitionerListFilter(actor: Actor, action: Action): PractitionerListFilter {
  if (actor.kind === 'operator') return { councilId: actor.councilId, scope: action === 'break_glass' ? 'none' : 'all' };
  if (actor.kind === 'family') return { councilId: actor.councilId, scope: 'none' };
  const councilId = actor.councilId;
  // decide, practitioner_workload: "Workload figures are computed, not edited."
  if (action !== 'read') return { councilId, scope: 'none' };
  // decide, practitioner_workload, "service_manager": everyone.
  if (has(actor, 'service_manager')) return { councilId, scope: 'all' };
  // decide, practitioner_workload, "actor.practitionerId === resource.practitionerId": yourself.
  const practitionerIds = actor.practitionerId === null ? [] : [actor.practitionerId];
  // decide, practitioner_workload, "team_manager && actor.teamIds.includes(resource.teamId)".
  const teamIds = has(actor, 'team_manager') ? unique(actor.teamIds) : [];
  if (practitionerIds.length === 0 && teamIds.length === 0) return { councilId, scope: 'none' };
  return { councilId, scope: 'some', practitionerIds, teamIds };
}

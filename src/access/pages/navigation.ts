import type { NavItem } from '../../platform/web/render.ts';
import { decide, hasRole, type Actor } from '../model/index.ts';
import { en } from '../../platform/web/locales/en.ts';

export type { NavItem };

/**
 * The pages this person may open, asked of the access policy (never by role here). Pure, so
 * the home page and the header always agree with what the routes allow.
 */
export function navigationFor(actor: Actor, currentPath = ''): NavItem[] {
  const councilId = actor.councilId;
  const items: NavItem[] = [];
  if (actor.practitionerId !== null) {
    items.push({ href: '/my-workload', text: en.nav.myWorkload, hint: 'Your cases, the hours each takes, what is due and your protected time.' });
  }
  const statistics = decide(actor, 'read', { kind: 'statistics', councilId }).allowed;
  const teams = actor.teamIds.filter((teamId) => decide(actor, 'read', { kind: 'team_workload', councilId, teamId }).allowed);
  // Someone who sees many teams reaches them from the service view, which lists them all.
  if (teams.length <= 2 || !statistics) {
    for (const teamId of teams) {
      items.push({ href: `/teams/${encodeURIComponent(teamId)}`, text: teams.length > 1 ? `${en.nav.team} (${teamId})` : en.nav.team, hint: 'Everyone in the team side by side: hours, band and room for more.' });
    }
  }
  if (decide(actor, 'read', { kind: 'allocation', councilId, teamIds: actor.teamIds }).allowed) {
    items.push({ href: '/allocation', text: 'Allocation', hint: 'Cases waiting for a worker, who could take each and why, and the decisions made.' });
  } else if (decide(actor, 'read', { kind: 'allocation_decisions', councilId, teamIds: actor.teamIds }).allowed) {
    items.push({ href: '/allocation/decisions', text: 'Allocation decisions', hint: 'The allocations managers decided, to enter in the case management system.' });
  }
  // Tasks handed to business support: their queue for business support, the tasks they asked for for caseworkers.
  if (actor.teamIds.some((teamId) => hasRole(actor, 'business_support') && decide(actor, 'read', { kind: 'task_queue', councilId, teamId }).allowed)) {
    items.push({ href: '/tasks/queue', text: 'Tasks', hint: 'Tasks handed to business support: claim them, work them and hand them back.' });
  } else if (actor.practitionerId !== null || hasRole(actor, 'team_manager')) {
    items.push({ href: '/tasks', text: 'Tasks', hint: 'Tasks you handed to business support, and what came back.' });
  }
  if (statistics) {
    items.push({ href: '/service', text: en.nav.service, hint: 'Teams compared, the DfE caseload measure beside workload in hours, and trends.' });
  }
  if (decide(actor, 'read', { kind: 'national_returns', councilId }).allowed) {
    items.push({ href: '/national', text: 'National view', hint: 'Councils’ returns: national and regional figures, where each council sits, and trends over census years.' });
  }
  if (decide(actor, 'read', { kind: 'workload_config', councilId }).allowed) {
    items.push({ href: '/settings/workload-model', text: en.nav.settings, hint: 'The activities, hours and safe bands behind every figure, with their sources.' });
  }
  if (decide(actor, 'read', { kind: 'imports', councilId }).allowed) {
    items.push({ href: '/imports', text: 'Imports', hint: 'Upload the council’s SSD extract or DfE returns, check them, and import them.' });
  }
  if (decide(actor, 'read', { kind: 'users', councilId }).allowed) {
    items.push({ href: '/users', text: 'Users', hint: 'Who can sign in: add people, set their roles and teams, disable, unlock and reset passwords.' });
  }
  if (decide(actor, 'read', { kind: 'audit_log', councilId, teamIds: actor.teamIds }).allowed) {
    items.push({ href: '/audit', text: 'Audit log', hint: 'Who looked at a child’s record, what a person looked at, and emergency access to review.' });
  }
  return items.map((item) => ({ ...item, active: currentPath === item.href || currentPath.startsWith(`${item.href}/`) || currentPath.startsWith(`${item.href}?`) }));
}

import { ukDay } from '../../kernel/time.ts';
import { longDay } from '../model/audit-words.ts';
import type { GrantForReview } from '../service.ts';

const ukDate = (at: Date) => longDay(ukDay(at));

/** The grants review page: running grants (soonest to end first) and those ended in the last 30 days (latest first). Pure. */
export function toGrantsView(grants: readonly GrantForReview[], mayRevoke: boolean) {
  const person = (g: GrantForReview) => ({ name: g.userName, href: g.mayAuditPerson ? `/audit/people/${encodeURIComponent(g.userId)}` : null });
  const running = grants.filter((g) => g.state === 'running')
    .sort((a, b) => (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity) || a.grantId.localeCompare(b.grantId))
    .map((g) => ({
      id: g.grantId, person: person(g), childId: g.childId, childHref: `/audit/children/${encodeURIComponent(g.childId)}`, reason: g.reason,
      grantedBy: g.grantedByName, grantedOn: ukDate(g.grantedAt), endsOn: g.expiresAt ? ukDate(g.expiresAt) : 'No end date',
      daysLeft: g.daysLeft === null ? 'No end date' : g.daysLeft === 0 ? 'Ends today' : g.daysLeft === 1 ? '1 day' : `${g.daysLeft} days`,
      // Days left is what a reviewer scans for: a grant with no end breaks the rule that every grant ends.
      warn: g.daysLeft === null, mayRevoke: g.mayRevoke,
    }));
  const ended = grants.filter((g) => g.state !== 'running')
    .sort((a, b) => (b.endedAt?.getTime() ?? 0) - (a.endedAt?.getTime() ?? 0) || a.grantId.localeCompare(b.grantId))
    .map((g) => ({
      id: g.grantId, person: person(g), childId: g.childId, childHref: `/audit/children/${encodeURIComponent(g.childId)}`, reason: g.reason,
      grantedBy: g.grantedByName, grantedOn: ukDate(g.grantedAt), endedOn: g.endedAt ? ukDate(g.endedAt) : '',
      how: g.state === 'expired' ? 'Expired' : `Ended early${g.endedByName ? ` by ${g.endedByName}` : ''}`,
    }));
  return { running, endedGrants: ended, anyRevoke: mayRevoke && running.some((g) => g.mayRevoke) };
}

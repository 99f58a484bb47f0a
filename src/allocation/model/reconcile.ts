/**
 * After an import: does the case management system now show each allocation a manager made in
 * Caseweight? Caseweight never writes to that system; a business support officer enters the
 * decisions, and the next extract tells us whether they did. Pure.
 */
import type { Day } from '../../kernel/calendar.ts';

export interface RecordedDecision {
  decisionId: string;
  childId: string;
  practitionerId: string;
  /** Caseweight's own allocation row for the decision. */
  allocationId: string;
  effective: Day;
}

/** A lead allocation open on the day, for one of the decisions' children. */
export interface OpenLead {
  allocationId: string;
  childId: string;
  practitionerId: string;
  start: Day;
}

export type Reconciliation =
  /** The extract shows the same worker: Caseweight's row ends where the system's begins, so the case counts once. */
  | { decisionId: string; outcome: 'confirmed'; closeAllocation: { allocationId: string; end: Day } }
  /** The extract shows someone else, from a later date: the system's later decision stands, and the data officer is told. */
  | { decisionId: string; outcome: 'mismatch'; text: string; closeAllocation: { allocationId: string; end: Day } }
  /** Not entered yet: the system still shows the earlier worker (ended again on the decision's date) or nobody. */
  | { decisionId: string; outcome: 'awaiting'; closeAllocations: { allocationId: string; end: Day }[] };

export function reconcile(decisions: readonly RecordedDecision[], leads: readonly OpenLead[], nameOf: (practitionerId: string) => string, iso: (day: Day) => string): Reconciliation[] {
  const ours = new Set(decisions.map((d) => d.allocationId));
  return decisions.map((d): Reconciliation => {
    const theirs = leads.filter((l) => l.childId === d.childId && !ours.has(l.allocationId));
    const same = theirs.find((l) => l.practitionerId === d.practitionerId);
    if (same) return { decisionId: d.decisionId, outcome: 'confirmed', closeAllocation: { allocationId: d.allocationId, end: Math.max(d.effective, same.start) } };
    const later = theirs.filter((l) => l.start > d.effective).sort((a, b) => a.start - b.start)[0];
    if (later) {
      return {
        decisionId: d.decisionId, outcome: 'mismatch',
        text: `The case management system shows ${nameOf(later.practitionerId)} from ${iso(later.start)}, not ${nameOf(d.practitionerId)}.`,
        closeAllocation: { allocationId: d.allocationId, end: later.start },
      };
    }
    return { decisionId: d.decisionId, outcome: 'awaiting', closeAllocations: theirs.map((l) => ({ allocationId: l.allocationId, end: Math.max(d.effective, l.start) })) };
  });
}

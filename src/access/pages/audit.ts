import type { StoredAuditEvent } from '../service.ts';

/** Audit entries as a table: plain words for each action, newest first. Pure. */
export const ACTION_WORDS: Record<string, string> = {
  read: 'Looked at', write: 'Changed', denied: 'Was refused', sign_in: 'Signed in', sign_in_failed: 'Failed to sign in',
  sign_out: 'Signed out', break_glass: 'Used emergency access', grant: 'Granted access', export: 'Exported', review: 'Reviewed emergency access',
};

export interface AuditRowView {
  when: string;
  who: string;
  action: string;
  what: string;
  from: string;
  reason: string;
  flagged: boolean;
}

export function toAuditRows(events: readonly StoredAuditEvent[]): AuditRowView[] {
  return events.map((e) => ({
    when: e.occurredAt.toISOString().replace('T', ' ').slice(0, 16),
    who: e.actorUserId ?? 'unknown',
    action: ACTION_WORDS[e.action] ?? e.action,
    what: [e.recordType === 'child' && e.childId ? `child ${e.childId}` : `${e.recordType}${e.recordId ? ` ${e.recordId}` : ''}`, e.fields].filter(Boolean).join(': '),
    from: e.ip ?? '',
    reason: e.reason ?? '',
    // Refusals and emergency access are what a reviewer looks for first.
    flagged: e.action === 'denied' || e.action === 'break_glass' || e.reason === 'break-glass',
  }));
}

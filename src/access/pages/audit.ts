import { ukDateTime } from '../../kernel/time.ts';
import { detailWords, NO_NAMES, personName, recordWords, type AuditNames } from '../model/audit-words.ts';
import type { StoredAuditEvent } from '../service.ts';

/** Audit entries as a table: plain words for each action, names for people and records, UK time. Pure. */
export const ACTION_WORDS: Record<string, string> = {
  read: 'Looked at', write: 'Changed', denied: 'Was refused', sign_in: 'Signed in', sign_in_failed: 'Failed to sign in',
  sign_out: 'Signed out', break_glass: 'Used emergency access', grant: 'Granted access', revoke: 'Ended access', export: 'Exported', review: 'Reviewed emergency access',
};

const REASON_WORDS: Record<string, string> = { 'break-glass': 'Emergency access', justified: 'Justified', not_justified: 'Not justified' };

export interface AuditRowView {
  when: string;
  who: string;
  /** The person's own audit page, when the viewer may open it. */
  whoHref: string | null;
  action: string;
  what: string;
  from: string;
  reason: string;
  flagged: boolean;
}

export function toAuditRows(events: readonly StoredAuditEvent[], names: AuditNames = NO_NAMES): AuditRowView[] {
  return events.map((e) => ({
    when: ukDateTime(e.occurredAt),
    who: personName(e.actorUserId, names),
    whoHref: e.actorUserId && names.auditable?.includes(e.actorUserId) ? `/audit/people/${encodeURIComponent(e.actorUserId)}` : null,
    action: ACTION_WORDS[e.action] ?? e.action,
    what: [recordWords(e, names), detailWords(e, names)].filter(Boolean).join(': '),
    from: e.ip ?? '',
    reason: e.reason ? (REASON_WORDS[e.reason] ?? e.reason) : '',
    // Refusals and emergency access are what a reviewer looks for first.
    flagged: e.action === 'denied' || e.action === 'break_glass' || e.reason === 'break-glass',
  }));
}

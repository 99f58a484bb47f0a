import { describe, expect, it } from 'vitest';
import { toAuditRows } from './audit.ts';

const event = (action: string, extra: Record<string, unknown> = {}) => ({
  councilId: 'c', seq: 1, occurredAt: new Date('2026-11-23T10:15:30Z'), actorUserId: 'u1', actorRoles: ['practitioner'], action,
  recordType: 'child', recordId: 'C1', childId: 'C1', fields: 'case schedule', ip: '10.0.0.1', reason: null, prevHash: '', hash: '', ...extra,
}) as Parameters<typeof toAuditRows>[0][number];
const names = { people: { u1: 'Sam Patel' }, practitioners: {}, teams: { SF1: 'Family Support' }, auditable: ['u1'] };

describe('audit rows', () => {
  it('says what happened in plain words, by name and in UK time, and flags refusals and emergency access', () => {
    const rows = toAuditRows([event('read'), event('denied', { reason: 'not your team' }), event('read', { reason: 'break-glass' })], names);
    expect(rows[0]).toEqual({ when: '23 November 2026 at 10:15', who: 'Sam Patel', whoHref: '/audit/people/u1', action: 'Looked at', what: 'Child C1: case schedule', from: '10.0.0.1', reason: '', flagged: false });
    expect(rows[1]!.action).toBe('Was refused');
    expect(rows[1]!.flagged).toBe(true);
    expect(rows[2]!.flagged).toBe(true);
    expect(rows[2]!.reason).toBe('Emergency access');
    // Summer: UK time is an hour ahead of UTC.
    expect(toAuditRows([event('read', { occurredAt: new Date('2026-07-01T09:05:00Z') })], names)[0]!.when).toBe('1 July 2026 at 10:05');
  });

  it('names non-child records in words, and links a person only when the viewer may open their audit', () => {
    const [row] = toAuditRows([event('read', { recordType: 'team', recordId: 'SF1', childId: null, fields: 'team workload' })], { ...names, auditable: [] });
    expect(row!.what).toBe('Workload of team Family Support: team workload');
    expect(row!.whoHref).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { toAuditRows } from './audit.ts';

const event = (action: string, extra: Record<string, unknown> = {}) => ({
  councilId: 'c', seq: 1, occurredAt: new Date('2026-11-23T10:15:30Z'), actorUserId: 'u1', actorRoles: ['practitioner'], action,
  recordType: 'child', recordId: 'C1', childId: 'C1', fields: 'case schedule', ip: '10.0.0.1', reason: null, prevHash: '', hash: '', ...extra,
}) as Parameters<typeof toAuditRows>[0][number];

describe('audit rows', () => {
  it('says what happened in plain words and flags refusals and emergency access', () => {
    const rows = toAuditRows([event('read'), event('denied', { reason: 'not your team' }), event('read', { reason: 'break-glass' })]);
    expect(rows[0]).toEqual({ when: '2026-11-23 10:15', who: 'u1', action: 'Looked at', what: 'child C1: case schedule', from: '10.0.0.1', reason: '', flagged: false });
    expect(rows[1]!.action).toBe('Was refused');
    expect(rows[1]!.flagged).toBe(true);
    expect(rows[2]!.flagged).toBe(true);
  });

  it('names non-child records by type and id', () => {
    expect(toAuditRows([event('read', { recordType: 'team', recordId: 'SF1', childId: null, fields: 'team workload' })])[0]!.what).toBe('team SF1: team workload');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detailWords, namesWanted, personName, recordWords, type AuditNames, type NameableEvent } from './audit-words.ts';

const names: AuditNames = {
  people: { u1: 'Sam Patel', u2: 'Jo Smith' },
  practitioners: { P99999: 'Sam Patel' },
  teams: { T1: 'Safeguarding North' },
};
const event = (recordType: string, recordId: string | null, extra: Partial<NameableEvent> = {}): NameableEvent =>
  ({ actorUserId: 'u1', recordType, recordId, childId: null, fields: null, ...extra });

/**
 * Every record type written by a recordAudit call in src/ (and every resource kind a refusal
 * records), in plain words: no internal type, no user id.
 */
const CASES: [NameableEvent, string][] = [
  [event('child', 'C123', { childId: 'C123' }), 'Child C123'],
  [event('case_schedule', 'C123', { childId: 'C123' }), 'Visit schedule of child C123'],
  [event('practitioner', 'P99999'), 'Workload of Sam Patel'],
  [event('practitioner_workload', 'P99999'), 'Workload of Sam Patel'],
  [event('team', 'T1'), 'Workload of team Safeguarding North'],
  [event('team_workload', 'T1'), 'Workload of team Safeguarding North'],
  [event('break_glass', 'b6c1e7e2-uuid', { childId: 'C9' }), 'Emergency access to child C9'],
  [event('access_grant', 'g-uuid', { childId: 'C9' }), 'Access to child C9'],
  [event('access_grants', null), 'Access grants to restricted records'],
  [event('audit', 'C5', { fields: 'who looked at this child' }), 'Audit of child C5'],
  [event('audit', 'u2', { fields: 'what this person looked at: CSV download' }), 'Audit of Jo Smith'],
  [event('audit', null, { fields: 'people whose name or email contains “sam”: 2 found' }), 'Audit search'],
  [event('audit_log', 'council-1'), 'The audit log'],
  [event('access_review', 'council-1'), 'Emergency access reviews'],
  [event('session', 'u2'), 'Sign-in of Jo Smith'],
  [event('user', 'u2'), 'Account of Jo Smith'],
  [event('user', null), 'User accounts'],
  [event('users', 'council-1'), 'User accounts'],
  [event('council', 'council-1'), 'The council’s records'],
  [event('council_workforce', 'council-1'), 'The council’s workforce'],
  [event('statistics', '2026-11-23'), 'Service statistics on 23 November 2026'],
  [event('statistics', 'council-1'), 'Service statistics'],
  [event('workload_config', '3'), 'Workload model settings, version 3'],
  [event('workload_config', 'council-1'), 'Workload model settings'],
  [event('import', 'imp-uuid'), 'Imports and returns'],
  [event('imports', 'council-1'), 'Imports and returns'],
  [event('import_upload', 'up-uuid'), 'Files uploaded for import'],
  [event('retention', 'council-1'), 'Retention schedule'],
  [event('records_management', 'council-1'), 'Retention schedule'],
  [event('staff_absence', 'council-1'), 'Staff absences'],
];

describe('the audit log in plain words', () => {
  it.each(CASES)('names %j as "%s"', (e, words) => {
    expect(recordWords(e, names)).toBe(words);
  });

  it('never shows an internal record type or a user id, whatever the record', () => {
    const ids = fc.constantFrom('u1', 'u2', 'u-gone', 'P99999', 'P-gone', 'T1', 'T-gone', null);
    // A child's id is the council's own reference and is shown: those types are left out here.
    const types = fc.constantFrom(...CASES.map(([e]) => e.recordType).filter((t) => t !== 'child' && t !== 'case_schedule'));
    fc.assert(fc.property(types, ids, ids, (recordType, recordId, actor) => {
      const e = event(recordType, recordId, { actorUserId: actor, fields: recordId ? `grant to ${recordId} until 2026-12-23` : null });
      const shown = `${personName(e.actorUserId, names)} ${recordWords(e, names)} ${detailWords(e, names)}`;
      expect(shown).not.toMatch(/\b(u1|u2|u-gone|P99999|P-gone|T-gone)\b/);
      expect(shown).not.toMatch(/_/);
    }));
  });

  it('names the person inside a grant’s details, and when it ends', () => {
    expect(detailWords(event('child', 'C1', { fields: 'grant to u2 until 2026-12-23' }), names)).toBe('access for Jo Smith until 23 December 2026');
    expect(detailWords(event('access_grant', 'g', { fields: 'grant to u2 ended' }), names)).toBe('access for Jo Smith ended');
    expect(detailWords(event('audit_log', 'c', { fields: 'audit of user u2 (CSV download)' }), names)).toBe('audit of Jo Smith (CSV download)');
    expect(detailWords(event('child', 'C1', { fields: 'case schedule' }), names)).toBe('case schedule');
  });

  it('says who acted without an id: a person by name, a command by login, a gone account as gone', () => {
    expect(personName('u1', names)).toBe('Sam Patel');
    expect(personName('operator:alex', names)).toBe('alex (on the server’s command line)');
    expect(personName('someone-deleted', names)).toBe('An account no longer on record');
    expect(personName(null, names)).toBe('Nobody signed in');
  });

  it('asks for the names it will show', () => {
    const wanted = namesWanted([
      event('practitioner', 'P99999'), event('team', 'T1', { actorUserId: 'u2' }), event('child', 'C1', { fields: 'grant to u3 until 2026-01-01' }),
      event('audit', 'u4', { fields: 'what this person looked at' }), event('audit', 'C7', { fields: 'who looked at this child' }),
    ]);
    expect({ ...wanted, userIds: [...wanted.userIds].sort() }).toEqual({ userIds: ['u1', 'u2', 'u3', 'u4'], practitionerIds: ['P99999'], teamIds: ['T1'] });
  });
});

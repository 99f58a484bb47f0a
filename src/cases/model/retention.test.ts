import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { retentionFor } from './retention.ts';

describe('retention schedule', () => {
  it('keeps an open case', () => {
    expect(retentionFor({ childId: 'a', dateOfBirth: '2000-01-01', episodes: [{ kind: 'cin_plan', start_date: '2010-01-01', end_date: null }] }, '2026-11-23').state).toBe('open');
  });

  it('keeps a looked-after record until the 75th birthday, whatever else the child had', () => {
    const r = retentionFor({ childId: 'a', dateOfBirth: '1990-05-17', episodes: [
      { kind: 'cin_plan', start_date: '1995-01-01', end_date: '1996-01-01' },
      { kind: 'looked_after', start_date: '1996-01-01', end_date: '2008-05-17' },
    ] }, '2026-11-23');
    expect(r).toMatchObject({ state: 'keep', governingRule: 'Looked-after child', reviewOn: '2065-05-17' });
  });

  it('marks a closed child in need record for review at 21', () => {
    const r = retentionFor({ childId: 'a', dateOfBirth: '2004-03-01', episodes: [{ kind: 'cin_plan', start_date: '2012-01-01', end_date: '2013-01-01' }] }, '2026-11-23');
    expect(r).toMatchObject({ state: 'due_for_review', reviewOn: '2025-03-01' });
  });

  it('runs family help from closure, and cannot date an age rule without a date of birth', () => {
    expect(retentionFor({ childId: 'a', dateOfBirth: null, episodes: [{ kind: 'family_help', start_date: '2015-01-01', end_date: '2019-06-30' }] }, '2026-11-23'))
      .toMatchObject({ state: 'due_for_review', reviewOn: '2025-06-30' });
    expect(retentionFor({ childId: 'a', dateOfBirth: null, episodes: [{ kind: 'cp_plan', start_date: '2015-01-01', end_date: '2016-01-01' }] }, '2026-11-23').state).toBe('no_date_of_birth');
  });

  test.prop([fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 20000 })])('having been looked after never shortens retention', (closedDaysAgo, ageDays) => {
    const today = '2026-11-23';
    const dob = new Date(Date.UTC(2026, 10, 23) - ageDays * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.UTC(2026, 10, 23) - closedDaysAgo * 86_400_000).toISOString().slice(0, 10);
    const base = [{ kind: 'cin_plan', start_date: '1990-01-01', end_date: end }];
    const without = retentionFor({ childId: 'a', dateOfBirth: dob, episodes: base }, today);
    const withLac = retentionFor({ childId: 'a', dateOfBirth: dob, episodes: [...base, { kind: 'looked_after', start_date: '1990-01-01', end_date: end }] }, today);
    expect(withLac.reviewOn! >= without.reviewOn!).toBe(true);
  });
});

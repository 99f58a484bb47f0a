import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, decideGrant, ROLES, type Action, type Actor, type Role } from './index.ts';

/**
 * Grants to restricted records, listed for review and ended early (issue 12 item 3). Written out
 * by hand from the rule, not computed from the policy: "a grant … can be made only by the child's
 * team manager or a service manager … listed for review"; team managers see their teams'
 * children's grants, service managers and auditors all; ending one is for those who may give one.
 */
const actor = (roles: Role[], teamIds: string[] = ['T1']): Actor =>
  ({ userId: 'me', councilId: 'c1', name: 'Me', roles, practitionerId: null, teamIds, grantedChildIds: [], breakGlassChildIds: [] });
const grants = (teamIds: string[] | undefined, councilId = 'c1') => ({ kind: 'access_grants' as const, councilId, ...(teamIds ? { teamIds } : {}) });

// [role, sees own team's child's grant, sees another team's, ends own team's, ends another team's]
const EXPECT: [Role, boolean, boolean, boolean, boolean][] = [
  ['practitioner', false, false, false, false],
  ['team_manager', true, false, true, false],
  ['service_manager', true, true, true, true],
  ['business_support', false, false, false, false],
  ['performance_analyst', false, false, false, false],
  ['data_officer', false, false, false, false],
  ['system_administrator', false, false, false, false],
  ['auditor', true, true, false, false],
  ['national_analyst', false, false, false, false],
];

describe('grants to restricted records: who sees and who ends them', () => {
  it('covers every role', () => {
    expect(EXPECT.map(([r]) => r).sort()).toEqual([...ROLES].sort());
  });

  it.each(EXPECT)('%s', (role, seesOwn, seesOther, endsOwn, endsOther) => {
    const a = actor([role]);
    expect(decide(a, 'read', grants(['T1'])).allowed).toBe(seesOwn);
    expect(decide(a, 'read', grants(['T2'])).allowed).toBe(seesOther);
    expect(decide(a, 'write', grants(['T1'])).allowed).toBe(endsOwn);
    expect(decide(a, 'write', grants(['T2'])).allowed).toBe(endsOther);
    expect(decide(a, 'break_glass', grants(['T1'])).allowed).toBe(false);
    expect(decide(a, 'read', grants(['T1'], 'c2')).allowed).toBe(false);
  });

  it('lets exactly those end a grant who may give one (decideGrant), for any roles and teams', () => {
    const roles = fc.subarray([...ROLES], { minLength: 1 });
    const teams = fc.subarray(['T1', 'T2', 'T3']);
    fc.assert(fc.property(roles, teams, teams, (r, mine, child) => {
      const a = actor(r as Role[], mine);
      const mayGive = decideGrant(a, { councilId: 'c1', roles: ['practitioner'] }, { councilId: 'c1', teamIds: child }).allowed;
      expect(decide(a, 'write', grants(child)).allowed).toBe(mayGive);
      // Whoever may end a grant may see it.
      if (mayGive) expect(decide(a, 'read', grants(child)).allowed).toBe(true);
    }));
  });

  it('the list itself: team managers by their own teams, the rest by role', () => {
    const actions: Action[] = ['read'];
    for (const action of actions) {
      expect(decide(actor(['team_manager'], ['T1']), action, grants(['T1'])).allowed).toBe(true);
      expect(decide(actor(['team_manager'], []), action, grants([])).allowed).toBe(false);
      expect(decide(actor(['auditor'], []), action, grants(undefined)).allowed).toBe(true);
      expect(decide(actor(['team_manager'], ['T1']), action, grants(undefined)).allowed).toBe(false);
    }
  });
});

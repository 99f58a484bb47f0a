import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../kernel/roles.ts';
import type { GroupRule } from '../kernel/sso-groups.ts';
import { accessFromGroups, hasAccess, readGroupClaim } from './model.ts';

const groupId = fc.uuid();
const rule: fc.Arbitrary<GroupRule> = fc.record({
  groupId,
  roles: fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: 3 }),
  teamIds: fc.uniqueArray(fc.constantFrom('SF1', 'SF2', 'CP1', 'LAC'), { maxLength: 2 }),
  line: fc.nat(),
});
const mappingArb = fc.uniqueArray(rule, { selector: (r) => r.groupId, maxLength: 8 });
/** A mapping and groups someone is in: some mapped, some the mapping has never heard of. */
const scenario = mappingArb.chain((mapping) => fc.record({
  mapping: fc.constant(mapping),
  mine: fc.array(fc.oneof(fc.constantFrom(...(mapping.length ? mapping.map((r) => r.groupId) : ['00000000-0000-0000-0000-000000000000'])), groupId), { maxLength: 12 }),
}));

describe('roles and teams from single sign-on groups', () => {
  it('the order of the groups never matters', () => {
    fc.assert(fc.property(scenario.chain((s) => fc.record({ s: fc.constant(s), shuffled: fc.shuffledSubarray(s.mine, { minLength: s.mine.length, maxLength: s.mine.length }) })), ({ s, shuffled }) => {
      expect(accessFromGroups(s.mapping, shuffled)).toEqual(accessFromGroups(s.mapping, s.mine));
    }));
  });

  it('groups the mapping does not name are ignored', () => {
    fc.assert(fc.property(scenario, fc.array(groupId, { maxLength: 6 }), ({ mapping, mine }, extra) => {
      const unknown = extra.filter((g) => !mapping.some((r) => r.groupId === g.toLowerCase()));
      expect(accessFromGroups(mapping, [...unknown, ...mine, ...unknown])).toEqual(accessFromGroups(mapping, mine));
      expect(accessFromGroups(mapping, unknown)).toEqual({ roles: [], teamIds: [], groupIds: [] });
    }));
  });

  it('gives only real roles, each once, in the order of ROLES: exactly the union of the mapped groups’ roles and teams', () => {
    fc.assert(fc.property(scenario, ({ mapping, mine }) => {
      const access = accessFromGroups(mapping, mine);
      expect(access.roles.every((r) => (ROLES as readonly string[]).includes(r))).toBe(true);
      expect(access.roles).toEqual(ROLES.filter((r) => access.roles.includes(r)));
      const matched = mapping.filter((r) => mine.some((g) => g.toLowerCase() === r.groupId));
      expect(new Set(access.roles)).toEqual(new Set(matched.flatMap((r) => r.roles)));
      expect(access.teamIds).toEqual([...new Set(matched.flatMap((r) => r.teamIds))].sort());
      expect(access.groupIds).toEqual(matched.map((r) => r.groupId).sort());
    }));
  });

  it('matches group ids in any case (Entra writes them in lower case; people paste them in upper)', () => {
    const mapping: GroupRule[] = [{ groupId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', roles: ['team_manager'], teamIds: ['SF1'], line: 1 }];
    expect(accessFromGroups(mapping, ['7C9E6679-7425-40DE-944B-E07FC1F90AE7'])).toEqual({ roles: ['team_manager'], teamIds: ['SF1'], groupIds: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'] });
  });

  it('an account already holding exactly the roles and teams, in any order, needs no change', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.constantFrom(...ROLES)), fc.uniqueArray(fc.constantFrom('A', 'B', 'C')), fc.boolean(), (roles: Role[], teams, more) => {
      expect(hasAccess({ roles: [...roles].reverse(), team_ids: [...teams].reverse() }, { roles, teamIds: teams })).toBe(true);
      const extra = ROLES.find((r) => !roles.includes(r));
      if (more && extra) expect(hasAccess({ roles: [...roles, extra], team_ids: teams }, { roles, teamIds: teams })).toBe(false);
      if (!more && teams.length) expect(hasAccess({ roles, team_ids: teams.slice(1) }, { roles, teamIds: teams })).toBe(false);
    }));
  });
});

describe('the groups claim', () => {
  it('reads the groups, the overage stand-in, or nothing', () => {
    expect(readGroupClaim({ groups: ['a', 7, 'b'] })).toEqual({ kind: 'groups', groupIds: ['a', 'b'] });
    expect(readGroupClaim({ groups: 'a' })).toEqual({ kind: 'groups', groupIds: ['a'] });
    expect(readGroupClaim({ groups: [] })).toEqual({ kind: 'groups', groupIds: [] });
    // Entra ID: more than 200 groups in an ID token (6 in an implicit-flow URL).
    expect(readGroupClaim({ _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/…' } } })).toEqual({ kind: 'overage' });
    expect(readGroupClaim({ hasgroups: true })).toEqual({ kind: 'overage' });
    expect(readGroupClaim({ _claim_names: { roles: 'src1' } })).toEqual({ kind: 'absent' });
    expect(readGroupClaim({ email: 'x@y.z' })).toEqual({ kind: 'absent' });
  });

  it('never throws on whatever a provider sends', () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('groups', '_claim_names', 'hasgroups', 'email'), fc.anything()), (claims) => {
      expect(['groups', 'overage', 'absent']).toContain(readGroupClaim(claims).kind);
    }));
  });
});

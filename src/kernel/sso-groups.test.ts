import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLE_LABELS, ROLES } from './roles.ts';
import { parseGroupMapping, type GroupRule } from './sso-groups.ts';

const G1 = '0f8fad5b-d9cb-469f-a165-70867728950e';
const G2 = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** The file a system administrator would write for these rules (the test's own writer, independent of the parser). */
const write = (rules: readonly Omit<GroupRule, 'line'>[], labels: boolean) => rules.map((r) => [
  r.groupId.toUpperCase(),
  [r.roles.length ? `roles: ${r.roles.map((x) => (labels ? ROLE_LABELS[x] : x)).join(', ')}` : '', r.teamIds.length ? `teams: ${r.teamIds.join(', ')}` : ''].filter(Boolean).join('; '),
].join('   ')).join('\n');

const ruleArb = fc.record({
  groupId: fc.uuid(),
  roles: fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: 3 }),
  teamIds: fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_.-]{1,8}$/), { maxLength: 3 }),
}).filter((r) => r.roles.length + r.teamIds.length > 0);

describe('the single sign-on group mapping file', () => {
  it('reads what an administrator writes, role names or labels, back to the same rules', () => {
    fc.assert(fc.property(fc.uniqueArray(ruleArb, { selector: (r) => r.groupId.toLowerCase(), maxLength: 10 }), fc.boolean(), (rules, labels) => {
      const { mapping, problems } = parseGroupMapping(write(rules, labels));
      expect(problems).toEqual([]);
      expect(mapping.map(({ line: _line, ...r }) => r)).toEqual(rules.map((r) => ({ ...r, groupId: r.groupId.toLowerCase() })));
    }));
  });

  it('skips comments and blank lines, and counts lines as an editor does', () => {
    const text = `\uFEFF# Caseweight groups\r\n\r\n${G1}  roles: practitioner; teams: SF1   # social workers\r\n   \n${G2} role: Team manager`;
    expect(parseGroupMapping(text)).toEqual({
      mapping: [{ groupId: G1, roles: ['practitioner'], teamIds: ['SF1'], line: 3 }, { groupId: G2, roles: ['team_manager'], teamIds: [], line: 5 }],
      problems: [],
    });
  });

  it('names the line of every problem, in plain words, and keeps the good lines', () => {
    const { mapping, problems } = parseGroupMapping([
      `${G1}  roles: practitioner, social worker`,
      'Social Workers  roles: practitioner',
      `${G2}  roles: team_manager; teams: SF 1`,
      `${G2}`,
      `${G1.slice(0, -1)}  roles: auditor`,
      `${G2}  roles: auditor`,
      `${G1}  manager`,
      `${G2}  roles: auditor`,
    ].join('\n'));
    expect(problems).toEqual([
      { line: 1, message: expect.stringMatching(/^there is no role called "social worker"\. The roles are: practitioner, team_manager/) },
      { line: 2, message: expect.stringMatching(/^"Social" is not a group's object id\. Copy the group's Object ID from Entra ID/) },
      { line: 3, message: expect.stringMatching(/^"SF 1" is not a team id\. Use the team ids on the service view, like SF1/) },
      { line: 4, message: expect.stringMatching(/^give group 7c9e6679-7425-40de-944b-e07fc1f90ae7 at least one role or team/) },
      { line: 5, message: expect.stringMatching(/is not a group's object id/) },
      { line: 7, message: expect.stringMatching(/^write "roles: …" or "teams: …" after the group id/) },
      { line: 8, message: `group ${G2} is already on line 6. Put all of a group's roles and teams on one line.` },
    ]);
    expect(mapping).toEqual([{ groupId: G2, roles: ['auditor'], teamIds: [], line: 6 }]);
  });

  it('never throws, and every line it refuses gives no rule', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string(), ruleArb.map((r) => write([r], false)), fc.constant(`${G1} roles: nobody`)), { maxLength: 8 }), (lines) => {
      const { mapping, problems } = parseGroupMapping(lines.join('\n'));
      const refused = new Set(problems.map((p) => p.line));
      expect(mapping.every((r) => !refused.has(r.line) && r.roles.length + r.teamIds.length > 0)).toBe(true);
      expect(problems.every((p) => p.line >= 1 && p.line <= lines.join('\n').split(/\r?\n|\r/).length && p.message.length > 0)).toBe(true);
      expect(new Set(mapping.map((r) => r.groupId)).size).toBe(mapping.length);
    }));
  });
});

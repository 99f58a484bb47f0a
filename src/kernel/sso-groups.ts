/**
 * The council's single sign-on group mapping: which of the identity provider's groups (Entra ID
 * groups, by object id) give which Caseweight roles and teams. Written by a system administrator
 * as a small text file (OIDC_GROUPS_FILE), one group a line:
 *
 *   # Children's services practitioners
 *   1b4e28ba-2fa1-11d2-883f-0016d3cca427  roles: practitioner
 *   6f1c4a52-7d1e-4e0b-9a7e-2b3c4d5e6f70  roles: team manager; teams: SF1, SF2
 *   0c9e8d7f-1a2b-4c3d-8e9f-a0b1c2d3e4f5  teams: SF3
 *
 * Pure: text in, rules and every problem (with its line) out; config.ts reads the file and
 * refuses to start on any problem.
 */
import { parseRole, ROLES, TEAM_ID_PATTERN, type Role } from './roles.ts';

export interface GroupRule {
  /** The group's object id, in lower case. */
  groupId: string;
  roles: readonly Role[];
  teamIds: readonly string[];
  /** Where it was written, for messages. */
  line: number;
}

export type GroupMapping = readonly GroupRule[];

export interface MappingProblem {
  line: number;
  message: string;
}

/** Entra ID names a group by its object id, a GUID; display names change and are not unique. */
const GROUP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXAMPLE_ID = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';

const list = (text: string) => text.split(',').map((t) => t.trim()).filter(Boolean);

/** Reads the mapping; a line with any problem gives no rule, and every problem is listed. */
export function parseGroupMapping(text: string): { mapping: GroupRule[]; problems: MappingProblem[] } {
  const mapping: GroupRule[] = [];
  const problems: MappingProblem[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/#.*$/, '').trim();
    if (!content) return;
    const problem = (message: string) => problems.push({ line, message });
    const [id = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(content)?.slice(1) ?? [];
    if (!GROUP_ID.test(id)) {
      problem(`"${id}" is not a group's object id. Copy the group's Object ID from Entra ID, like ${EXAMPLE_ID}.`);
      return;
    }
    const groupId = id.toLowerCase();
    const roles: Role[] = [];
    const teamIds: string[] = [];
    let ok = true;
    for (const part of rest.split(';').map((p) => p.trim()).filter(Boolean)) {
      const field = /^(roles?|teams?)\s*:\s*(.*)$/i.exec(part);
      if (!field) {
        problem(`write "roles: …" or "teams: …" after the group id, separated by a semicolon (not "${part}").`);
        ok = false;
        continue;
      }
      const values = list(field[2]!);
      if (field[1]!.toLowerCase().startsWith('role')) {
        for (const value of values) {
          const role = parseRole(value);
          if (!role) {
            problem(`there is no role called "${value}". The roles are: ${ROLES.join(', ')}.`);
            ok = false;
          } else if (!roles.includes(role)) roles.push(role);
        }
      } else {
        for (const value of values) {
          if (!TEAM_ID_PATTERN.test(value)) {
            problem(`"${value}" is not a team id. Use the team ids on the service view, like SF1 (letters, numbers, dots, dashes or underscores).`);
            ok = false;
          } else if (!teamIds.includes(value)) teamIds.push(value);
        }
      }
    }
    if (ok && roles.length === 0 && teamIds.length === 0) {
      problem(`give group ${groupId} at least one role or team, like "${groupId}  roles: practitioner; teams: SF1".`);
      ok = false;
    }
    const earlier = seen.get(groupId);
    if (earlier !== undefined) {
      problem(`group ${groupId} is already on line ${earlier}. Put all of a group's roles and teams on one line.`);
      ok = false;
    }
    if (!ok) return;
    seen.set(groupId, line);
    mapping.push({ groupId, roles, teamIds, line });
  });
  return { mapping, problems };
}

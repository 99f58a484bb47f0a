// Every account README.md lists exists in the demo council on any seed date (issue 12 item 10):
// `npm start` seeds the demo as of the day it first runs, so the accounts cannot depend on the date.
import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { inPostOn, openOn } from '../kernel/register.ts';
import { DEMO_COUNCIL } from './council.ts';
import { generateCouncil } from './generate.ts';
import { DEMO_DOMAIN, DEMO_TEAM, planDemoUsers } from './users.ts';

/** The "Demo accounts" table of README.md: email and what the README says the account is. */
const README_ACCOUNTS = [...readFileSync(new URL('../../README.md', import.meta.url), 'utf8').matchAll(/^\| `([^`]+@demo\.caseweight\.example)` \| ([^|]+)\|/gm)]
  .map((m) => ({ email: m[1]!, says: m[2]!.trim() }));

const day = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2029, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));

describe('the demo accounts', () => {
  test('README.md lists the nine accounts, one per role and an ASYE practitioner', () => {
    expect(README_ACCOUNTS.map((a) => a.email.split('@')[0])).toEqual([
      'practitioner', 'asye', 'team.manager', 'service.manager', 'business.support', 'performance.analyst', 'data.officer', 'system.administrator', 'auditor',
    ]);
  });

  test.prop([day], { numRuns: 8, examples: [['2026-12-01'], ['2026-05-04']] })('every account README.md lists is seeded, with its role and team, on any date', (asOf) => {
    const data = generateCouncil({ ...DEMO_COUNCIL, seed: 1, asOf });
    const staff = data.practitioners.filter((p) => inPostOn(p, asOf));
    const open = data.allocations.filter((a) => a.role === 'lead' && openOn(a, asOf));
    const held = (id: string) => open.filter((a) => a.practitioner_id === id).length;
    const plan = planDemoUsers(staff, held, data.teams.map((t) => t.team_id), asOf);
    expect(plan.map((u) => u.email)).toEqual(README_ACCOUNTS.map((a) => a.email));
    const person = (email: string) => {
      const u = plan.find((x) => x.email === email)!;
      return { u, p: staff.find((s) => s.practitioner_id === u.practitionerId) };
    };
    for (const { email } of README_ACCOUNTS) {
      const { u } = person(email);
      const local = email.split('@')[0]!;
      expect(u.roles).toEqual([local === 'asye' ? 'practitioner' : local.replace(/\./g, '_')]);
    }
    // The practitioner: an employed, experienced social worker in SF1 who holds cases.
    const worker = person(`practitioner@${DEMO_DOMAIN}`);
    expect(worker.p).toMatchObject({ role: 'social_worker', team_id: DEMO_TEAM, agency: false, asye_start: null });
    expect(held(worker.p!.practitioner_id)).toBeGreaterThan(0);
    // The ASYE practitioner: in SF1 and within their first year on the seed date.
    const asye = person(`asye@${DEMO_DOMAIN}`);
    expect(asye.p).toMatchObject({ role: 'social_worker', team_id: DEMO_TEAM });
    expect(asye.p!.asye_start! <= asOf && asye.p!.asye_start! > `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4)}`).toBe(true);
    expect(asye.u.teamIds).toEqual([DEMO_TEAM]);
    // SF1's manager, and a head of service who sees every team.
    expect(person(`team.manager@${DEMO_DOMAIN}`).p).toMatchObject({ role: 'team_manager', team_id: DEMO_TEAM });
    expect(person(`service.manager@${DEMO_DOMAIN}`).u.teamIds).toEqual(data.teams.map((t) => t.team_id));
  });
});

import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../model/index.ts';
import { navigationFor } from './navigation.ts';

const actor = (roles: Role[], extra: Partial<Actor> = {}): Actor => ({
  userId: 'u', councilId: 'c', name: 'N', roles, practitionerId: null, teamIds: [], grantedChildIds: [], breakGlassChildIds: [], ...extra,
});
const hrefs = (a: Actor, path = '') => navigationFor(a, path).map((n) => n.href);

describe('navigation, as the access policy decides it', () => {
  it('gives each role the pages it may open', () => {
    expect(hrefs(actor(['practitioner'], { practitionerId: 'P1', teamIds: ['T1'] }))).toEqual(['/my-workload', '/tasks']);
    expect(hrefs(actor(['team_manager'], { practitionerId: 'P9', teamIds: ['T1'] }))).toEqual(['/my-workload', '/teams/T1', '/allocation', '/tasks', '/service', '/settings/workload-model', '/audit']);
    expect(hrefs(actor(['service_manager'], { teamIds: ['T1', 'T2'] }))).toEqual(['/teams/T1', '/teams/T2', '/allocation', '/service', '/settings/workload-model', '/audit']);
    expect(hrefs(actor(['service_manager'], { teamIds: ['T1', 'T2', 'T3'] }))).toEqual(['/allocation', '/service', '/settings/workload-model', '/audit']);
    expect(hrefs(actor(['system_administrator']))).toEqual(['/settings/workload-model', '/imports', '/users']);
    expect(hrefs(actor(['data_officer']))).toEqual(['/allocation/decisions', '/imports']);
    expect(hrefs(actor(['business_support'], { teamIds: ['T1'] }))).toEqual(['/allocation/decisions', '/tasks/queue']);
    expect(hrefs(actor(['auditor']))).toEqual(['/audit']);
  });

  it('marks the current page', () => {
    const items = navigationFor(actor(['team_manager'], { teamIds: ['T1'] }), '/teams/T1');
    expect(items.filter((i) => i.active).map((i) => i.href)).toEqual(['/teams/T1']);
  });
});

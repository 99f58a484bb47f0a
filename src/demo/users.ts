import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { listOpenLeadAllocations } from '../cases/store.ts';
import type { Database } from '../platform/tables.ts';
import { getCouncil, insertCouncil, listPractitionersInPost, type PractitionerRow } from '../workforce/store.ts';
import { inPostOn } from '../kernel/register.ts';
import type { Role } from '../access/model/index.ts';
import { hashPassword } from '../identity/service/passwords.ts';
import { insertGrant } from '../access/store.ts';
import { findUserByEmail, insertUser } from '../identity/store.ts';

/** The demo council's password for every demo account. Fictional data only: never used outside the demo. */
export const DEMO_PASSWORD = 'demo-caseweight-2026';
export const DEMO_TEAM = 'SF1';

export interface DemoUser {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
}

export const DEMO_DOMAIN = 'demo.caseweight.example';
export const demoEmail = (role: string, domain = DEMO_DOMAIN) => `${role.replace(/_/g, '.')}@${domain}`;

export interface DemoAccount extends DemoUser {
  practitionerId: string | null;
  teamIds: string[];
}

/**
 * Which records each demo account is attached to (pure): the SF1 social worker holding most
 * cases, an SF1 social worker in their ASYE year on `asOf` (the generator puts one in every
 * social work team), SF1's manager; the others are not practitioners.
 */
export function planDemoUsers(staff: readonly PractitionerRow[], held: (practitionerId: string) => number, allTeams: readonly string[], asOf: string, domain = DEMO_DOMAIN): DemoAccount[] {
  const team = staff.filter((p) => p.team_id === DEMO_TEAM && inPostOn(p, asOf));
  const worker = team.filter((p) => p.role === 'social_worker' && !p.agency && !p.asye_start).sort((a, b) => held(b.practitioner_id) - held(a.practitioner_id))[0];
  const yearAgo = asOf.replace(/^\d{4}/, (y) => String(Number(y) - 1));
  const asye = team.find((p) => p.role === 'social_worker' && p.asye_start !== null && p.asye_start > yearAgo && p.asye_start <= asOf);
  const manager = team.find((p) => p.role === 'team_manager');
  return [
    { userId: 'demo-practitioner', email: demoEmail('practitioner', domain), name: worker?.name ?? 'Demo Practitioner', roles: ['practitioner'], practitionerId: worker?.practitioner_id ?? null, teamIds: [DEMO_TEAM] },
    ...(asye ? [{ userId: 'demo-asye', email: demoEmail('asye', domain), name: asye.name, roles: ['practitioner'] as Role[], practitionerId: asye.practitioner_id, teamIds: [DEMO_TEAM] }] : []),
    { userId: 'demo-team-manager', email: demoEmail('team_manager', domain), name: manager?.name ?? 'Demo Team Manager', roles: ['team_manager'], practitionerId: manager?.practitioner_id ?? null, teamIds: [DEMO_TEAM] },
    { userId: 'demo-service-manager', email: demoEmail('service_manager', domain), name: 'Morgan Hale', roles: ['service_manager'], practitionerId: null, teamIds: [...allTeams] },
    { userId: 'demo-business-support', email: demoEmail('business_support', domain), name: 'Priya Lawson', roles: ['business_support'], practitionerId: null, teamIds: [DEMO_TEAM] },
    { userId: 'demo-performance-analyst', email: demoEmail('performance_analyst', domain), name: 'Tom Okoro', roles: ['performance_analyst'], practitionerId: null, teamIds: [] },
    { userId: 'demo-data-officer', email: demoEmail('data_officer', domain), name: 'Rae Whitfield', roles: ['data_officer'], practitionerId: null, teamIds: [] },
    { userId: 'demo-system-administrator', email: demoEmail('system_administrator', domain), name: 'Sam Idris', roles: ['system_administrator'], practitionerId: null, teamIds: [] },
    { userId: 'demo-auditor', email: demoEmail('auditor', domain), name: 'Jo Penrose', roles: ['auditor'], practitionerId: null, teamIds: [] },
  ];
}

/**
 * One account per role in the demo council, attached to real records (planDemoUsers). One of
 * the practitioner's children is restricted, with grants for them and their manager only.
 */
export async function seedDemoUsers(db: Kysely<Database>, councilId: string, asOf: string, domain = DEMO_DOMAIN): Promise<DemoUser[]> {
  const staff = await listPractitionersInPost(db, councilId, asOf, DEMO_TEAM);
  const allocations = await listOpenLeadAllocations(db, councilId, asOf, staff.map((p) => p.practitioner_id));
  const held = (id: string) => allocations.filter((a) => a.practitioner_id === id).length;
  const allTeams = (await db.selectFrom('teams').select('team_id').where('council_id', '=', councilId).execute()).map((t) => t.team_id);
  const plan = planDemoUsers(staff, held, allTeams, asOf, domain);
  const worker = plan.find((u) => u.userId === 'demo-practitioner')!;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const u of plan) {
      await insertUser(trx, { council_id: councilId, user_id: u.userId, email: u.email, name: u.name, roles: u.roles, practitioner_id: u.practitionerId, team_ids: u.teamIds, password_hash: passwordHash, oidc_issuer: null, oidc_subject: null });
    }
    const restricted = worker.practitionerId ? allocations.find((a) => a.practitioner_id === worker.practitionerId) : undefined;
    if (restricted) {
      await sql`update children set restricted = true where council_id = ${councilId} and child_id = ${restricted.child_id}`.execute(trx);
      for (const userId of ['demo-practitioner', 'demo-team-manager']) {
        await insertGrant(trx, { council_id: councilId, grant_id: randomUUID(), user_id: userId, child_id: restricted.child_id, reason: 'Allocated worker and team manager of a restricted record (demo)', granted_by: 'seed', expires_at: null });
      }
    }
  });
  return plan.map(({ userId, email, name, roles }) => ({ userId, email, name, roles }));
}

/** The national demo's tenant: a fictional body receiving councils' returns, with one national analyst account. */
export const NATIONAL_TENANT = { councilId: 'national', name: 'National view of councils’ returns (fictional)' };

export async function seedNationalTenant(db: Kysely<Database>, councilId = NATIONAL_TENANT.councilId, domain = DEMO_DOMAIN): Promise<DemoUser> {
  const user: DemoUser = { userId: 'demo-national-analyst', email: demoEmail('national_analyst', domain), name: 'Ada Mensah', roles: ['national_analyst'] };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    if (!(await getCouncil(trx, councilId))) await insertCouncil(trx, { council_id: councilId, name: councilId === NATIONAL_TENANT.councilId ? NATIONAL_TENANT.name : `National view ${councilId}`, la_code: null });
    if (!(await findUserByEmail(trx, user.email))) {
      await insertUser(trx, { council_id: councilId, user_id: user.userId, email: user.email, name: user.name, roles: user.roles, practitioner_id: null, team_ids: [], password_hash: passwordHash, oidc_issuer: null, oidc_subject: null });
    }
  });
  return user;
}

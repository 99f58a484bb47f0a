import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCouncil, type CouncilData } from '../demo/generate.ts';
import { seedCouncil } from '../demo/service.ts';
import { seedDemoUsers } from '../demo/users.ts';
import { insertUser } from '../identity/store.ts';
import { InvalidInputError, NotFoundError } from '../kernel/errors.ts';
import type { Actor, Role } from '../kernel/roles.ts';
import { listAuditEvents, recordAudit } from '../platform/audit.ts';
import type { DatabaseHandle } from '../platform/database.ts';
import { newCouncilId, openTestDatabase, testBackends } from '../../test/support/database.ts';
import { findPeopleToAudit, grantAccess, listGrantsForReview, revokeGrant, searchAudit } from './service.ts';
import { listActiveGrantChildIds } from './store.ts';

const AS_OF = '2026-06-15';
const origin = { ip: '10.0.0.9' };

/** The audit search and the grants review list, through the access service, on each database. */
describe.each(testBackends())('audit search and grants review on %s', (kind) => {
  let database: DatabaseHandle;
  let councilId: string;
  let data: CouncilData;
  const as = (userId: string, roles: Role[], teamIds: string[], practitionerId: string | null = null): Actor =>
    ({ userId, councilId, name: userId, roles, practitionerId, teamIds, grantedChildIds: [], breakGlassChildIds: [] });
  let auditor: Actor;
  let manager: Actor;
  let otherManager: Actor;
  let serviceManager: Actor;
  let practitioner: Actor;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    councilId = newCouncilId();
    data = generateCouncil({ councilId, name: 'Search Borough', seed: 83, asOf: AS_OF, staffScale: 0.3, caseScale: 0.2, recordHistory: false });
    await seedCouncil(database.db, data);
    await seedDemoUsers(database.db, councilId, AS_OF, `${councilId}.test`);
    const extra = [
      { user_id: 'u-sam', name: 'Sam Quillfeather', email: `sam.quillfeather@${councilId}.test`, team_ids: ['SF1'] },
      { user_id: 'u-pat', name: 'Pat Quillon', email: `p.quillon@${councilId}.test`, team_ids: ['SF2'] },
      { user_id: 'u-odd', name: 'Ann 100% Sure_Thing', email: `ann@${councilId}.test`, team_ids: ['SF2'] },
    ];
    for (const u of extra) {
      await insertUser(database.db, { council_id: councilId, ...u, roles: ['practitioner'], practitioner_id: null, password_hash: null, oidc_issuer: null, oidc_subject: null });
    }
    auditor = as('demo-auditor', ['auditor'], []);
    manager = as('demo-team-manager', ['team_manager'], ['SF1']);
    otherManager = as('someone-else', ['team_manager'], ['SF2']);
    serviceManager = as('demo-service-manager', ['service_manager'], []);
    const me = (await database.db.selectFrom('users').select('practitioner_id').where('council_id', '=', councilId).where('user_id', '=', 'demo-practitioner').executeTakeFirstOrThrow()).practitioner_id;
    practitioner = as('demo-practitioner', ['practitioner'], ['SF1'], me);
  });
  afterAll(async () => database?.close());

  it('pages a person’s actions newest first, 50 a page, each entry once', async () => {
    const start = Date.parse('2026-03-01T09:00:00Z');
    for (let i = 0; i < 120; i++) {
      await recordAudit(database.db, { councilId, actorUserId: 'u-sam', actorRoles: ['practitioner'], action: 'read', recordType: 'child', recordId: `C${i}`, childId: `C${i}`, fields: 'case schedule' }, new Date(start + i * 3_600_000));
    }
    const pages = await Promise.all([1, 2, 3].map((page) => searchAudit(database.db, auditor, { userId: 'u-sam', page }, origin)));
    expect(pages.map((p) => p.events.length)).toEqual([50, 50, 20]);
    expect(pages.map((p) => [p.total, p.pages])).toEqual([[120, 3], [120, 3], [120, 3]]);
    const seqs = pages.flatMap((p) => p.events.map((e) => e.seq));
    expect(new Set(seqs).size).toBe(120);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    expect(pages[0]!.events[0]!.recordId).toBe('C119');
    // A page past the end shows the last page.
    expect((await searchAudit(database.db, auditor, { userId: 'u-sam', page: 99 }, origin)).page).toBe(3);
    // Names for the page: the person, never their id.
    expect(pages[0]!.names.people['u-sam']).toBe('Sam Quillfeather');
    expect(pages[0]!.subject).toEqual({ userId: 'u-sam', name: 'Sam Quillfeather' });
  });

  it('filters by UK days: a day in summer time starts at 23:00 UTC the day before', async () => {
    const at = (iso: string, childId: string) =>
      recordAudit(database.db, { councilId, actorUserId: 'u-pat', actorRoles: ['practitioner'], action: 'read', recordType: 'child', recordId: childId, childId }, new Date(iso));
    await at('2026-01-15T00:00:00Z', 'C-15-jan'); // midnight GMT
    await at('2026-06-30T22:59:59Z', 'C-30-june-late'); // 23:59 on 30 June, BST
    await at('2026-06-30T23:00:00Z', 'C-1-july-first'); // 00:00 on 1 July, BST
    await at('2026-07-01T22:59:59Z', 'C-1-july-last'); // 23:59 on 1 July
    await at('2026-07-01T23:00:00Z', 'C-2-july'); // 00:00 on 2 July
    const ids = async (from: string | null, to: string | null) =>
      (await searchAudit(database.db, auditor, { userId: 'u-pat', from, to }, origin)).events.map((e) => e.childId).reverse();
    expect(await ids('2026-07-01', '2026-07-01')).toEqual(['C-1-july-first', 'C-1-july-last']);
    expect(await ids('2026-06-30', '2026-06-30')).toEqual(['C-30-june-late']);
    expect(await ids('2026-01-15', '2026-01-15')).toEqual(['C-15-jan']);
    expect(await ids(null, '2026-06-30')).toEqual(['C-15-jan', 'C-30-june-late']);
    expect(await ids('2026-07-02', null)).toEqual(['C-2-july']);
    // A person on one child.
    expect((await searchAudit(database.db, auditor, { userId: 'u-pat', childId: 'C-2-july' }, origin)).events.map((e) => e.childId)).toEqual(['C-2-july']);
  });

  it('audits each search in its own transaction, with the question in words', async () => {
    await searchAudit(database.db, auditor, { userId: 'u-pat', from: '2026-07-01', to: '2026-07-01', page: 1 }, origin);
    const [last] = await listAuditEvents(database.db, councilId, { actorUserId: 'demo-auditor', limit: 1 });
    expect(last).toMatchObject({ action: 'read', recordType: 'audit', recordId: 'u-pat', fields: 'what this person looked at (from 1 July 2026, to 1 July 2026)', ip: '10.0.0.9' });
    await searchAudit(database.db, auditor, { childId: 'C-2-july' }, origin, 'CSV');
    const [download] = await listAuditEvents(database.db, councilId, { actorUserId: 'demo-auditor', limit: 1 });
    expect(download).toMatchObject({ action: 'export', recordType: 'audit', fields: 'who looked at this child: CSV download', childId: null });
  });

  it('finds people by part of a name or email, in any case, with LIKE’s wildcards taken literally', async () => {
    const names = async (actor: Actor, text: string) => (await findPeopleToAudit(database.db, actor, text, origin)).people.map((p) => p.name);
    expect(await names(auditor, 'QUILL')).toEqual(['Pat Quillon', 'Sam Quillfeather']);
    expect(await names(auditor, 'feather@')).toEqual(['Sam Quillfeather']);
    expect(await names(auditor, '100%')).toEqual(['Ann 100% Sure_Thing']);
    expect(await names(auditor, '%')).toEqual(['Ann 100% Sure_Thing']);
    expect(await names(auditor, 'e_t')).toEqual(['Ann 100% Sure_Thing']);
    // As a wildcard, a_n would match "Ann": taken literally it matches nobody.
    expect(await names(auditor, 'a_n')).toEqual([]);
    // A team manager finds only the people whose actions they may search: their own team's.
    expect(await names(manager, 'quill')).toEqual(['Sam Quillfeather']);
    expect(await names(otherManager, 'quill')).toEqual(['Pat Quillon']);
    const [lookup] = await listAuditEvents(database.db, councilId, { actorUserId: 'someone-else', limit: 1 });
    expect(lookup).toMatchObject({ action: 'read', recordType: 'audit', recordId: null, fields: 'people whose name or email contains “quill”: 1 found' });
    await expect(findPeopleToAudit(database.db, practitioner, 'quill', origin)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a team manager another team’s person, and audits the refusal', async () => {
    await expect(searchAudit(database.db, manager, { userId: 'u-pat' }, origin)).rejects.toBeInstanceOf(NotFoundError);
    const [refusal] = await listAuditEvents(database.db, councilId, { actorUserId: 'demo-team-manager', limit: 1 });
    expect(refusal).toMatchObject({ action: 'denied', recordType: 'audit_log', fields: 'audit of user u-pat' });
    // Either side of a person-on-a-child search is enough: a part of something they may already see.
    const sf1Child = data.allocations.find((a) => a.end_date === null && a.team_id === 'SF1' && a.role === 'lead')!.child_id;
    await expect(searchAudit(database.db, manager, { userId: 'u-pat', childId: sf1Child }, origin)).resolves.toMatchObject({ childId: sf1Child });
  });

  it('searches the whole council by dates alone for auditors and service managers, 31 days at most; a team manager is refused and it is audited', async () => {
    const start = Date.parse('2026-04-10T09:00:00Z');
    for (let i = 0; i < 3; i++) {
      await recordAudit(database.db, { councilId, actorUserId: i === 0 ? 'u-sam' : 'u-pat', actorRoles: ['practitioner'], action: 'read', recordType: 'child', recordId: `D${i}`, childId: `D${i}`, fields: 'case schedule' }, new Date(start + i * 86_400_000));
    }
    const found = await searchAudit(database.db, auditor, { from: '2026-04-10', to: '2026-04-11' }, origin);
    expect(found.events.map((e) => e.recordId)).toEqual(['D1', 'D0']);
    expect(found.names.people).toMatchObject({ 'u-sam': 'Sam Quillfeather', 'u-pat': 'Pat Quillon' });
    expect((await searchAudit(database.db, serviceManager, { from: '2026-04-10', to: '2026-04-12' }, origin)).total).toBe(3);
    const [own] = await listAuditEvents(database.db, councilId, { actorUserId: 'demo-service-manager', limit: 1 });
    expect(own).toMatchObject({ action: 'read', recordType: 'audit', fields: 'everything in the audit log (from 10 April 2026, to 12 April 2026)' });
    await expect(searchAudit(database.db, auditor, { from: '2026-03-01', to: '2026-04-12' }, origin)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(searchAudit(database.db, auditor, { from: '2026-04-10' }, origin)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(searchAudit(database.db, manager, { from: '2026-04-10', to: '2026-04-11' }, origin)).rejects.toBeInstanceOf(NotFoundError);
    const [refusal] = await listAuditEvents(database.db, councilId, { actorUserId: 'demo-team-manager', limit: 1 });
    expect(refusal).toMatchObject({ action: 'denied', recordType: 'audit_log', fields: 'audit of the council by date' });
  });

  it('lists grants for review by team, ends one at once for those who may give one, and refuses a practitioner', async () => {
    // The demo practitioner's restricted case, in SF1 (the demo team manager's team).
    const sf1 = data.allocations.filter((a) => a.end_date === null && a.team_id === 'SF1' && a.role === 'lead').map((a) => a.child_id);
    const restricted = (await database.db.selectFrom('children').select('child_id').where('council_id', '=', councilId).where('restricted', '=', true).where('child_id', 'in', sf1).executeTakeFirstOrThrow()).child_id;
    const now = new Date();
    await grantAccess(database.db, manager, 'u-sam', restricted, 'Covering the allocated worker’s leave', origin, now, 10);
    const sf2Child = data.allocations.find((a) => a.end_date === null && a.team_id === 'SF2' && a.role === 'lead')!.child_id;
    await grantAccess(database.db, serviceManager, 'u-pat', sf2Child, 'Court report for the family', origin, now);

    const seen = async (actor: Actor) => (await listGrantsForReview(database.db, actor, origin, now)).filter((g) => g.reason !== 'Allocated worker and team manager of a restricted record (demo)');
    const managerName = (await database.db.selectFrom('users').select('name').where('council_id', '=', councilId).where('user_id', '=', 'demo-team-manager').executeTakeFirstOrThrow()).name;
    const mine = await seen(manager);
    expect(mine.map((g) => [g.userName, g.childId, g.grantedByName, g.daysLeft, g.state, g.mayRevoke])).toEqual([['Sam Quillfeather', restricted, managerName, 10, 'running', true]]);
    expect((await seen(otherManager)).map((g) => g.childId)).toEqual([sf2Child]);
    expect((await seen(auditor)).map((g) => [g.childId, g.mayRevoke]).sort()).toEqual([[restricted, false], [sf2Child, false]].sort());
    expect((await seen(serviceManager)).every((g) => g.mayRevoke)).toBe(true);
    await expect(listGrantsForReview(database.db, practitioner, origin, now)).rejects.toBeInstanceOf(NotFoundError);

    const grant = mine[0]!;
    expect(await listActiveGrantChildIds(database.db, councilId, 'u-sam', new Date())).toContain(restricted);
    // A practitioner, an auditor and another team's manager may not end it: 404, audited, and the grant runs on.
    for (const actor of [practitioner, auditor, otherManager]) {
      await expect(revokeGrant(database.db, actor, grant.grantId, origin)).rejects.toBeInstanceOf(NotFoundError);
      const [refusal] = await listAuditEvents(database.db, councilId, { actorUserId: actor.userId, limit: 1 });
      expect(refusal).toMatchObject({ action: 'denied', recordType: 'access_grant', recordId: grant.grantId, childId: restricted });
    }
    expect(await listActiveGrantChildIds(database.db, councilId, 'u-sam', new Date())).toContain(restricted);

    await expect(revokeGrant(database.db, manager, grant.grantId, origin)).resolves.toEqual({ childId: restricted, userName: 'Sam Quillfeather' });
    expect(await listActiveGrantChildIds(database.db, councilId, 'u-sam', new Date())).not.toContain(restricted);
    const [ended] = await listAuditEvents(database.db, councilId, { actorUserId: 'demo-team-manager', limit: 1 });
    expect(ended).toMatchObject({ action: 'revoke', recordType: 'access_grant', recordId: grant.grantId, childId: restricted, fields: 'grant to u-sam ended' });
    const after = (await seen(manager)).find((g) => g.grantId === grant.grantId)!;
    expect([after.state, after.mayRevoke, after.daysLeft, after.endedByName]).toEqual(['ended_early', false, null, managerName]);
    // Ending it twice is a plain message, not a second end.
    await expect(revokeGrant(database.db, manager, grant.grantId, origin)).rejects.toBeInstanceOf(InvalidInputError);
  });
});

import { requiredNotices } from '@harbor/policy';
import type { ApprovalPending, ApprovalView, UserView } from '@harbor/policy/api';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalRequests, auditEvents, offices, outboxMessages, partnerAgencies, users } from '../db/schema.js';
import { resolveParty } from '../directory/index.js';
import { demoPassword, demoSecondAdministrator, demoUsername } from '../seed/index.js';
import { Client, signedIn, startTestServer, type Reply, type TestServer } from '../test/harness.js';
import { expectStablePaging } from '../test/paging.js';

/**
 * CF-1: an administrator cannot obtain a child's identity by redirecting the mail that names
 * children, or by giving an account (their own, a puppet's) reach to children's records beyond
 * one office: the change waits for a second administrator, both steps are audited and the HART
 * Director is told.
 */
let server: TestServer;
const db = () => server.db.database.db;
let first: Client;
let second: Client;
let firstId: string;
const directorAddress = 'hart-director@dcf.example.gov';

beforeAll(async () => {
  server = await startTestServer();
  first = await signedIn(server, 'administrator');
  second = new Client(server.baseUrl);
  expect((await second.signIn(demoSecondAdministrator, demoPassword)).status).toBe(200);
  firstId = (await first.get<{ user: { id: string } }>('/api/session')).body.user.id;
});
afterAll(async () => {
  await server.close();
});

const party = async (code: string) => (await db().select().from(partnerAgencies).where(eq(partnerAgencies.code, code)))[0]!;
const officeId = async (code: string) => (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, code)))[0]!.id;
const mailsAbout = async (approvalId: string) =>
  db().select().from(outboxMessages).where(and(eq(outboxMessages.recordType, 'approval_request'), eq(outboxMessages.recordId, approvalId)));
const auditOf = async (action: string, recordId: string) =>
  db().select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.recordId, recordId), eq(auditEvents.outcome, 'success')));
const fields = (r: Reply) => ((r.body as { fields?: { field: string }[] }).fields ?? []).map((f) => f.field);
const pendingOf = (r: Reply) => (r.body as ApprovalPending).approval;

describe('[CF-1] directory redirection waits for a second administrator', () => {
  it('[CF-1] an administrator pointing the HART Director’s address at themselves changes nothing until a second administrator approves; audited; the Director is told at the address in force', async () => {
    const before = await party('HART-DIRECTOR');
    const mine = 'admin.one@dcf.example.gov';
    const asked = await first.patch(`/api/directory/${before.id}`, { email: mine, version: before.version });
    expect(asked.status).toBe(202);
    const approval = pendingOf(asked);
    expect(approval).toMatchObject({ status: 'pending', kind: 'directory.email', targetId: before.id, mine: true, changes: [{ field: 'email', from: directorAddress, to: mine }] });

    // Not in force: the entry and the party every DCF-823 and ongoing DCF-737 resolves to are unchanged.
    expect(await party('HART-DIRECTOR')).toMatchObject({ email: directorAddress, version: before.version });
    const ongoing = requiredNotices({ context: 'ongoing', townName: 'Hartford' }).find((n) => n.party === 'hart_director')!;
    expect((await resolveParty(db(), ongoing)).email).toBe(directorAddress);

    // A retried request answers the first: one pending change, one mail.
    const again = await first.patch(`/api/directory/${before.id}`, { email: mine, version: before.version });
    expect(again.status).toBe(202);
    expect(pendingOf(again).id).toBe(approval.id);
    expect(await db().select().from(approvalRequests).where(eq(approvalRequests.targetId, before.id))).toHaveLength(1);
    // A different change to the same party while one is pending is refused.
    expect((await second.patch(`/api/directory/${before.id}`, { email: 'admin.two@dcf.example.gov', version: before.version })).status).toBe(409);

    expect(await auditOf('approval.request', approval.id)).toHaveLength(1);
    const told = await mailsAbout(approval.id);
    expect(told.map((m) => [m.toAddress, m.partyKind])).toEqual([[directorAddress, 'hart_director']]);
    expect(told[0]!.subject).toMatch(/awaits a second administrator/);
    expect(told[0]!.bodyText).toContain(mine);

    // The same administrator cannot approve their own request.
    const self = await first.post(`/api/approvals/${approval.id}/approve`, {});
    expect(self.status).toBe(403);
    expect((await party('HART-DIRECTOR')).email).toBe(directorAddress);
    const [denied] = await db().select().from(auditEvents).where(eq(auditEvents.requestId, self.headers.get('x-request-id')!));
    expect(denied).toMatchObject({ action: 'approval.approve', outcome: 'denied', userId: firstId });

    // The list shows it to the second administrator, who approves it.
    const listed = await second.get<{ items: ApprovalView[] }>('/api/approvals');
    expect(listed.body.items.find((a) => a.id === approval.id)).toMatchObject({ status: 'pending', mine: false, requestedBy: { id: firstId } });
    const ok = await second.post<ApprovalView>(`/api/approvals/${approval.id}/approve`, {});
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', decidedBy: { id: expect.any(String) } });
    expect(await party('HART-DIRECTOR')).toMatchObject({ email: mine, version: before.version + 1 });
    expect(await auditOf('approval.approve', approval.id)).toHaveLength(1);
    const [applied] = await auditOf('directory.update', before.id);
    expect(applied!.detail).toMatchObject({ fields: ['email'], approvalId: approval.id });
    // The approval is told to the address that was in force until then, the real Director's.
    const all = await mailsAbout(approval.id);
    expect(all.map((m) => m.toAddress)).toEqual([directorAddress, directorAddress]);
    expect(all.map((m) => m.idempotencyKey).sort()).toEqual([`approval:${approval.id}:approved`, `approval:${approval.id}:requested`]);
    // Decided once: approving again is refused.
    expect((await second.post(`/api/approvals/${approval.id}/approve`, {})).status).toBe(409);

    // Put the Director's address back for the tests below (a second request, approved by the first administrator).
    const current = await party('HART-DIRECTOR');
    const back = await second.patch(`/api/directory/${current.id}`, { email: directorAddress, version: current.version });
    expect((await first.post(`/api/approvals/${pendingOf(back).id}/approve`, {})).status).toBe(200);
    expect((await party('HART-DIRECTOR')).email).toBe(directorAddress);
  });

  it('[CF-1] a rejected address change is never applied; the reason is required; audited; the Director told', async () => {
    const pd = await party('PD-HARTFORD');
    const asked = await first.patch(`/api/directory/${pd.id}`, { email: 'records@hartford-pd.example.org', version: pd.version });
    expect(asked.status).toBe(202);
    const id = pendingOf(asked).id;
    const noReason = await second.post(`/api/approvals/${id}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(fields(noReason)).toEqual(['reason']);
    const rejected = await second.post<ApprovalView>(`/api/approvals/${id}/reject`, { reason: 'Not the department’s address' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Not the department’s address' });
    expect(await party('PD-HARTFORD')).toMatchObject({ email: pd.email, version: pd.version });
    expect(await auditOf('approval.reject', id)).toHaveLength(1);
    expect((await mailsAbout(id)).map((m) => m.idempotencyKey).sort()).toEqual([`approval:${id}:rejected`, `approval:${id}:requested`]);
    expect((await second.get<{ items: ApprovalView[] }>('/api/approvals?status=rejected')).body.items.map((a) => a.id)).toContain(id);
  });

  it('[CF-1] refuses an address outside the agency’s mail domains for a party inside the agency, naming the field; an outside party’s address is its own', async () => {
    const lead = await party('HART-LEAD-R4');
    const outside = await first.patch(`/api/directory/${lead.id}`, { email: 'hart.lead@mail.example.com', version: lead.version });
    expect(outside.status).toBe(400);
    expect(fields(outside)).toEqual(['email']);
    const lookalike = await first.patch(`/api/directory/${lead.id}`, { email: 'hart.lead@dcf.example.gov.example.com', version: lead.version });
    expect(lookalike.status).toBe(400);
    expect(await party('HART-LEAD-R4')).toMatchObject({ email: lead.email, version: lead.version });
    // A phone number changes at once, an address naming no child too (a designated hospital).
    expect((await first.patch(`/api/directory/${lead.id}`, { phone: '860-555-0142', version: lead.version })).status).toBe(200);
    const hospital = await party('HOSP-NEW-HAVEN');
    expect((await first.patch(`/api/directory/${hospital.id}`, { email: 'ed@new-haven-medical.example.org', version: hospital.version })).status).toBe(200);
  });
});

describe('[CF-1] reach to children’s records waits for a second administrator', () => {
  it('[CF-1] a puppet account given statewide reach cannot read a referral until a second administrator approves; the one who asked cannot approve', async () => {
    const co = await officeId('CO');
    // A puppet with statewide reach from the start: nothing is created.
    const wide = await first.post('/api/users', { username: 'puppet.wide', displayName: 'Puppet Wide', email: null, roles: ['hart_director'], officeId: co, password: 'puppet-password-2026' });
    expect(wide.status).toBe(202);
    expect(pendingOf(wide)).toMatchObject({ kind: 'user.create', targetId: null, reachGained: ['hart_director: statewide'] });
    expect(await db().select().from(users).where(eq(users.username, 'puppet.wide'))).toHaveLength(0);
    expect((await new Client(server.baseUrl).signIn('puppet.wide', 'puppet-password-2026')).status).toBe(401);
    const retried = await first.post('/api/users', { username: 'puppet.wide', displayName: 'Puppet Wide', email: null, roles: ['hart_director'], officeId: co, password: 'puppet-password-2026' });
    expect(pendingOf(retried).id).toBe(pendingOf(wide).id);
    expect((await first.post(`/api/approvals/${pendingOf(wide).id}/approve`, {})).status).toBe(403);
    expect(await db().select().from(users).where(eq(users.username, 'puppet.wide'))).toHaveLength(0);
    expect((await second.post(`/api/approvals/${pendingOf(wide).id}/reject`, { reason: 'No such post' })).status).toBe(200);

    // A narrow puppet is made at once; giving it a statewide role waits.
    const made = await first.post<UserView>('/api/users', { username: 'puppet.narrow', displayName: 'Puppet Narrow', email: 'puppet@dcf.example.gov', roles: ['ongoing_worker'], officeId: co, password: 'puppet-password-2026' });
    expect(made.status).toBe(201);
    const puppet = new Client(server.baseUrl);
    expect((await puppet.signIn('puppet.narrow', 'puppet-password-2026')).status).toBe(200);
    expect((await puppet.post('/api/session/password', { currentPassword: 'puppet-password-2026', newPassword: 'puppet-own-password-2026' })).status).toBe(200);
    const grant = await first.patch(`/api/users/${made.body.id}`, { roles: ['careline_supervisor'], version: made.body.version });
    expect(grant.status).toBe(202);
    const grantId = pendingOf(grant).id;
    expect(pendingOf(grant)).toMatchObject({ kind: 'user.update', reachGained: ['careline_supervisor: statewide'], changes: [{ field: 'roles', from: 'ongoing_worker', to: 'careline_supervisor' }] });
    expect((await first.get<UserView>(`/api/users/${made.body.id}`)).body.roles).toEqual(['ongoing_worker']);
    expect((await puppet.get('/api/referrals?status=submitted')).status).toBe(403);
    expect(await auditOf('approval.request', grantId)).toHaveLength(1);
    expect((await mailsAbout(grantId)).map((m) => m.toAddress)).toEqual([directorAddress]);
    expect((await first.post(`/api/approvals/${grantId}/approve`, {})).status).toBe(403);
    expect((await puppet.get('/api/referrals?status=submitted')).status).toBe(403);

    // Approved by the second administrator: in force, the puppet's session ended, audited, the Director told.
    expect((await second.post(`/api/approvals/${grantId}/approve`, {})).status).toBe(200);
    expect((await puppet.get('/api/referrals?status=submitted')).status).toBe(401);
    expect((await puppet.signIn('puppet.narrow', 'puppet-own-password-2026')).status).toBe(200);
    expect((await puppet.get('/api/referrals?status=submitted')).status).toBe(200);
    expect(await auditOf('approval.approve', grantId)).toHaveLength(1);
    expect(await auditOf('user.update', made.body.id)).toHaveLength(1);
    expect((await mailsAbout(grantId)).map((m) => m.idempotencyKey).sort()).toEqual([`approval:${grantId}:approved`, `approval:${grantId}:requested`]);
  });

  it('[CF-1] an administrator cannot give themselves a role at all, and cannot take over a wide account by resetting its password alone', async () => {
    const me = await first.get<UserView>(`/api/users/${firstId}`);
    const self = await first.patch(`/api/users/${firstId}`, { roles: ['administrator', 'hart_director'], version: me.body.version });
    expect(self.status).toBe(400);
    expect(fields(self)).toEqual(['roles']);
    expect((await first.get('/api/people')).status).toBe(403);

    const director = (await db().select().from(users).where(eq(users.username, demoUsername('hart_director'))))[0]!;
    const reset = await first.post(`/api/users/${director.id}/password`, { password: 'taken-over-password-1', version: director.version });
    expect(reset.status).toBe(202);
    expect(pendingOf(reset)).toMatchObject({ kind: 'user.reset_password', reachGained: ['hart_director: statewide'] });
    expect((await new Client(server.baseUrl).signIn(demoUsername('hart_director'), 'taken-over-password-1')).status).toBe(401);
    expect((await new Client(server.baseUrl).signIn(demoUsername('hart_director'), demoPassword)).status).toBe(200);
    const [row] = await db().select().from(approvalRequests).where(eq(approvalRequests.id, pendingOf(reset).id));
    expect(JSON.stringify(row)).not.toContain('taken-over-password-1');
    expect((await second.post(`/api/approvals/${pendingOf(reset).id}/reject`, { reason: 'The Director did not ask' })).status).toBe(200);
    const [decided] = await db().select().from(approvalRequests).where(eq(approvalRequests.id, pendingOf(reset).id));
    expect(JSON.stringify(decided!.change)).not.toMatch(/argon2/);
  });

  it('[CF-1] moving a HART Lead to another region’s office, or enabling a disabled one, waits; a move within reach and narrowing do not', async () => {
    const lead = await first.post<UserView>('/api/users', { username: 'lead.mover', displayName: 'Lead Mover', email: null, roles: ['hart_lead'], officeId: await officeId('R4-RO'), password: 'lead-password-2026' });
    expect(lead.status).toBe(202);
    expect((await second.post(`/api/approvals/${pendingOf(lead).id}/approve`, {})).status).toBe(200);
    const created = (await db().select().from(users).where(eq(users.username, 'lead.mover')))[0]!;
    const move = await first.patch(`/api/users/${created.id}`, { officeId: await officeId('BPT'), version: created.version });
    expect(move.status).toBe(202);
    expect(pendingOf(move).reachGained).toEqual(['hart_lead: region R1']);
    expect((await first.get<UserView>(`/api/users/${created.id}`)).body.officeCode).toBe('R4-RO');
    expect((await first.post(`/api/approvals/${pendingOf(move).id}/reject`, { reason: 'Withdrawn' })).status).toBe(200);
    const disable = await first.patch<UserView>(`/api/users/${created.id}`, { disabled: true, version: created.version });
    expect(disable.status).toBe(200);
    const enable = await first.patch(`/api/users/${created.id}`, { disabled: false, version: disable.body.version });
    expect(enable.status).toBe(202);
    expect((await first.patch(`/api/users/${created.id}`, { displayName: 'Lead Moved', version: disable.body.version })).status).toBe(200);
    // The account changed after the enabling was asked for: it cannot be approved as shown.
    expect((await second.post(`/api/approvals/${pendingOf(enable).id}/approve`, {})).status).toBe(409);
    expect((await first.get<UserView>(`/api/users/${created.id}`)).body.disabled).toBe(true);
  });

  it('[CF-1] an office where a HART Lead works is not moved to another region (that would widen the Lead’s reach unapproved)', async () => {
    const [ro] = await db().select().from(offices).where(eq(offices.code, 'R4-RO'));
    const r = await first.patch(`/api/offices/${ro!.id}`, { regionCode: 'R1', version: ro!.version });
    expect(r.status).toBe(400);
    expect(fields(r)).toEqual(['regionCode']);
    expect((await db().select().from(offices).where(eq(offices.id, ro!.id)))[0]).toMatchObject({ regionCode: 'R4', version: ro!.version });
  });

  it('[CF-1] refuses a staff address outside the agency’s mail domains, naming the field', async () => {
    const r = await first.post('/api/users', { username: 'outside.mail', displayName: 'Outside Mail', email: 'me@mail.example.com', roles: ['ongoing_worker'], officeId: await officeId('HFD'), password: 'a-long-temporary-password' });
    expect(r.status).toBe(400);
    expect(fields(r)).toEqual(['email']);
    expect(await db().select().from(users).where(eq(users.username, 'outside.mail'))).toHaveLength(0);
  });
});

describe('the approvals list sorted by decision (issue 11)', () => {
  it('lists decided changes oldest-decision-first or newest-decision-first, every one once across pages, only of the status asked; a cursor of the other direction is refused', async () => {
    const secondId = (await second.get<{ user: { id: string } }>('/api/session')).body.user.id;
    const base = Date.parse('2026-03-01T09:00:00Z');
    const minutes = (n: number) => new Date(base + n * 60_000);
    // Asked in one order, decided in another (two decided in the same minute: the id settles it).
    const decidedAfter = [7, 3, 9, 3, 1, 5, 8];
    const made = await db()
      .insert(approvalRequests)
      .values(
        decidedAfter.map((d, i) => ({
          kind: 'directory.email',
          targetType: 'partner_agency',
          targetKey: `sort-test-${i}`,
          targetLabel: `Sort test ${i}`,
          change: {},
          summary: { changes: [], reachGained: [] },
          status: 'approved',
          requestedBy: firstId,
          requestedAt: minutes(i),
          decidedBy: secondId,
          decidedAt: minutes(100 + d),
        })),
      )
      .returning({ id: approvalRequests.id });
    const ours = new Set(made.map((m) => m.id));
    await db().insert(approvalRequests).values({ kind: 'directory.email', targetType: 'partner_agency', targetKey: 'sort-test-rejected', targetLabel: 'Sort test rejected', change: {}, summary: { changes: [], reachGained: [] }, status: 'rejected', requestedBy: firstId, requestedAt: minutes(0), decidedBy: secondId, decidedAt: minutes(102), reason: 'No' });

    const asc = await expectStablePaging<ApprovalView>(second, '/api/approvals?status=approved&sort=decidedAt&dir=asc', (a) => a.id, 2);
    const desc = await expectStablePaging<ApprovalView>(second, '/api/approvals?status=approved&sort=decidedAt&dir=desc', (a) => a.id, 2);
    expect(new Set(asc.map((a) => a.status))).toEqual(new Set(['approved']));
    expect(desc.map((a) => a.id)).toEqual([...asc].reverse().map((a) => a.id));
    const decided = asc.map((a) => a.decidedAt!);
    expect(decided).toEqual([...decided].sort());
    const mine = asc.filter((a) => ours.has(a.id));
    expect(mine.map((a) => a.decidedAt)).toEqual([1, 3, 3, 5, 7, 8, 9].map((d) => minutes(100 + d).toISOString()));
    const tie = mine.filter((a) => a.decidedAt === minutes(103).toISOString()).map((a) => a.id);
    expect(tie).toEqual([...tie].sort());
    // By request (the default order) the same rows come in another order.
    const byRequest = (await second.get<{ items: ApprovalView[] }>('/api/approvals?status=approved&sort=requestedAt&dir=asc&limit=200')).body.items.filter((a) => ours.has(a.id));
    expect(byRequest.map((a) => a.requestedAt)).toEqual(decidedAfter.map((_, i) => minutes(i).toISOString()));

    const rejected = await expectStablePaging<ApprovalView>(second, '/api/approvals?status=rejected&sort=decidedAt&dir=desc', (a) => a.id, 1);
    expect(rejected.every((a) => a.status === 'rejected')).toBe(true);
    // A pending change sorts by when it was asked.
    await expectStablePaging<ApprovalView>(second, '/api/approvals?sort=decidedAt&dir=asc', (a) => a.id, 1);

    const page = await second.get<{ nextCursor: string }>('/api/approvals?status=approved&sort=decidedAt&dir=asc&limit=2');
    const other = await second.get<{ fields?: { field: string }[] }>(`/api/approvals?status=approved&sort=decidedAt&dir=desc&limit=2&cursor=${page.body.nextCursor}`);
    expect(other.status).toBe(400);
    expect(other.body.fields?.[0]?.field).toBe('cursor');
  });
});

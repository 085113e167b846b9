import type { InvestigatorView, ReferralSummaryView, ReferralView, TriageQueueItem } from '@harbor/policy/api';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignments, auditEvents, offices, userRoles, users } from '../db/schema.js';
import { demoPassword, demoUsername } from '../seed/index.js';
import { Client, signedIn, startTestServer, type TestServer } from '../test/harness.js';
import { collectPages } from '../test/paging.js';
import { completeDraft } from '../test/referral-fixtures.js';

/** CL-5 assignment to the Regional Office or SIU and the supervisor's queue; DR-1, DR-2 the HART Director's triage. */
let server: TestServer;
let worker: Client;
let supervisor: Client;
let director: Client;
let investigator: Client;
const db = () => server.db.database.db;
type ErrorBody = { error: string; message: string; fields?: { field: string; message: string }[] };

beforeAll(async () => {
  server = await startTestServer();
  worker = await signedIn(server, 'careline_worker');
  supervisor = await signedIn(server, 'supervisor');
  director = await signedIn(server, 'hart_director');
  investigator = await signedIn(server, 'investigation_worker');
});
afterAll(async () => {
  await server.close();
});

async function submitted(draft: Record<string, unknown> = completeDraft()): Promise<ReferralView> {
  const d = await worker.post<ReferralView>('/api/referrals', draft);
  const s = await worker.post<ReferralView>(`/api/referrals/${d.body.id}/submit`, { version: 1 });
  expect(s.status, JSON.stringify(s.body)).toBe(200);
  return s.body;
}
async function accepted(draft: Record<string, unknown> = completeDraft()): Promise<ReferralView> {
  const r = await submitted(draft);
  const a = await worker.post<ReferralView>(`/api/referrals/${r.id}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: r.version });
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  return a.body;
}
function inTown(town: string) {
  const d = completeDraft();
  d.children[0] = { ...d.children[0]!, townName: town };
  d.places[0] = { ...d.places[0]!, townName: town };
  return d;
}
const userIdOf = async (username: string) => (await db().select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
const investigatorIn = async (officeCode: string) =>
  (
    await db()
      .select({ id: users.id })
      .from(users)
      .innerJoin(offices, eq(offices.id, users.officeId))
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'investigation_worker')))
      .where(eq(offices.code, officeCode))
      .limit(1)
  )[0]!.id;

describe('CL-5 assignment', () => {
  it('[CL-5] on acceptance routes the referral to the Regional Office of the town’s region (audited), into its supervisors’ assignment queue', async () => {
    const r = await accepted(); // Enfield: Manchester Area Office, Region 4
    expect(r.assignedOfficeCode).toBe('R4-RO');
    expect(r.investigatorId).toBeNull();
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'referral.route_to_office'), eq(auditEvents.recordId, r.id)));
    expect(audit?.detail).toMatchObject({ officeCode: 'R4-RO', kind: 'regional_office' });
    // The Hartford supervisor is in Region 4: the Regional Office's referral reaches them.
    const queue = await supervisor.get<{ items: ReferralSummaryView[] }>('/api/referrals/assignment-queue?limit=200');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((q) => q.id)).toContain(r.id);
  });

  it('[CL-5] sends a referral another region’s town to that Regional Office, and one with a foster-parent exploiter to the SIU, out of this supervisor’s queue', async () => {
    const far = await accepted(inTown('Bridgeport'));
    expect(far.assignedOfficeCode).toBe('R1-RO');
    const d = completeDraft();
    d.exploiters[0] = { ...d.exploiters[0]!, relationship: 'foster_parent' };
    const siu = await accepted(d);
    expect(siu.assignedOfficeCode).toBe('SIU');
    const queue = (await collectPages<ReferralSummaryView>(supervisor, '/api/referrals/assignment-queue', 200)).items.map((q) => q.id);
    expect(queue).not.toContain(far.id);
    expect(queue).not.toContain(siu.id);
    const outOfReach = await supervisor.post<ErrorBody>(`/api/referrals/${far.id}/assignment`, { userId: await investigatorIn('BPT'), version: far.version });
    expect(outOfReach.status).toBe(404);
    // Submitted but not accepted: not waiting for assignment.
    const open = await submitted();
    expect(queue).not.toContain(open.id);
  });

  it('[CL-5] a supervisor assigns an investigation worker of the region: audited, the worker reaches the referral, the queue no longer lists it', async () => {
    const r = await accepted();
    const me = await userIdOf(demoUsername('investigation_worker'));
    expect((await investigator.get(`/api/referrals/${r.id}`)).status).toBe(404);

    const notInvestigator = await supervisor.post<ErrorBody>(`/api/referrals/${r.id}/assignment`, { userId: await userIdOf(demoUsername('ongoing_worker')), version: r.version });
    expect(notInvestigator.status).toBe(400);
    expect(notInvestigator.body.fields?.map((f) => f.field)).toEqual(['userId']);
    expect(notInvestigator.body.message).toContain('userId');
    const otherRegion = await supervisor.post<ErrorBody>(`/api/referrals/${r.id}/assignment`, { userId: await investigatorIn('BPT'), version: r.version });
    expect(otherRegion.status).toBe(400);
    expect(otherRegion.body.fields?.map((f) => f.field)).toEqual(['userId']);
    const stale = await supervisor.post<ErrorBody>(`/api/referrals/${r.id}/assignment`, { userId: me, version: r.version - 1 });
    expect(stale.status).toBe(409);

    const ok = await supervisor.post<ReferralView>(`/api/referrals/${r.id}/assignment`, { userId: me, version: r.version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ investigatorId: me, assignedOfficeCode: 'R4-RO', version: r.version + 1 });
    const [ro] = await db().select({ name: offices.name }).from(offices).where(eq(offices.code, 'R4-RO'));
    const [meUser] = await db().select({ name: users.displayName }).from(users).where(eq(users.id, me));
    expect(ok.body, 'the supervisor, who does not read referrals, gets the summary: no draft, no notices').not.toHaveProperty('draft');
    expect(ok.body).not.toHaveProperty('notices');
    const seen = await investigator.get<ReferralView>(`/api/referrals/${r.id}`);
    expect(seen.body, 'people read names, not codes').toMatchObject({ assignedOfficeName: ro!.name, investigatorName: meUser!.name });
    const rows = await db().select().from(assignments).where(and(eq(assignments.recordType, 'referral'), eq(assignments.recordId, r.id), eq(assignments.userId, me), isNull(assignments.endedAt)));
    expect(rows).toHaveLength(1);
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'referral.assign'), eq(auditEvents.recordId, r.id), eq(auditEvents.outcome, 'success')));
    expect(audit?.detail).toMatchObject({ userId: me, officeCode: 'R4-RO' });
    expect((await investigator.get<ReferralView>(`/api/referrals/${r.id}`)).body.id).toBe(r.id);
    expect((await collectPages<ReferralSummaryView>(supervisor, '/api/referrals/assignment-queue', 200)).items.map((q) => q.id)).not.toContain(r.id);
    // The same version again is stale; a Careline worker may not assign.
    expect((await supervisor.post(`/api/referrals/${r.id}/assignment`, { userId: me, version: r.version })).status).toBe(409);
    expect((await worker.post(`/api/referrals/${r.id}/assignment`, { userId: me, version: ok.body.version })).status).toBe(404);
  });

  it('[CL-5] lists the investigation workers a supervisor may assign: the region’s, with the referrals each holds; never another region’s', async () => {
    const investigatorId = await userIdOf(demoUsername('investigation_worker'));
    const list = await supervisor.get<{ items: InvestigatorView[] }>('/api/referrals/investigators?limit=200');
    expect(list.status).toBe(200);
    const codes = new Set(list.body.items.map((i) => i.officeCode));
    const region = await db().select({ code: offices.code }).from(offices).where(eq(offices.regionCode, 'R4'));
    expect([...codes].every((c) => region.some((o) => o.code === c)), [...codes].join()).toBe(true);
    expect(codes.has('HFD')).toBe(true);
    expect(list.body.items.map((i) => i.id)).not.toContain(await investigatorIn('BPT'));
    expect(list.body.items.map((i) => i.id)).not.toContain(await userIdOf(demoUsername('ongoing_worker')));
    const assignedAbove = list.body.items.find((i) => i.id === investigatorId);
    expect(assignedAbove?.openAssignments, 'the worker assigned in the test above holds that referral').toBe(1);
    expect((await worker.get('/api/referrals/investigators')).status).toBe(403);
  });

  it('[CL-5] the SIU’s supervisor has the referrals the SIU rules send there, and assigns only the SIU’s own investigators', async () => {
    const [siuSup] = await db()
      .select({ username: users.username })
      .from(users)
      .innerJoin(offices, eq(offices.id, users.officeId))
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'supervisor')))
      .where(eq(offices.code, 'SIU'));
    expect(siuSup, 'the demo agency has an SIU supervisor').toBeDefined();
    const siu = new Client(server.baseUrl);
    expect((await siu.signIn(siuSup!.username, demoPassword)).status).toBe(200);
    const d = completeDraft();
    d.exploiters[0] = { ...d.exploiters[0]!, relationship: 'foster_parent' };
    const r = await accepted(d);
    expect((await collectPages<ReferralSummaryView>(siu, '/api/referrals/assignment-queue', 200)).items.map((q) => q.id)).toContain(r.id);
    const people = (await collectPages<InvestigatorView>(siu, '/api/referrals/investigators', 200)).items;
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((p) => p.officeCode === 'SIU')).toBe(true);
    const regional = await siu.post<ErrorBody>(`/api/referrals/${r.id}/assignment`, { userId: await investigatorIn('HFD'), version: r.version });
    expect(regional.status).toBe(400);
    const ok = await siu.post<ReferralView>(`/api/referrals/${r.id}/assignment`, { userId: people[0]!.id, version: r.version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ assignedOfficeCode: 'SIU', investigatorId: people[0]!.id });
    expect((await supervisor.post(`/api/referrals/${r.id}/assignment`, { userId: people[0]!.id, version: ok.body.version })).status, 'a regional supervisor cannot reach it').toBe(404);
  });
});

describe('CL-5 one referral of the assignment queue (the assign page)', () => {
  type SummaryBody = ReferralSummaryView & ErrorBody;
  const supervisorIn = async (officeCode: string) => {
    const [row] = await db()
      .select({ username: users.username })
      .from(users)
      .innerJoin(offices, eq(offices.id, users.officeId))
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'supervisor')))
      .where(eq(offices.code, officeCode))
      .limit(1);
    const c = new Client(server.baseUrl);
    expect((await c.signIn(row!.username, demoPassword)).status).toBe(200);
    return c;
  };

  it('[CL-5] answers the summary of a referral waiting in the supervisor’s queue wherever it stands in the queue; audited as a read of it', async () => {
    await accepted();
    await accepted();
    // The last of the queue, however long: the page reads it by id, not from a page of the queue.
    const queue = (await collectPages<ReferralSummaryView>(supervisor, '/api/referrals/assignment-queue', 200)).items;
    expect(queue.length).toBeGreaterThan(1);
    const r2 = queue[queue.length - 1]!;
    const one = await supervisor.get<SummaryBody>(`/api/referrals/${r2.id}/assignment`);
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body).toEqual(r2);
    expect(one.body, 'the summary: no draft, no notices').not.toHaveProperty('draft');
    expect(one.body).not.toHaveProperty('notices');
    const rows = await db().select().from(auditEvents).where(eq(auditEvents.requestId, one.headers.get('x-request-id')!));
    expect(rows.map((a) => [a.action, a.recordType, a.recordId, a.outcome])).toEqual([['referral.read', 'referral', r2.id, 'success']]);
    expect((await supervisor.get<SummaryBody>(`/api/referrals/${queue[0]!.id}/assignment`)).body.id).toBe(queue[0]!.id);
  });

  it('[CL-5] another region’s supervisor, the SIU’s, a Careline worker, and anyone once it is assigned or before it is accepted get 404 with no data; audited as denied', async () => {
    const r = await accepted(); // R4-RO
    const bridgeport = await supervisorIn('BPT');
    const siuSupervisor = await supervisorIn('SIU');
    for (const [who, c] of [['Bridgeport supervisor', bridgeport], ['SIU supervisor', siuSupervisor], ['Careline worker', worker], ['investigator', investigator]] as const) {
      const refused = await c.get<SummaryBody>(`/api/referrals/${r.id}/assignment`);
      expect(refused.status, who).toBe(404);
      expect(refused.body.message, who).toMatch(/^No such referral/);
      expect(JSON.stringify(refused.body), who).not.toContain(r.number);
      const [audit] = await db().select().from(auditEvents).where(eq(auditEvents.requestId, refused.headers.get('x-request-id')!));
      expect(audit, who).toMatchObject({ recordId: r.id, outcome: 'denied' });
    }
    // The other region's own referral is theirs, not this supervisor's.
    const far = await accepted(inTown('Bridgeport'));
    expect((await bridgeport.get(`/api/referrals/${far.id}/assignment`)).status).toBe(200);
    expect((await supervisor.get(`/api/referrals/${far.id}/assignment`)).status).toBe(404);
    // Not accepted yet: not waiting for assignment.
    const open = await submitted();
    expect((await supervisor.get(`/api/referrals/${open.id}/assignment`)).status).toBe(404);
    // Assigned: out of the queue, so out of this read too.
    const me = await userIdOf(demoUsername('investigation_worker'));
    expect((await supervisor.post(`/api/referrals/${r.id}/assignment`, { userId: me, version: r.version })).status).toBe(200);
    expect((await supervisor.get(`/api/referrals/${r.id}/assignment`)).status).toBe(404);
    expect((await supervisor.get(`/api/referrals/${crypto.randomUUID()}/assignment`)).status).toBe(404);
  });
});

describe('CL-5 the investigation workers a supervisor may assign', () => {
  it('[CL-5] lists the active investigation workers of the offices within the supervisor’s reach, with their open assignments; audited', async () => {
    const r = await accepted();
    const me = await userIdOf(demoUsername('investigation_worker'));
    const before = await supervisor.get<{ items: InvestigatorView[] }>('/api/referrals/investigators?limit=200');
    expect(before.status).toBe(200);
    const mine = before.body.items.find((w) => w.id === me);
    expect(mine).toMatchObject({ officeCode: 'HFD' });
    expect(mine?.name).toContain('demo');
    // Region 4's area offices serve the Regional Office; Bridgeport (Region 1) does not.
    expect(before.body.items.map((w) => w.id)).not.toContain(await investigatorIn('BPT'));
    expect(before.body.items.every((w) => w.officeCode !== 'BPT')).toBe(true);
    expect((await supervisor.post(`/api/referrals/${r.id}/assignment`, { userId: me, version: r.version })).status).toBe(200);
    const after = (await collectPages<InvestigatorView>(supervisor, '/api/referrals/investigators', 200)).items.find((w) => w.id === me);
    expect(after?.openAssignments).toBe(mine!.openAssignments + 1);
    const audit = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'referral.investigators'), eq(auditEvents.requestId, before.headers.get('x-request-id')!)));
    expect(audit).toHaveLength(1);
    expect((await worker.get('/api/referrals/investigators')).status).toBe(403);
  });
});

describe('DR-1, DR-2 HART Director triage', () => {
  it('[DR-1] the statewide queue holds every submitted referral with a DCF-737 sent or HT characteristics, accepted or not; never a draft', async () => {
    const acc = await accepted(inTown('Bridgeport'));
    const open = await submitted();
    const notAccepted = await submitted();
    expect((await worker.post(`/api/referrals/${notAccepted.id}/decision`, { decision: 'not_accepted', reasonCode: 'age_18_or_older', version: notAccepted.version })).status).toBe(200);
    const draft = (await worker.post<ReferralView>('/api/referrals', completeDraft())).body;
    const queue = await director.get<{ items: TriageQueueItem[] }>('/api/referrals/triage-queue?limit=200');
    expect(queue.status).toBe(200);
    const byId = new Map(queue.body.items.map((q) => [q.id, q]));
    for (const r of [acc, open, notAccepted]) {
      expect(byId.get(r.id), r.number).toMatchObject({ dcf737Sent: true, htCharacteristics: true, triage: null });
      expect(byId.get(r.id)!.queueReasons).toEqual(['A DCF-737 was sent', 'The referral has HT characteristics']);
    }
    expect(byId.has(draft.id)).toBe(false);
    expect((await supervisor.get('/api/referrals/triage-queue')).status).toBe(403);
  });

  it('[DR-2] triages to the regional HART team and the MDT, or no further action with a reason; audited, version-checked, untriaged stay first', async () => {
    const r = await submitted();
    const noReason = await director.post<ErrorBody>(`/api/referrals/${r.id}/triage`, { outcomes: ['no_further_action'], version: r.version });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields?.map((f) => f.field)).toContain('reason');
    const mixed = await director.post<ErrorBody>(`/api/referrals/${r.id}/triage`, { outcomes: ['mdt', 'no_further_action'], reason: 'x', version: r.version });
    expect(mixed.status).toBe(400);
    expect(mixed.body.fields?.map((f) => f.field)).toContain('outcomes');
    const stale = await director.post<ErrorBody>(`/api/referrals/${r.id}/triage`, { outcomes: ['mdt'], version: r.version - 1 });
    expect(stale.status).toBe(409);

    const ok = await director.post<ReferralView>(`/api/referrals/${r.id}/triage`, { outcomes: ['regional_hart', 'mdt'], version: r.version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.triage).toMatchObject({ outcomes: ['regional_hart', 'mdt'], reason: null });
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'referral.triage'), eq(auditEvents.recordId, r.id), eq(auditEvents.outcome, 'success')));
    expect(audit?.detail).toMatchObject({ outcomes: ['regional_hart', 'mdt'] });

    const other = await submitted();
    const nfa = await director.post<ReferralView>(`/api/referrals/${other.id}/triage`, { outcomes: ['no_further_action'], reason: 'Duplicate of a referral already with the regional HART team', version: other.version });
    expect(nfa.status).toBe(200);
    expect(nfa.body.triage).toMatchObject({ outcomes: ['no_further_action'], reason: 'Duplicate of a referral already with the regional HART team' });

    const untriaged = await submitted();
    const queue = (await collectPages<TriageQueueItem>(director, '/api/referrals/triage-queue', 200)).items;
    const position = (id: string) => queue.findIndex((q) => q.id === id);
    expect(position(untriaged.id)).toBeGreaterThanOrEqual(0);
    expect(position(untriaged.id)).toBeLessThan(position(r.id));
    expect(position(untriaged.id)).toBeLessThan(position(other.id));
    const lastUntriaged = Math.max(...queue.flatMap((q, i) => (q.triage ? [] : [i])));
    const firstTriaged = Math.min(...queue.flatMap((q, i) => (q.triage ? [i] : [])));
    expect(lastUntriaged).toBeLessThan(firstTriaged);
    expect((await worker.post(`/api/referrals/${untriaged.id}/triage`, { outcomes: ['mdt'], version: untriaged.version })).status).toBe(404);
  });
});

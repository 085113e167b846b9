import type { ComplianceView, ObligationView, TimelineView, WorkItemView, WorkOwnerView } from '@harbor/policy/api';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestConsult } from '../consults/index.js';
import { queryRows } from '../db/client.js';
import { auditEvents, obligations, offices, users } from '../db/schema.js';
import { signedIn, startTestServer, type Client, type TestServer } from '../test/harness.js';
import { acceptedReferral, draftIn, staffOf } from '../test/casework-fixtures.js';
import { collectPages, expectStablePaging } from '../test/paging.js';
import { completeDraft } from '../test/referral-fixtures.js';
import { runObligationPass, schedulerOptionsFrom, schedulerReason } from './index.js';
import { raiseObligations, type ObligationContext } from './service.js';

/** Work queues, duties, compliance and the timeline through HTTP (issue 4, items 2, 7, 8). */
let server: TestServer;
const db = () => server.db.database.db;
const h = 3_600_000;
const ids = { hfd: '', bpt: '', referral: '', number: '', investigator: '', version: 0 };
let worker: Client;
let supervisor: Client;
let investigator: Client;
let liaison: Client;
let director: Client;
const ctx = (): ObligationContext => ({ clock: server.clock, vault: server.vault, timeZone: 'America/New_York' });
const pass = () => runObligationPass(server.app.harbor.data.forSystem(schedulerReason), {}, server.clock.now(), schedulerOptionsFrom(server.config));
const officeId = async (code: string) => (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, code)))[0]!.id;
/** The duties acceptance raised (not CL-4's phone call, the Careline worker's own since submission). */
const dutiesOf = async (subjectId: string) => (await db().select().from(obligations).where(eq(obligations.subjectId, subjectId))).filter((d) => d.clause !== 'CL-4');
const consultIn = async (officeCode: string, subjectId: string) =>
  (await db().transaction((tx) => requestConsult(tx, ctx(), ids.investigator, { subjectType: 'referral', subjectId, officeId: officeCode, reason: 'synthetic reason', idempotencyKey: crypto.randomUUID() }))).consult;

async function signInAll() {
  worker = await signedIn(server, 'careline_worker');
  supervisor = await signedIn(server, 'supervisor');
  investigator = await signedIn(server, 'investigation_worker');
  liaison = await signedIn(server, 'hart_liaison');
  director = await signedIn(server, 'hart_director');
}

/** Moves the server's clock; sessions idle out meanwhile, so everyone signs in again. */
async function later(ms: number) {
  server.clock.advance(ms);
  await signInAll();
}

beforeAll(async () => {
  server = await startTestServer();
  ids.hfd = await officeId('HFD');
  ids.bpt = await officeId('BPT');
  ids.investigator = (await db().select({ id: users.id }).from(users).where(eq(users.username, 'demo.investigation-worker')))[0]!.id;
  await signInAll();
  // A Hartford referral (area office HFD), taken now, accepted with a 2-hour response.
  const draft = completeDraft();
  draft.receivedAt = new Date(server.clock.now().getTime() - h).toISOString();
  draft.children[0] = { ...draft.children[0]!, townName: 'Hartford' };
  draft.places = [{ townName: 'Hartford', type: 'business', detail: 'Farm stand' }];
  const created = await worker.post<{ id: string; number: string }>('/api/referrals', draft);
  ids.referral = created.body.id;
  ids.number = created.body.number;
  expect((await worker.post(`/api/referrals/${ids.referral}/submit`, { version: 1 })).status).toBe(200);
  const accepted = await worker.post<{ version: number }>(`/api/referrals/${ids.referral}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: 2 });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  ids.version = accepted.body.version;
});
afterAll(async () => {
  await server.close();
});

describe('duties of an accepted referral', () => {
  it('[CL-6] [IN-7] acceptance raises the referral’s duties, owned by the supervisors of the town’s area office until someone is assigned', async () => {
    const duties = await dutiesOf(ids.referral);
    expect(duties.map((d) => d.clause).sort()).toEqual(['CL-6', 'IN-1', 'IN-3', 'IN-3', 'IN-5', 'IN-6', 'IN-6', 'IN-7']);
    for (const d of duties) expect(d).toMatchObject({ officeId: ids.hfd, ownerRole: 'supervisor', ownerOfficeId: ids.hfd, ownerUserId: null, state: 'open' });
    const mine = (await supervisor.get<{ items: WorkItemView[] }>('/api/work?limit=200')).body.items.filter((w) => w.subjectId === ids.referral);
    // Soonest due first: the 2-hour response time (CL-6, shared by IN-5 and IN-6), then IN-1 and IN-7 the next business day.
    expect(['CL-6', 'IN-5', 'IN-6']).toContain(mine[0]!.clause);
    expect(mine.slice(0, 4).map((w) => w.clause)).not.toContain('IN-7');
    expect(mine.map((w) => w.clause).sort()).toEqual(['CL-6', 'IN-1', 'IN-3', 'IN-3', 'IN-5', 'IN-6', 'IN-6', 'IN-7']);
    expect(mine.map((w) => Date.parse(w.dueAt))).toEqual(mine.map((w) => Date.parse(w.dueAt)).sort((a, b) => a - b));
    for (const w of mine) expect([w.subjectNumber, w.officeCode]).toEqual([ids.number, 'HFD']);
  });

  it('[CL-5] assigning the investigator hands the duties to them, with a history entry', async () => {
    const r = await supervisor.post<{ version: number }>(`/api/referrals/${ids.referral}/assignment`, { userId: ids.investigator, version: ids.version });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const duties = await dutiesOf(ids.referral);
    for (const d of duties) expect(d).toMatchObject({ ownerUserId: ids.investigator, ownerRole: null });
    const one = await investigator.get<ObligationView>(`/api/obligations/${duties[0]!.id}`);
    expect(one.status).toBe(200);
    expect(one.body.history.map((e) => e.kind)).toEqual(['created', 'reassigned']);
    expect(one.body.history[1]!.toUserName).toMatch(/demo/);
  });

  it('shows a worker their duties on My work, overdue first, then by due time', async () => {
    await later(3 * h); // past the 2-hour response time
    await db().transaction((tx) =>
      raiseObligations(tx, ctx(), { kind: 'referral_accepted', at: server.clock.now(), subjects: { referral: crypto.randomUUID() }, officeId: ids.hfd, assigneeId: ids.investigator, facts: { responseDueAt: new Date(server.clock.now().getTime() + 48 * h).toISOString() } }, null),
    );
    await pass();
    const work = (await investigator.get<{ items: WorkItemView[] }>('/api/work?limit=200')).body.items;
    expect(work.length).toBeGreaterThanOrEqual(3);
    const states = work.map((w) => w.state);
    expect(states.lastIndexOf('overdue')).toBeLessThan(states.indexOf('open'));
    expect(work.at(-1)!.state).toBe('open');
    const overdueDue = work.filter((w) => w.state === 'overdue').map((w) => w.dueAt);
    expect([...overdueDue].sort()).toEqual(overdueDue);
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'work.read'), eq(auditEvents.username, 'demo.investigation-worker')));
    expect(audit).toBeDefined();
  });

  it('[IN-7] completes a checklist duty with who, when and the outcome, and refuses a stale version', async () => {
    const [in7] = (await dutiesOf(ids.referral)).filter((d) => d.clause === 'IN-7');
    const stale = await investigator.post(`/api/obligations/${in7!.id}/complete`, { outcome: 'Coordinator consulted', version: in7!.version + 5 });
    expect(stale.status).toBe(409);
    const done = await investigator.post<ObligationView>(`/api/obligations/${in7!.id}/complete`, { outcome: 'Coordinator consulted by phone', who: 'A. Worker', when: server.clock.now().toISOString(), version: in7!.version });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ state: 'done', resolution: { outcome: 'Coordinator consulted by phone', who: 'A. Worker' } });
    expect(done.body.history.at(-1)!.kind).toBe('done');
    expect((await investigator.post(`/api/obligations/${in7!.id}/complete`, { outcome: 'again', version: done.body.version })).status).toBe(409);
  });

  it('[IN-3] marks a duty the policy lets be skipped ("as needed") not needed only with a reason, kept sealed, in its history', async () => {
    const [legal] = (await dutiesOf(ids.referral)).filter((d) => d.completes === 'legal_consulted');
    const page = await investigator.get<ObligationView>(`/api/obligations/${legal!.id}`);
    expect(page.body).toMatchObject({ can: { done: true, notNeeded: true, requestConsult: false }, completedOn: null });
    const missing = await investigator.post<{ fields: { field: string }[] }>(`/api/obligations/${legal!.id}/not-needed`, { version: legal!.version });
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f) => f.field)).toContain('reason');
    const reason = 'REASON-SECRET: no legal question arose; the family court order covers placement';
    const r = await investigator.post<ObligationView>(`/api/obligations/${legal!.id}/not-needed`, { reason, version: legal!.version });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ state: 'not_needed', resolution: { reason } });
    expect(r.body.history.at(-1)!.kind).toBe('not_needed');
    const [stored] = await queryRows<{ resolution_sealed: string }>(db(), sql`select resolution_sealed from obligations where id = ${legal!.id}`);
    expect(stored!.resolution_sealed).not.toContain('REASON-SECRET');
  });

  it('[CL-6] [IN-5] [IN-6] a duty the policy requires cannot be marked not needed; IN-5 and IN-6 are closed on the checklist, not ticked here', async () => {
    const duties = await dutiesOf(ids.referral);
    const cl6 = duties.find((d) => d.clause === 'CL-6')!;
    const view = (await investigator.get<ObligationView>(`/api/obligations/${cl6.id}`)).body;
    expect(view).toMatchObject({ can: { done: true, notNeeded: false }, completedOn: null });
    const waived = await investigator.post<{ message: string }>(`/api/obligations/${cl6.id}/not-needed`, { reason: 'Busy week', version: cl6.version });
    expect(waived.status).toBe(409);
    expect(waived.body.message).toMatch(/requires .*cannot be marked not needed/);
    for (const completes of ['hospital_assessment_decided', 'joint_response_recorded']) {
      const d = duties.find((x) => x.completes === completes)!;
      expect((await investigator.get<ObligationView>(`/api/obligations/${d.id}`)).body).toMatchObject({ can: { done: false, notNeeded: false }, completedOn: 'checklist' });
      const ticked = await investigator.post<{ message: string }>(`/api/obligations/${d.id}/complete`, { outcome: 'Done', version: d.version });
      expect(ticked.status, completes).toBe(409);
      expect(ticked.body.message).toMatch(/investigation checklist/);
    }
    expect((await dutiesOf(ids.referral)).filter((d) => d.state === 'not_needed' || d.state === 'done').map((d) => d.completes).sort()).toEqual(['eligibility_coordinator_consulted', 'legal_consulted']);
  });

  it('only the duty’s owner or a supervisor of its office closes it; the Director who oversees it does not', async () => {
    const rrg = (await dutiesOf(ids.referral)).find((d) => d.completes === 'rrg_consulted')!;
    const seen = await director.get<ObligationView>(`/api/obligations/${rrg.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.can).toEqual({ done: false, notNeeded: false, requestConsult: false });
    const refused = await director.post<{ message: string }>(`/api/obligations/${rrg.id}/complete`, { outcome: 'RRG consulted', version: rrg.version });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/owner, or a supervisor of its office/);
    expect((await supervisor.get<ObligationView>(`/api/obligations/${rrg.id}`)).body.can).toEqual({ done: true, notNeeded: true, requestConsult: false });
    const done = await supervisor.post<ObligationView>(`/api/obligations/${rrg.id}/complete`, { outcome: 'RRG consulted for the absent worker', version: rrg.version });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.resolvedByName).toMatch(/demo supervisor/);
  });
});

describe('[IN-1] at intake, through the intake Program Manager', () => {
  it('[IN-1] the area office’s supervisor requests the HART consult from the duty’s page before anyone is assigned; the request completes IN-1 and reaches the liaisons', async () => {
    const referral = await acceptedReferral(server, { careline: worker, supervisor }, draftIn('Hartford'), false);
    const in1 = (await dutiesOf(referral.id)).find((d) => d.clause === 'IN-1')!;
    expect(in1).toMatchObject({ ownerRole: 'supervisor', ownerUserId: null, state: 'open' });
    const page = await supervisor.get<ObligationView>(`/api/obligations/${in1.id}`);
    expect(page.body.can).toEqual({ done: false, notNeeded: false, requestConsult: true });
    // A supervisor of another area office neither reaches the duty nor may ask for this referral.
    const far = await staffOf(server, 'supervisor', 'BPT');
    expect((await far.client.get(`/api/obligations/${in1.id}`)).status).toBe(404);
    expect((await far.client.post('/api/consults', { subjectType: 'referral', subjectId: referral.id, reason: 'x', idempotencyKey: 'in1-far-0001' })).status).toBe(404);
    // The investigation worker not assigned to it may not either.
    expect((await investigator.post('/api/consults', { subjectType: 'referral', subjectId: referral.id, reason: 'x', idempotencyKey: 'in1-inv-0001' })).status).toBe(404);

    const asked = await supervisor.post<{ number: string; office: { code: string } }>('/api/consults', { subjectType: 'referral', subjectId: referral.id, reason: 'HT (labor) flagged at intake; nobody assigned yet', idempotencyKey: 'in1-pm-0001' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body.office.code).toBe('HFD');
    const after = (await supervisor.get<ObligationView>(`/api/obligations/${in1.id}`)).body;
    expect(after).toMatchObject({ state: 'done', resolution: { outcome: `HART consult ${asked.body.number} requested` }, can: { requestConsult: false } });
  });
});

describe('HART consult duties and reach', () => {
  it('[HL-1] a liaison sees their office’s consult duty, cannot tick or waive it, and cannot read another office’s (404)', async () => {
    const ours = await consultIn(ids.hfd, ids.referral);
    const theirs = await consultIn(ids.bpt, crypto.randomUUID());
    const [hl1] = await dutiesOf(ours.id);
    const [far] = await dutiesOf(theirs.id);
    const work = (await liaison.get<{ items: WorkItemView[] }>('/api/work?limit=200')).body.items;
    expect(work.map((w) => w.id)).toContain(hl1!.id);
    expect(work.map((w) => w.id)).not.toContain(far!.id);
    expect(work.find((w) => w.id === hl1!.id)).toMatchObject({ subjectType: 'consult', subjectNumber: ours.number, completable: false, label: 'Hold the HART consult' });
    const refused = await liaison.post<{ message: string }>(`/api/obligations/${hl1!.id}/complete`, { outcome: 'held', version: hl1!.version });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/Hold the HART consult.*own page/);
    // Nor waived: HL-1 cannot be skipped, and a waiver would silence its escalation.
    const waived = await liaison.post<{ message: string }>(`/api/obligations/${hl1!.id}/not-needed`, { reason: 'Too busy', version: hl1!.version });
    expect(waived.status).toBe(409);
    expect(waived.body.message).toMatch(/cannot be marked not needed/);
    const notFound = await liaison.get<{ error: string }>(`/api/obligations/${far!.id}`);
    expect(notFound.status).toBe(404);
    expect((await liaison.post(`/api/obligations/${far!.id}/not-needed`, { reason: 'x', version: far!.version })).status).toBe(404);
    expect((await director.get(`/api/obligations/${far!.id}`)).status).toBe(200);
  });

  it('shows a supervisor their office’s duties on the unit page, filtered by state', async () => {
    const unit = (await supervisor.get<{ items: WorkItemView[] }>('/api/work/unit?limit=200')).body.items;
    expect(unit.length).toBeGreaterThan(0);
    expect(unit.every((w) => w.officeCode === 'HFD')).toBe(true);
    const overdue = (await supervisor.get<{ items: WorkItemView[] }>('/api/work/unit?state=overdue&limit=200')).body.items;
    expect(overdue.every((w) => w.state === 'overdue')).toBe(true);
    const statewide = (await director.get<{ items: WorkItemView[] }>('/api/work/unit?limit=200')).body.items;
    expect(statewide.some((w) => w.officeCode === 'BPT')).toBe(true);
  });

  it('issue 11: the work lists page every duty once, in due order, within reach and filters; each duty and its record audited', async () => {
    const byDue = (items: WorkItemView[]) => {
      for (let i = 1; i < items.length; i++) expect(items[i - 1]!.dueAt <= items[i]!.dueAt).toBe(true);
    };
    const mine = await expectStablePaging<WorkItemView>(investigator, '/api/work', (w) => w.id, 1);
    byDue(mine);
    const unit = await expectStablePaging<WorkItemView>(supervisor, '/api/work/unit', (w) => w.id, 2);
    byDue(unit);
    expect(unit.every((w) => w.officeCode === 'HFD')).toBe(true);
    const statewide = await expectStablePaging<WorkItemView>(director, '/api/work/unit', (w) => w.id, 5);
    expect(statewide.length).toBeGreaterThan(unit.length);
    const overdue = await expectStablePaging<WorkItemView>(director, '/api/work/unit?state=overdue', (w) => w.id, 2);
    expect(overdue.every((w) => w.state === 'overdue')).toBe(true);
    const owner = mine.find((w) => w.ownerUserId)?.ownerUserId;
    if (owner) expect((await expectStablePaging<WorkItemView>(director, `/api/work/unit?owner=${owner}`, (w) => w.id, 1)).every((w) => w.ownerUserId === owner)).toBe(true);
    // The page's duties and the records they are about are named by the request's audit rows.
    const page = await investigator.get<{ items: WorkItemView[] }>('/api/work?limit=2');
    const rows = await db().select().from(auditEvents).where(eq(auditEvents.requestId, page.headers.get('x-request-id')!));
    const named = new Set(rows.flatMap((r) => [r.recordId, ...((r.detail as { ids?: string[] } | null)?.ids ?? [])]));
    for (const w of page.body.items) {
      expect(named.has(w.id)).toBe(true);
      if (w.subjectType !== 'user') expect(named.has(w.subjectId)).toBe(true);
    }
  });

  it('issue 11: the unit list’s owner filter offers every staff member owning an open duty in the caller’s unit, the same reach as the list', async () => {
    // A Bridgeport worker owns a duty of a Bridgeport referral: outside the Hartford supervisor’s unit.
    const far = await staffOf(server, 'investigation_worker', 'BPT');
    await db().transaction((tx) =>
      raiseObligations(tx, ctx(), { kind: 'referral_accepted', at: server.clock.now(), subjects: { referral: crypto.randomUUID() }, officeId: ids.bpt, assigneeId: far.id, facts: { responseDueAt: new Date(server.clock.now().getTime() + 48 * h).toISOString() } }, null),
    );
    const ownersIn = async (client: Client) => {
      const duties = (await collectPages<WorkItemView>(client, '/api/work/unit', 200)).items;
      return [...new Set(duties.flatMap((w) => (w.ownerUserId ? [w.ownerUserId] : [])))].sort();
    };
    for (const [who, client] of [['supervisor', supervisor], ['director', director]] as const) {
      const owners = await expectStablePaging<WorkOwnerView>(client, '/api/work/unit/owners', (o) => o.id, 1);
      expect(owners.map((o) => o.id).sort(), `${who}: the owners of the unit’s open duties`).toEqual(await ownersIn(client));
      expect(Object.keys(owners[0] ?? {}).sort()).toEqual(['id', 'name']);
    }
    const hfd = (await collectPages<WorkOwnerView>(supervisor, '/api/work/unit/owners', 200)).items.map((o) => o.id);
    expect(hfd).toContain(ids.investigator);
    expect(hfd, 'a supervisor sees only their office’s owners').not.toContain(far.id);
    expect((await collectPages<WorkOwnerView>(director, '/api/work/unit/owners', 200)).items.map((o) => o.id)).toContain(far.id);
    // The Bridgeport supervisor: Bridgeport’s owners only.
    const bptSupervisor = await staffOf(server, 'supervisor', 'BPT');
    const bpt = (await collectPages<WorkOwnerView>(bptSupervisor.client, '/api/work/unit/owners', 200)).items.map((o) => o.id);
    expect(bpt).toContain(far.id);
    expect(bpt).not.toContain(ids.investigator);
    // Staff names only; the read is audited with what it counted.
    const page = await supervisor.get('/api/work/unit/owners?limit=5');
    const [row] = await db().select().from(auditEvents).where(eq(auditEvents.requestId, page.headers.get('x-request-id')!));
    expect(row).toMatchObject({ action: 'work.unit_owners', recordType: 'user', outcome: 'success' });
    // A worker without oversight has no unit.
    expect((await investigator.get('/api/work/unit/owners')).status).toBe(403);
  });

  it('[HL-1] [DR-4] the Director’s compliance view shows an overdue consult and the overdue duties by office', async () => {
    const late = await consultIn(ids.bpt, crypto.randomUUID());
    await later(73 * h);
    await pass();
    const c = await director.get<ComplianceView>('/api/compliance');
    expect(c.status).toBe(200);
    expect(c.body.overdueConsults.map((k) => k.number)).toContain(late.number);
    expect(c.body.consults.overdue).toBeGreaterThanOrEqual(1);
    expect(c.body.consults.shareInTime).toBe(0);
    const bpt = c.body.offices.find((o) => o.code === 'BPT');
    expect(bpt!.byClause.find((b) => b.clause === 'HL-1')!.count).toBeGreaterThanOrEqual(1);
    expect((await director.get('/api/compliance?from=2026-02-01&to=2026-01-01')).status).toBe(400);
  });
});

describe('the case timeline', () => {
  it('lists a referral’s milestones, notices, documents, duties and consults in time order', async () => {
    const t = await worker.get<TimelineView>(`/api/timeline/referral/${ids.referral}`);
    expect(t.status, JSON.stringify(t.body)).toBe(200);
    const kinds = t.body.items.map((i) => i.kind);
    for (const k of ['referral.received', 'referral.submitted', 'referral.decided', 'referral.routed', 'referral.assigned', 'notice', 'document', 'obligation.created', 'obligation.reassigned', 'obligation.done', 'obligation.not_needed', 'consult.requested'] as const) {
      expect(kinds, k).toContain(k);
    }
    const times = t.body.items.map((i) => i.at);
    expect([...times].sort()).toEqual(times);
    expect(JSON.stringify(t.body)).not.toContain('Doeski');
    expect(JSON.stringify(t.body)).not.toContain('REASON-SECRET');
  });

  it('[HL-3] shows the Decision Map’s levels to consult readers only, not to every reader of the referral', async () => {
    await db().execute(sql`update consults set held_at = ${server.clock.now().toISOString()}::timestamptz, risk_sex = 'suspected', risk_labor = 'no_concerns' where subject_id = ${ids.referral}`);
    const held = (t: TimelineView) => t.items.filter((i) => i.kind === 'consult.held');
    const careline = (await worker.get<TimelineView>(`/api/timeline/referral/${ids.referral}`)).body;
    expect(held(careline).length).toBeGreaterThan(0);
    expect(JSON.stringify(careline)).not.toContain('Suspected victim');
    const hart = (await liaison.get<TimelineView>(`/api/timeline/referral/${ids.referral}`)).body;
    expect(held(hart)[0]!.status).toBe('Sex trafficking: Suspected victim; labor trafficking: No concerns identified');
  });

  it('reaches HART staff holding a consult on the record in their office, and no one else outside the referral’s reach (404)', async () => {
    expect((await liaison.get(`/api/timeline/referral/${ids.referral}`)).status).toBe(200);
    const other = await signedIn(server, 'ongoing_worker');
    expect((await other.get(`/api/timeline/referral/${ids.referral}`)).status).toBe(404);
    expect((await worker.get(`/api/timeline/referral/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await director.get(`/api/timeline/case/${crypto.randomUUID()}`)).status).toBe(404);
  });
});

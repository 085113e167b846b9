import type { ConsultSummaryView, ConsultView, HartTeamView, ReferralView, SupportSummaryView, SupportView, TimelineView } from '@harbor/policy/api';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignments, auditEvents, cases, consults, hartMeetings, hartTeamMembers, obligations, offices, people, userRoles, users } from '../db/schema.js';
import { demoPassword } from '../seed/index.js';
import { Client, signedIn, startTestServer, type TestServer } from '../test/harness.js';
import { completeDraft } from '../test/referral-fixtures.js';
import { expectStablePaging } from '../test/paging.js';
import { raiseMonthlyDuties } from './monthly.js';

/** HART consults (HL-1 .. HL-6), local teams (LD-1), support and escalations (LD-2, LD-4, DR-3, DR-4), through HTTP. */
let server: TestServer;
const db = () => server.db.database.db;
let worker: Client, investigator: Client, liaison: Client, lead: Client, director: Client, supervisor: Client;
const roles = ['careline_worker', 'investigation_worker', 'hart_liaison', 'hart_lead', 'hart_director', 'supervisor'] as const;
type ErrorBody = { error: string; message: string; fields?: { field: string; message: string }[] };
const hourMs = 3_600_000;

const userIdOf = async (username: string) => (await db().select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
const officeIdOf = async (code: string) => (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, code)))[0]!.id;
/** A roster user (not a demo sign-in) of a role in an office. */
async function rosterClient(role: string, officeCode: string): Promise<{ client: Client; id: string }> {
  const [u] = await db()
    .select({ id: users.id, username: users.username })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(and(eq(userRoles.role, role), eq(offices.code, officeCode)))
    .orderBy(users.username)
    .limit(1);
  const client = new Client(server.baseUrl);
  expect((await client.signIn(u!.username, demoPassword)).status).toBe(200);
  return { client, id: u!.id };
}

beforeAll(async () => {
  server = await startTestServer();
  server.clock.set(new Date('2026-03-06T15:00:00Z'));
  const clients = await Promise.all(roles.map((r) => signedIn(server, r)));
  [worker, investigator, liaison, lead, director, supervisor] = clients as [Client, Client, Client, Client, Client, Client];
});
afterAll(async () => {
  await server.close();
});

/** An accepted referral about a child in `town`, assigned to the user `investigatorId`. */
async function acceptedReferral(town: string, investigatorId: string): Promise<string> {
  const d = completeDraft();
  d.children[0] = { ...d.children[0]!, townName: town };
  d.places[0] = { ...d.places[0]!, townName: town };
  const r = await worker.post<ReferralView>('/api/referrals', d);
  expect((await worker.post(`/api/referrals/${r.body.id}/submit`, { version: 1 })).status).toBe(200);
  const a = await worker.post<ReferralView>(`/api/referrals/${r.body.id}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: 2 });
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  await db().insert(assignments).values({ recordType: 'referral', recordId: r.body.id, userId: investigatorId });
  return r.body.id;
}

const hold = (c: ConsultView) => ({
  heldAt: server.clock.now().toISOString(),
  participants: [{ name: 'Dana Liaison', role: 'HART liaison' }, { name: 'Officer Ruiz', role: 'Hartford Police Department' }],
  informationReviewed: 'INFO-SECRET: the referral, school attendance, the police report',
  recommendations: 'REC-SECRET: forensic interview at the CAC; safety plan',
  mdtCollaborated: true,
  lawEnforcementAssistance: 'Helped the detective reach the school',
  version: c.version,
});
const noLabor = { labor_disclosed: 'no', labor_evidence: 'no', labor_red_flags: 'none', labor_vulnerability: 'no' };
const mapAnswers = { sex: { sex_disclosed: 'no', sex_evidence: 'no', sex_red_flags: 'one' }, labor: noLabor };

let hfdConsult: ConsultView;

describe('HART consults', () => {
  it('[HL-1] a consult requested on an assigned referral goes to the area office’s liaisons, due 72 hours after the request', async () => {
    const me = await userIdOf('demo.investigation-worker');
    const referralId = await acceptedReferral('Hartford', me);
    const body = { subjectType: 'referral', subjectId: referralId, reason: 'REASON-SECRET: works nights, owes a debt', idempotencyKey: `hl1-${referralId}` };
    const r = await investigator.post<ConsultView>('/api/consults', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ status: 'requested', office: { code: 'HFD' }, subject: { type: 'referral', id: referralId }, reason: body.reason, overdue: false });
    expect(r.body.number).toMatch(/^HC-2026-\d{5}$/);
    expect(new Date(r.body.dueAt!).getTime() - new Date(r.body.requestedAt).getTime()).toBe(72 * hourMs);
    const [duty] = await db().select().from(obligations).where(and(eq(obligations.subjectType, 'consult'), eq(obligations.subjectId, r.body.id)));
    expect(duty).toMatchObject({ clause: 'HL-1', ownerRole: 'hart_liaison', ownerOfficeId: await officeIdOf('HFD'), officeId: await officeIdOf('HFD'), state: 'open' });
    // The reason is sealed at rest.
    const [row] = await db().select().from(consults).where(eq(consults.id, r.body.id));
    expect(JSON.stringify(row)).not.toContain('REASON-SECRET');
    // A retry with the same key answers the first consult.
    const again = await investigator.post<ConsultView>('/api/consults', body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(r.body.id);
    hfdConsult = r.body;
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'consult.request'), eq(auditEvents.recordId, r.body.id)));
    expect(audit).toBeDefined();
  });

  it('[HL-1] the worker who asked reads the consult while assigned to the referral, not after being taken off it', async () => {
    const me = await userIdOf('demo.investigation-worker');
    const referralId = await acceptedReferral('Hartford', me);
    const r = await investigator.post<ConsultView>('/api/consults', { subjectType: 'referral', subjectId: referralId, reason: 'Asked, then reassigned', idempotencyKey: `off-${referralId}` });
    expect(r.status).toBe(201);
    expect((await investigator.get(`/api/consults/${r.body.id}`)).status).toBe(200);
    await db().update(assignments).set({ endedAt: new Date() }).where(and(eq(assignments.recordType, 'referral'), eq(assignments.recordId, referralId), eq(assignments.userId, me)));
    expect((await investigator.get(`/api/consults/${r.body.id}`)).status).toBe(404);
    expect((await investigator.get<{ items: ConsultView[] }>('/api/consults?limit=200')).body.items.map((c) => c.id)).not.toContain(r.body.id);
  });

  it('[HL-1] a referral not assigned to the caller is not found; a referral not accepted is refused by field', async () => {
    const other = await acceptedReferral('Hartford', await userIdOf('sup001'));
    const r = await investigator.post<ErrorBody>('/api/consults', { subjectType: 'referral', subjectId: other, reason: 'x' });
    expect(r.status).toBe(404);
    const d = await worker.post<ReferralView>('/api/referrals', completeDraft());
    await worker.post(`/api/referrals/${d.body.id}/submit`, { version: 1 });
    await db().insert(assignments).values({ recordType: 'referral', recordId: d.body.id, userId: await userIdOf('demo.investigation-worker') });
    const s = await investigator.post<ErrorBody>('/api/consults', { subjectType: 'referral', subjectId: d.body.id, reason: 'x' });
    expect(s.status).toBe(400);
    expect(s.body.fields?.[0]?.field).toBe('subjectId');
  });

  it('[HL-1] a liaison sees the consults of their office only: another office’s liaison gets 404', async () => {
    const list = await liaison.get<{ items: ConsultSummaryView[] }>('/api/consults?limit=200');
    expect(list.body.items.map((c) => c.id)).toContain(hfdConsult.id);
    for (const c of list.body.items) expect(c.office.code).toBe('HFD');
    const bridgeport = await rosterClient('hart_liaison', 'BPT');
    expect((await bridgeport.client.get(`/api/consults/${hfdConsult.id}`)).status).toBe(404);
    expect((await bridgeport.client.get<{ items: ConsultSummaryView[] }>('/api/consults?limit=200')).body.items.map((c) => c.id)).not.toContain(hfdConsult.id);
    for (const c of [lead, director, supervisor, investigator]) expect((await c.get<ConsultView>(`/api/consults/${hfdConsult.id}`)).status).toBe(200);
    const r1Lead = await rosterClient('hart_lead', 'R1-RO');
    expect((await r1Lead.client.get(`/api/consults/${hfdConsult.id}`)).status).toBe(404);
    expect((await liaison.get<ConsultView>(`/api/consults/${hfdConsult.id}`)).body.can).toEqual({ hold: true, decisionMap: true, override: false, enter: false });
  });

  it('[HL-1] [HL-4] [HL-6] the liaison holds the consult: participants, information reviewed, recommendations; HL-1 is done', async () => {
    expect((await lead.post(`/api/consults/${hfdConsult.id}/hold`, hold(hfdConsult))).status).toBe(403);
    const empty = await liaison.post<ErrorBody>(`/api/consults/${hfdConsult.id}/hold`, { ...hold(hfdConsult), participants: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.fields?.[0]?.field).toBe('participants');
    expect((await liaison.post(`/api/consults/${hfdConsult.id}/hold`, { ...hold(hfdConsult), version: 99 })).status).toBe(409);
    const r = await liaison.post<ConsultView>(`/api/consults/${hfdConsult.id}/hold`, hold(hfdConsult));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'held', liaison: { id: await userIdOf('demo.hart-liaison') } });
    expect(r.body.record).toMatchObject({ mdtCollaborated: true, lawEnforcementAssistance: 'Helped the detective reach the school', participants: [{ name: 'Dana Liaison' }, { name: 'Officer Ruiz' }] });
    const [row] = await db().select().from(consults).where(eq(consults.id, hfdConsult.id));
    expect(JSON.stringify(row)).not.toMatch(/INFO-SECRET|REC-SECRET|Officer Ruiz/);
    const duties = await db().select().from(obligations).where(eq(obligations.subjectId, hfdConsult.id));
    expect(duties.find((d) => d.clause === 'HL-1')).toMatchObject({ state: 'done' });
    expect((await liaison.post(`/api/consults/${hfdConsult.id}/hold`, hold(r.body))).status).toBe(409);
    hfdConsult = r.body;
  });

  it('[HL-5] a held consult must be entered within 5 business days, by the liaison who held it', async () => {
    const [duty] = await db().select().from(obligations).where(and(eq(obligations.subjectId, hfdConsult.id), eq(obligations.clause, 'HL-5')));
    // Held Friday 2026-03-06 10:00 New York: five business days later is Friday 2026-03-13 10:00 (daylight time from the 8th).
    expect(duty).toMatchObject({ completes: 'consult_entered', ownerUserId: await userIdOf('demo.hart-liaison'), state: 'open', dueAt: new Date('2026-03-13T14:00:00Z') });
    expect(hfdConsult.enterDueAt).toBe('2026-03-13T14:00:00.000Z');
    expect((await liaison.post<ErrorBody>(`/api/consults/${hfdConsult.id}/enter`, { version: hfdConsult.version })).status).toBe(409); // no Decision Map yet
  });

  it('[HL-3] the Decision Map: a missing answer names its field; complete answers give both levels and keep the path', async () => {
    const missing = await liaison.request<ErrorBody>('PUT', `/api/consults/${hfdConsult.id}/decision-map`, { answers: { sex: mapAnswers.sex, labor: {} }, version: hfdConsult.version });
    expect(missing.status).toBe(400);
    expect(missing.body.fields?.[0]?.field).toBe('answers.labor.labor_disclosed');
    const r = await liaison.request<ConsultView>('PUT', `/api/consults/${hfdConsult.id}/decision-map`, { answers: { sex: { ...mapAnswers.sex, sex_control: 'yes' }, labor: noLabor }, version: hfdConsult.version });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ riskSex: 'at_risk', riskLabor: 'no_concerns' });
    expect(r.body.decisionMap?.sex.path.map((s) => s.question)).toEqual(['sex_disclosed', 'sex_evidence', 'sex_red_flags']);
    expect(r.body.decisionMap?.answers['sex']).toEqual(mapAnswers.sex); // the answer off the path is not kept
    expect(r.body.decisionMap?.labor).toMatchObject({ level: 'no_concerns', levelLabel: 'No concerns identified' });
    hfdConsult = r.body;
  });

  it('[HL-3] a supervisor overrides a level with a reason; never the liaison who held it', async () => {
    // A liaison's role never overrides: the consult is, to that request, out of reach (CF-1: 404).
    expect((await liaison.post(`/api/consults/${hfdConsult.id}/override`, { sex: 'suspected', reason: 'x', version: hfdConsult.version })).status).toBe(404);
    const liaisonId = await userIdOf('demo.hart-liaison');
    await db().insert(userRoles).values({ userId: liaisonId, role: 'supervisor' });
    try {
      expect((await liaison.post(`/api/consults/${hfdConsult.id}/override`, { sex: 'suspected', reason: 'my own', version: hfdConsult.version })).status).toBe(403);
    } finally {
      await db().delete(userRoles).where(and(eq(userRoles.userId, liaisonId), eq(userRoles.role, 'supervisor')));
    }
    const noReason = await supervisor.post<ErrorBody>(`/api/consults/${hfdConsult.id}/override`, { sex: 'suspected', reason: ' ', version: hfdConsult.version });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields?.map((f) => f.field)).toContain('reason');
    const r = await supervisor.post<ConsultView>(`/api/consults/${hfdConsult.id}/override`, { sex: 'suspected', reason: 'OVERRIDE-SECRET: an ad was found', version: hfdConsult.version });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ riskSex: 'suspected', riskLabor: 'no_concerns', override: { sex: { from: 'at_risk', to: 'suspected' }, reason: 'OVERRIDE-SECRET: an ad was found' } });
    expect(r.body.decisionMap?.sex.level).toBe('at_risk');
    const [row] = await db().select().from(consults).where(eq(consults.id, hfdConsult.id));
    expect(JSON.stringify(row)).not.toContain('OVERRIDE-SECRET');
    // The timeline tells the two apart: the hold shows the map's own level, the override the level it put in force.
    const timeline = (await liaison.get<TimelineView>(`/api/timeline/${r.body.subject.type}/${r.body.subject.id}`)).body.items.filter((i) => i.link?.id === hfdConsult.id);
    expect(timeline.find((i) => i.kind === 'consult.held')?.status).toBe('Sex trafficking: At risk; labor trafficking: No concerns identified');
    expect(timeline.find((i) => i.kind === 'consult.overridden')?.status).toBe('Sex trafficking: Suspected victim; labor trafficking: No concerns identified');
    // The map no longer changes after an override.
    expect((await liaison.request('PUT', `/api/consults/${hfdConsult.id}/decision-map`, { answers: mapAnswers, version: r.body.version })).status).toBe(409);
    hfdConsult = r.body;
  });

  it('[HL-5] entering the consult completes its HL-5 duty', async () => {
    const r = await liaison.post<ConsultView>(`/api/consults/${hfdConsult.id}/enter`, { version: hfdConsult.version });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'entered', enteredBy: { id: await userIdOf('demo.hart-liaison') } });
    const [duty] = await db().select().from(obligations).where(and(eq(obligations.subjectId, hfdConsult.id), eq(obligations.clause, 'HL-5')));
    expect(duty?.state).toBe('done');
    const list = await liaison.get<{ items: ConsultSummaryView[] }>('/api/consults?status=entered&limit=200');
    expect(list.body.items.map((c) => c.id)).toContain(hfdConsult.id);
  });

  it('[DR-4] the Director sees every consult statewide; a consult on an open case goes to the case’s office', async () => {
    const bpt = await officeIdOf('BPT');
    const [child] = await db().select({ id: people.id }).from(people).where(and(eq(people.officeId, bpt), eq(people.kind, 'child'))).limit(1);
    const bptSup = await rosterClient('supervisor', 'BPT');
    const caseId = crypto.randomUUID();
    await db().insert(cases).values({ id: caseId, number: 'CASE-TEST-1', officeId: bpt, personId: child!.id, openedAt: server.clock.now(), createdBy: bptSup.id });
    const r = await bptSup.client.post<ConsultView>('/api/consults', { subjectType: 'case', subjectId: caseId, reason: 'An HT concern on an open case' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.office.code).toBe('BPT');
    expect(r.body.subject.number).toBe('CASE-TEST-1');
    const all = (await director.get<{ items: ConsultSummaryView[] }>('/api/consults?limit=200')).body.items.map((c) => c.id);
    expect(all).toEqual(expect.arrayContaining([hfdConsult.id, r.body.id]));
    expect((await lead.get<{ items: ConsultSummaryView[] }>('/api/consults?limit=200')).body.items.map((c) => c.id)).not.toContain(r.body.id);
    expect((await supervisor.post('/api/consults', { subjectType: 'case', subjectId: caseId, reason: 'x' })).status).toBe(404);
    // An overdue consult says so once its 72 hours have passed unheld.
    await db().update(obligations).set({ dueAt: new Date(server.clock.now().getTime() - 1000) }).where(and(eq(obligations.subjectId, r.body.id), eq(obligations.clause, 'HL-1')));
    const late = await director.get<ConsultView>(`/api/consults/${r.body.id}`);
    expect(late.body.overdue).toBe(true);
  });
});

describe('[HL-5] the monthly HART data duty', () => {
  it('[HL-5] raises one duty per liaison per month, and nothing the second time', async () => {
    const ctx = { clock: server.clock, vault: server.vault, timeZone: server.config.timeZone };
    const liaisons = await db().select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'hart_liaison'));
    const first = await db().transaction((tx) => raiseMonthlyDuties(tx, ctx, server.clock.now()));
    expect(first).toBe(liaisons.length);
    expect(await db().transaction((tx) => raiseMonthlyDuties(tx, ctx, new Date('2026-03-20T14:00:00Z')))).toBe(0);
    const me = await userIdOf('demo.hart-liaison');
    const [duty] = await db().select().from(obligations).where(eq(obligations.key, `HL-5:monthly_data_entered:user:${me}:2026-02`));
    expect(duty).toMatchObject({ subjectType: 'user', ownerUserId: me, officeId: await officeIdOf('HFD'), state: 'open', dueAt: new Date('2026-03-11T03:59:59.999Z') });
    // My work names the month, so two open months are told apart.
    const mine = (await liaison.get<{ items: { id: string; subjectNumber: string | null }[] }>('/api/work?limit=200')).body.items.find((w) => w.id === duty!.id);
    expect(mine?.subjectNumber).toBe('2026-02');
    // The next month raises the next month's duties.
    expect(await db().transaction((tx) => raiseMonthlyDuties(tx, ctx, new Date('2026-04-01T14:00:00Z')))).toBe(liaisons.length);
  });

  it('[HL-5] a liaison completes a month’s data; a month not over is refused by field', async () => {
    const r = await liaison.post<{ period: string }>('/api/hart/monthly-data', { period: '2026-02' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const me = await userIdOf('demo.hart-liaison');
    const [duty] = await db().select().from(obligations).where(eq(obligations.key, `HL-5:monthly_data_entered:user:${me}:2026-02`));
    expect(duty?.state).toBe('done');
    const [march] = await db().select().from(obligations).where(eq(obligations.key, `HL-5:monthly_data_entered:user:${me}:2026-03`));
    expect(march?.state).toBe('open'); // another month's duty stays open
    expect((await liaison.post('/api/hart/monthly-data', { period: '2026-02' })).status).toBe(200);
    const future = await liaison.post<ErrorBody>('/api/hart/monthly-data', { period: '2026-03' });
    expect(future.status).toBe(400);
    expect(future.body.fields?.[0]?.field).toBe('period');
    expect((await lead.post('/api/hart/monthly-data', { period: '2026-02' })).status).toBe(403);
  });
});

describe('[LD-1] local HART teams', () => {
  it('[LD-1] the Lead keeps the region’s teams; a liaison sees their office’s team and records a meeting', async () => {
    const hfd = await officeIdOf('HFD');
    const liaisonId = await userIdOf('demo.hart-liaison');
    const teams = await lead.get<HartTeamView[]>('/api/hart/teams');
    expect(teams.status).toBe(200);
    expect(new Set(teams.body.map((t) => t.office.regionCode))).toEqual(new Set(['R4']));
    const added = await lead.post<HartTeamView>(`/api/hart/teams/${hfd}/members`, { userId: liaisonId, teamRole: 'HART liaison' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.members.map((m) => m.userId)).toContain(liaisonId);
    expect((await lead.post(`/api/hart/teams/${hfd}/members`, { userId: liaisonId, teamRole: 'again' })).status).toBe(409);
    const sup = await userIdOf('demo.supervisor');
    const withSup = await director.post<HartTeamView>(`/api/hart/teams/${hfd}/members`, { userId: sup, teamRole: 'Program supervisor' });
    expect(withSup.status).toBe(201);
    expect((await lead.post(`/api/hart/teams/${await officeIdOf('BPT')}/members`, { userId: sup, teamRole: 'x' })).status).toBe(404);

    const mine = await liaison.get<HartTeamView[]>('/api/hart/teams');
    expect(mine.body.map((t) => t.office.code)).toEqual(['HFD']);
    expect(mine.body[0]!.can).toEqual({ manage: false, recordMeeting: true });
    const notOnTeam = await liaison.post<ErrorBody>(`/api/hart/teams/${hfd}/meetings`, { heldAt: server.clock.now().toISOString(), attendeeIds: [await userIdOf('demo.hart-lead')] });
    expect(notOnTeam.status).toBe(400);
    expect(notOnTeam.body.fields?.[0]?.field).toBe('attendeeIds');
    const met = await liaison.post<HartTeamView>(`/api/hart/teams/${hfd}/meetings`, { heldAt: server.clock.now().toISOString(), attendeeIds: [liaisonId, sup], notes: 'NOTES-SECRET: two new referrals' });
    expect(met.status, JSON.stringify(met.body)).toBe(201);
    expect(met.body.lastMeetingAt).toBe(server.clock.now().toISOString());
    expect(met.body.meetings[0]).toMatchObject({ notes: 'NOTES-SECRET: two new referrals', attendees: expect.arrayContaining([expect.objectContaining({ id: sup })]) });
    expect((await supervisor.post(`/api/hart/teams/${hfd}/meetings`, { heldAt: server.clock.now().toISOString(), attendeeIds: [sup] })).status).toBe(403);
    const memberId = withSup.body.members.find((m) => m.userId === sup)!.id;
    const removed = await lead.delete<HartTeamView>(`/api/hart/teams/${hfd}/members/${memberId}`);
    expect(removed.status).toBe(200);
    expect(removed.body.members.map((m) => m.userId)).not.toContain(sup);
    expect((await lead.delete(`/api/hart/teams/${hfd}/members/${memberId}`)).status).toBe(404);
    expect((await director.get<HartTeamView[]>('/api/hart/teams')).body.length).toBeGreaterThanOrEqual(14);
  });

  it('[LD-1] a retried meeting is recorded once; two Leads adding one person at once put them on the team once', async () => {
    const nhv = await officeIdOf('NHV');
    const [nhvLiaison] = await db().insert(users).values({ username: 'nhv.liaison.retry', displayName: 'Avery Retry', email: 'avery.retry@dcf.example.gov', officeId: nhv, passwordHash: 'x' }).returning({ id: users.id });
    await db().insert(userRoles).values({ userId: nhvLiaison!.id, role: 'hart_liaison' });
    const nhvLead = await director.get<HartTeamView[]>('/api/hart/teams');
    expect(nhvLead.body.some((t) => t.office.id === nhv)).toBe(true);

    // Both at once: one is added, the other is told the person is already on the team.
    const both = await Promise.all([
      director.post<HartTeamView>(`/api/hart/teams/${nhv}/members`, { userId: nhvLiaison!.id, teamRole: 'HART liaison' }),
      director.post<HartTeamView>(`/api/hart/teams/${nhv}/members`, { userId: nhvLiaison!.id, teamRole: 'HART liaison' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const active = await db().select().from(hartTeamMembers).where(and(eq(hartTeamMembers.officeId, nhv), eq(hartTeamMembers.userId, nhvLiaison!.id), isNull(hartTeamMembers.endedAt)));
    expect(active).toHaveLength(1);

    const body = { heldAt: server.clock.now().toISOString(), attendeeIds: [nhvLiaison!.id], notes: 'Retried meeting', idempotencyKey: 'meeting-retry-0001' };
    const first = await director.post<HartTeamView>(`/api/hart/teams/${nhv}/meetings`, body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await director.post<HartTeamView>(`/api/hart/teams/${nhv}/meetings`, body);
    expect(again.status).toBe(200);
    expect(again.body.meetings.filter((m) => m.notes === 'Retried meeting')).toHaveLength(1);
    expect(await db().select().from(hartMeetings).where(eq(hartMeetings.idempotencyKey, 'meeting-retry-0001'))).toHaveLength(1);
    const audits = await db().select({ detail: auditEvents.detail }).from(auditEvents).where(and(eq(auditEvents.action, 'hart_team.meeting'), eq(auditEvents.recordId, nhv)));
    expect(audits.filter((a) => (a.detail as { replayed?: boolean }).replayed === true)).toHaveLength(1);
    // The key names one meeting: another office (or another person) cannot reuse it.
    const hfd = await officeIdOf('HFD');
    const reused = await director.post<ErrorBody>(`/api/hart/teams/${hfd}/meetings`, { ...body, attendeeIds: [await userIdOf('demo.hart-liaison')] });
    expect(reused.status).toBe(400);
    expect(reused.body.fields?.[0]?.field).toBe('idempotencyKey');
  });
});

describe('HART support and escalation', () => {
  let request: SupportView;
  it('[LD-2] a liaison asks the region’s Lead for support on a consult; the Lead sees it, another region’s Lead does not', async () => {
    const r = await liaison.post<SupportView>('/api/hart/support', { kind: 'recovery_operation', question: 'QUESTION-SECRET: the child is seen at a motel', consultId: hfdConsult.id });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ status: 'open', kind: 'recovery_operation', office: { code: 'HFD' }, consult: { id: hfdConsult.id }, question: 'QUESTION-SECRET: the child is seen at a motel' });
    expect((await lead.get<{ items: SupportSummaryView[] }>('/api/hart/support?limit=200')).body.items.map((s) => s.id)).toContain(r.body.id);
    expect((await lead.get<SupportView>(`/api/hart/support/${r.body.id}`)).body.can).toEqual({ answer: true, escalate: true, respond: false });
    const r1Lead = await rosterClient('hart_lead', 'R1-RO');
    expect((await r1Lead.client.get(`/api/hart/support/${r.body.id}`)).status).toBe(404);
    const bad = await liaison.post<ErrorBody>('/api/hart/support', { kind: 'other', question: 'x', consultId: crypto.randomUUID() });
    expect(bad.body.fields?.[0]?.field).toBe('consultId');
    request = r.body;
  });

  it('[LD-2] a retried request (same key) is asked once; its answer is audited as a replay', async () => {
    const body = { kind: 'law_enforcement', question: 'Who at the state police handles labor cases?', idempotencyKey: 'support-retry-0001' };
    const first = await liaison.post<SupportView>('/api/hart/support', body);
    const again = await liaison.post<SupportView>('/api/hart/support', body);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    const audits = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'hart_support.request'), eq(auditEvents.recordId, first.body.id))).orderBy(auditEvents.id);
    expect(audits.map((x) => (x.detail as { replayed?: boolean }).replayed ?? false)).toEqual([false, true]);
    // Someone else's key is not theirs to replay.
    const other = await director.post<ErrorBody>('/api/hart/support', body);
    expect(other.status).not.toBe(200);
    expect(JSON.stringify(other.body)).not.toContain('state police');
  });

  it('[LD-2] the Lead answers a request, which closes it', async () => {
    const other = await liaison.post<SupportView>('/api/hart/support', { kind: 'treatment', question: 'Which programs take a 14-year-old?' });
    expect((await director.post(`/api/hart/support/${other.body.id}/answer`, { answer: 'x', version: 1 })).status).toBe(403);
    const a = await lead.post<SupportView>(`/api/hart/support/${other.body.id}/answer`, { answer: 'Call the regional resource group', version: 1 });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ status: 'answered', answer: { text: 'Call the regional resource group' } });
    expect((await lead.post(`/api/hart/support/${other.body.id}/escalate`, { reason: 'x', version: a.body.version })).status).toBe(409);
    expect((await liaison.get<SupportView>(`/api/hart/support/${other.body.id}`)).body.answer?.text).toBe('Call the regional resource group');
  });

  it('[LD-4] [DR-3] [DR-4] the Lead escalates; the Director sees every escalation first and answers it', async () => {
    const e = await lead.post<SupportView>(`/api/hart/support/${request.id}/escalate`, { reason: 'Needs the State Police and a second region', version: request.version });
    expect(e.status, JSON.stringify(e.body)).toBe(200);
    expect(e.body).toMatchObject({ status: 'escalated', escalation: { reason: 'Needs the State Police and a second region' } });
    const list = await director.get<{ items: SupportSummaryView[] }>('/api/hart/support?limit=200');
    expect(list.body.items[0]).toMatchObject({ id: request.id, status: 'escalated' });
    expect((await director.get<{ items: SupportSummaryView[] }>('/api/hart/support?status=escalated&limit=200')).body.items.map((s) => s.id)).toEqual([request.id]);
    expect((await lead.post(`/api/hart/support/${request.id}/director-response`, { response: 'x', version: e.body.version })).status).toBe(403);
    const d = await director.post<SupportView>(`/api/hart/support/${request.id}/director-response`, { response: 'I will call the State Police today', version: e.body.version });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ status: 'resolved', directorResponse: { text: 'I will call the State Police today' } });
    expect((await liaison.get<SupportView>(`/api/hart/support/${request.id}`)).body.directorResponse?.text).toBe('I will call the State Police today');
  });
});

describe('issue 11: lists page, retries stay in scope, every record shown is audited', () => {
  it('GET /api/consults pages every consult in reach once, in a stable order, within scope and filters', async () => {
    const all = await expectStablePaging<ConsultSummaryView>(director, '/api/consults', (c) => c.id, 2);
    expect(all.length).toBeGreaterThan(2);
    // Open ones first, then by request time.
    const rank = (s: string) => (s === 'requested' ? 0 : s === 'held' ? 1 : 2);
    const keys = all.map((c) => [rank(c.status), c.requestedAt] as const);
    for (let i = 1; i < keys.length; i++) expect(keys[i - 1]![0] < keys[i]![0] || (keys[i - 1]![0] === keys[i]![0] && keys[i - 1]![1] <= keys[i]![1])).toBe(true);
    const hfd = await officeIdOf('HFD');
    const mine = await expectStablePaging<ConsultSummaryView>(liaison, '/api/consults', (c) => c.id, 1);
    for (const c of mine) expect(c.office.code).toBe('HFD');
    const byOffice = await expectStablePaging<ConsultSummaryView>(director, `/api/consults?officeId=${hfd}`, (c) => c.id, 1);
    expect(byOffice.map((c) => c.id).sort()).toEqual(all.filter((c) => c.office.id === hfd).map((c) => c.id).sort());
    const bySubject = await expectStablePaging<ConsultSummaryView>(director, `/api/consults?subjectId=${hfdConsult.subject.id}`, (c) => c.id, 1);
    expect(bySubject.map((c) => c.id)).toEqual([hfdConsult.id]);
    const requested = await expectStablePaging<ConsultSummaryView>(director, '/api/consults?status=requested', (c) => c.id, 1);
    for (const c of requested) expect(c.status).toBe('requested');
  });

  it('GET /api/hart/support pages every request in reach once, escalations first', async () => {
    const all = await expectStablePaging<SupportSummaryView>(director, '/api/hart/support', (s) => s.id, 1);
    expect(all.length).toBeGreaterThan(1);
    const own = await expectStablePaging<SupportSummaryView>(liaison, '/api/hart/support', (s) => s.id, 1);
    for (const s of own) expect(s.office.code).toBe('HFD');
  });

  it('a consult list and a consult read name every consult and subject they show in the audit trail', async () => {
    const list = await director.get<{ items: ConsultSummaryView[] }>('/api/consults?limit=3');
    const rows = await db().select().from(auditEvents).where(eq(auditEvents.requestId, list.headers.get('x-request-id')!));
    const named = new Set(rows.flatMap((r) => [r.recordId, ...(((r.detail as { ids?: string[] } | null)?.ids) ?? [])]));
    for (const c of list.body.items) {
      expect(named.has(c.id), c.id).toBe(true);
      expect(named.has(c.subject.id), c.subject.id).toBe(true);
    }
  });

  it('a retried consult request by a caller who does not reach the first consult is not found, never the consult', async () => {
    const me = await userIdOf('demo.investigation-worker');
    const referralId = await acceptedReferral('Hartford', me);
    const body = { subjectType: 'referral', subjectId: referralId, reason: 'RETRY-SECRET: seen with an older man', idempotencyKey: `scope-${referralId}` };
    expect((await investigator.post<ConsultView>('/api/consults', body)).status).toBe(201);
    // Another office's investigator sends the same key with a referral of their own: they do not
    // reach the first consult, so the key answers "not found" (before: the key's owner was told apart).
    const far = await rosterClient('investigation_worker', 'BPT');
    const theirs = await acceptedReferral('Bridgeport', far.id);
    const retry = await far.client.post<ErrorBody>('/api/consults', { ...body, subjectId: theirs });
    expect(retry.status).toBe(404);
    expect(JSON.stringify(retry.body)).not.toContain('RETRY-SECRET');
  });
});

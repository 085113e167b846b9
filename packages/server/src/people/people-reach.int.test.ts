import type { PersonView, ReferralView } from '@harbor/policy/api';
import { collectPages } from '../test/paging.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestConsult } from '../consults/index.js';
import { cases, offices, referralChildren } from '../db/schema.js';
import { draftIn, noHtDraft, userIdOf } from '../test/casework-fixtures.js';
import { signedIn, startTestServer, type Client, type TestServer } from '../test/harness.js';

/** CF-1: HART liaisons and leads read a child's person record only through their HT work, as they read cases. */
let server: TestServer;
let director: Client;
let liaison: Client; // HFD
let lead: Client; // Region 4
let supervisor: Client; // HFD, casework
const db = () => server.db.database.db;
const officeId = async (code: string) => (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, code)))[0]!.id;

beforeAll(async () => {
  server = await startTestServer();
  director = await signedIn(server, 'hart_director');
  liaison = await signedIn(server, 'hart_liaison');
  lead = await signedIn(server, 'hart_lead');
  supervisor = await signedIn(server, 'supervisor');
});
afterAll(async () => {
  await server.close();
});

let n = 0;
async function child(officeCode: string): Promise<string> {
  const r = await director.post<PersonView>('/api/people', { kind: 'child', firstName: 'Reach', lastName: `Child${++n}`, dateOfBirth: '2011-01-01', gender: 'female', townName: null, officeId: await officeId(officeCode) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}
async function openCase(personId: string, officeCode: string): Promise<string> {
  const id = crypto.randomUUID();
  const worker = await userIdOf(server, 'demo.ongoing-worker');
  await db().insert(cases).values({ id, number: `CASE-REACH-${++n}`, officeId: await officeId(officeCode), personId, workerId: worker, openedAt: new Date(), createdBy: worker });
  return id;
}
async function submitted(draft: ReturnType<typeof draftIn>): Promise<{ referralId: string; personId: string }> {
  const worker = await signedIn(server, 'careline_worker');
  const created = await worker.post<ReferralView>('/api/referrals', draft);
  expect((await worker.post(`/api/referrals/${created.body.id}/submit`, { version: 1 })).status).toBe(200);
  const personId = (await db().select({ personId: referralChildren.personId }).from(referralChildren).where(eq(referralChildren.referralId, created.body.id)))[0]!.personId;
  return { referralId: created.body.id, personId };
}
async function accept(referralId: string): Promise<void> {
  const worker = await signedIn(server, 'careline_worker');
  const r = await worker.post(`/api/referrals/${referralId}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: 2 });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}
const reads = async (c: Client, personId: string) => {
  const one = (await c.get(`/api/people/${personId}`)).status;
  const listed = (await collectPages<PersonView>(c, '/api/people', 200)).items.some((p) => p.id === personId);
  return { one, listed };
};

describe('[CF-1] HART staff reach a child only through HT work', () => {
  it('[CF-1] a child of their office with no HT work is not found by the liaison or the Lead, while the office’s supervisor reads it', async () => {
    const id = await child('HFD');
    await openCase(id, 'HFD');
    for (const c of [liaison, lead]) expect(await reads(c, id)).toEqual({ one: 404, listed: false });
    expect((await supervisor.get(`/api/people/${id}`)).status).toBe(200);
  });

  it('[CF-1] a HART consult on the child’s case opens the child’s record to the office’s liaison and the region’s Lead', async () => {
    const id = await child('HFD');
    const caseId = await openCase(id, 'HFD');
    for (const c of [liaison, lead]) expect((await c.get(`/api/people/${id}`)).status).toBe(404);
    const ctx = { clock: server.clock, vault: server.vault, timeZone: server.config.timeZone };
    await requestConsult(db(), ctx, await userIdOf(server, 'demo.ongoing-worker'), { subjectType: 'case', subjectId: caseId, officeId: await officeId('HFD'), reason: 'Reach test', idempotencyKey: `reach-${caseId}` });
    for (const c of [liaison, lead]) expect(await reads(c, id)).toEqual({ one: 200, listed: true });
  });

  it('[CF-1] an HT concern on the case does too; the same HT case in another region does not open it to this Lead', async () => {
    const id = await child('HFD');
    const caseId = await openCase(id, 'HFD');
    await db().update(cases).set({ htConcernAt: new Date() }).where(eq(cases.id, caseId));
    for (const c of [liaison, lead]) expect((await c.get(`/api/people/${id}`)).status).toBe(200);
    const far = await child('BPT');
    const farCase = await openCase(far, 'BPT');
    await db().update(cases).set({ htConcernAt: new Date() }).where(eq(cases.id, farCase));
    for (const c of [liaison, lead]) expect(await reads(c, far)).toEqual({ one: 404, listed: false });
    expect((await director.get(`/api/people/${far}`)).status).toBe(200);
  });

  it('[CF-1] the child of an accepted referral with HT characteristics from a town of their office is reached; not before acceptance, and never a neglect-only referral’s child', async () => {
    const ht = await submitted(draftIn('Hartford'));
    const neglect = await submitted(noHtDraft('Hartford'));
    for (const c of [liaison, lead]) expect(await reads(c, ht.personId), 'submitted, not yet accepted').toEqual({ one: 404, listed: false });
    await accept(ht.referralId);
    await accept(neglect.referralId);
    for (const c of [liaison, lead]) {
      expect(await reads(c, ht.personId)).toEqual({ one: 200, listed: true });
      expect(await reads(c, neglect.personId)).toEqual({ one: 404, listed: false });
    }
  });
});

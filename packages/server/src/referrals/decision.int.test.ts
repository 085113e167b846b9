import type { ReferralView } from '@harbor/policy/api';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { loadAuthUser } from '../auth/index.js';
import type { UserRepository } from '../data/index.js';
import { auditEvents, documents, outboxMessages, referrals, users } from '../db/schema.js';
import { demoUsername } from '../seed/index.js';
import { decideReferral } from './decision.js';
import { signedIn, startTestServer, type Client, type TestServer } from '../test/harness.js';
import { completeDraft } from '../test/referral-fixtures.js';

/** The Careline's decision: CL-2 acceptance and approval, CL-6 response priority, CL-5 DCF-823 on acceptance. */
let server: TestServer;
let worker: Client;
let supervisor: Client;
const db = () => server.db.database.db;
type ErrorBody = { error: string; message: string; fields?: { field: string; message: string }[] };

beforeAll(async () => {
  server = await startTestServer();
  worker = await signedIn(server, 'careline_worker');
  supervisor = await signedIn(server, 'careline_supervisor');
});
afterAll(async () => {
  await server.close();
});

async function submitted(): Promise<ReferralView> {
  const d = await worker.post<ReferralView>('/api/referrals', completeDraft());
  const s = await worker.post<ReferralView>(`/api/referrals/${d.body.id}/submit`, { version: 1 });
  expect(s.status).toBe(200);
  return s.body;
}
const decide = (who: Client, r: ReferralView, body: Record<string, unknown>) => who.post<ReferralView & ErrorBody>(`/api/referrals/${r.id}/decision`, { version: r.version, ...body });

describe('the Careline decision', () => {
  it('[CL-6] accepts with the response time the tree gives, keeping the answers on its path, and the child must be seen by then', async () => {
    const r = await submitted();
    const answers = { in_danger_now: 'no', missing: 'yes', location_lead: 'no', medical_need: 'off the path' };
    const ok = await decide(worker, r, { decision: 'accepted', responsePriority: { answers } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'accepted', decision: 'accepted', responsePriority: { outcome: 'within_24_hours', responseHours: 24 } });
    const path = (ok.body.responsePriority!['path'] as { question: string }[]).map((p) => p.question);
    expect(path).toEqual(['in_danger_now', 'missing', 'location_lead']);
    expect(ok.body.responseDueAt).toBe(new Date(Date.parse(completeDraft().receivedAt) + 24 * 3_600_000).toISOString());
    const [row] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'referral.decide'), eq(auditEvents.recordId, r.id)));
    expect(row?.detail).toMatchObject({ decision: 'accepted', outcome: 'within_24_hours' });
  });

  it('[CL-5] sends the DCF-823 Critical Incident to the HART Director when a referral with HT characteristics is accepted', async () => {
    const r = await submitted();
    const ok = await decide(worker, r, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } } });
    expect(ok.body.notices.find((n) => n.key === 'hart_director.dcf823.accepted')).toMatchObject({ party: 'hart_director', means: 'dcf823' });
    const mails = await db().select().from(outboxMessages).where(and(eq(outboxMessages.recordId, r.id), eq(outboxMessages.partyKind, 'hart_director')));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ toAddress: 'hart-director@dcf.example.gov', subject: `DCF-823 Critical Incident, referral ${r.number}: HT referral accepted` });
    expect(mails[0]!.attachmentDocumentIds).toHaveLength(1);
  });

  it('[CL-6] names the unanswered question; only a Careline supervisor may override, with a reason, and the tree’s answer is kept', async () => {
    const r = await submitted();
    const unanswered = await decide(worker, r, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'no' } } });
    expect(unanswered.status).toBe(400);
    expect(unanswered.body.fields?.[0]?.field).toBe('responsePriority.answers.missing');
    const override = { to: 'within_2_hours', reason: 'Police report the exploiter is driving to the child’s home' };
    const byWorker = await decide(worker, r, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'no', missing: 'yes', location_lead: 'no' }, override } });
    expect(byWorker.status).toBe(400);
    expect(byWorker.body.fields?.[0]?.field).toBe('responsePriority.override');
    const bySupervisor = await decide(supervisor, r, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'no', missing: 'yes', location_lead: 'no' }, override } });
    expect(bySupervisor.status, JSON.stringify(bySupervisor.body)).toBe(200);
    expect(bySupervisor.body.responsePriority).toMatchObject({ outcome: 'within_2_hours', override: { from: 'within_24_hours', to: 'within_2_hours', reason: override.reason } });
  });

  it('[CL-2] a non-acceptance needs a reason and waits for a Careline supervisor’s approval; a decided referral is not decided again', async () => {
    const r = await submitted();
    const noReason = await decide(worker, r, { decision: 'not_accepted' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields?.map((f) => f.field)).toContain('reasonCode');
    const stale = await decide(worker, { ...r, version: r.version - 1 }, { decision: 'not_accepted', reasonCode: 'age_18_or_older' });
    expect(stale.status).toBe(409);
    const ok = await decide(worker, r, { decision: 'not_accepted', reasonCode: 'age_18_or_older', explanation: 'The caller confirmed she is 19.' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'not_accepted_pending_approval', decision: 'not_accepted', nonAcceptanceReason: 'age_18_or_older', responsePriority: null });
    expect((await decide(worker, ok.body, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } } })).status).toBe(409);
    const draft = await worker.post<ReferralView>('/api/referrals', completeDraft());
    expect((await decide(worker, draft.body, { decision: 'not_accepted', reasonCode: 'age_18_or_older' })).status).toBe(409);
  });

  it('[CL-2] the worker cannot approve; a Careline supervisor approves (not accepted) or returns it to be decided again', async () => {
    const r = await submitted();
    const decided = (await decide(supervisor, r, { decision: 'not_accepted', reasonCode: 'cannot_identify_or_locate' })).body;
    const selfApproval = await supervisor.post<ErrorBody>(`/api/referrals/${r.id}/approval`, { approved: true, version: decided.version });
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.body.message).toMatch(/cannot approve/);

    const other = await submitted();
    const pending = (await decide(worker, other, { decision: 'not_accepted', reasonCode: 'cannot_identify_or_locate' })).body;
    expect((await worker.post(`/api/referrals/${other.id}/approval`, { approved: true, version: pending.version })).status).toBe(404);
    const noNote = await supervisor.post<ErrorBody>(`/api/referrals/${other.id}/approval`, { approved: false, version: pending.version });
    expect(noNote.body.fields?.map((f) => f.field)).toEqual(['note']);
    const returned = await supervisor.post<ReferralView>(`/api/referrals/${other.id}/approval`, { approved: false, note: 'Call the school back first', version: pending.version });
    expect(returned.body).toMatchObject({ status: 'submitted', decision: null });
    // The worker reads why it came back; the note is sealed at rest.
    const seen = await worker.get<ReferralView>(`/api/referrals/${other.id}`);
    expect(seen.body).toMatchObject({ supervisorNote: 'Call the school back first' });
    expect(seen.body.supervisorNoteAt).not.toBeNull();
    const [raw] = await queryRows<{ note: string }>(server.db.database.db, sql`select supervisor_note_sealed as note from referrals where id = ${other.id}`);
    expect(raw!.note).not.toContain('school');
    const again = (await decide(worker, returned.body, { decision: 'not_accepted', reasonCode: 'cannot_identify_or_locate' })).body;
    const approved = await supervisor.post<ReferralView>(`/api/referrals/${other.id}/approval`, { approved: true, version: again.version });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'not_accepted', decision: 'not_accepted', nonAcceptanceReason: 'cannot_identify_or_locate' });
  });
});

describe('the lean decision (issue 11)', () => {
  it('[CL-5] renders the acceptance’s DCF-823 before its transaction: a referral changed between the render and the lock is refused with the conflict, nothing written', async () => {
    const r = await submitted();
    const incidents = async () => (await db().select().from(documents).where(and(eq(documents.recordId, r.id), eq(documents.kind, 'DCF-823')))).length;
    const before = await incidents();
    const [me] = await db().select({ id: users.id }).from(users).where(eq(users.username, demoUsername('careline_worker')));
    const user = await loadAuthUser(db(), me!.id);
    const base = server.app.harbor.data.forUser({ user: user!, requestId: null, clientAddress: null });
    // Another save lands after the first unit (the read and the render) and before the locked one.
    let units = 0;
    const repo: UserRepository = {
      actor: base.actor,
      user: base.user,
      async unit(work) {
        if (++units === 2) await db().update(referrals).set({ version: sql`${referrals.version} + 1` }).where(eq(referrals.id, r.id));
        return base.unit(work);
      },
    };
    const ctx = { config: server.config, clock: server.clock, vault: server.vault, timeZone: server.config.timeZone };
    await expect(decideReferral(repo, ctx, r.id, { version: r.version, decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } } })).rejects.toMatchObject({
      statusCode: 409,
      message: expect.stringMatching(/saved this referral since you opened it/),
    });
    expect(units).toBe(2);
    const [row] = await db().select({ status: referrals.status, decision: referrals.decision }).from(referrals).where(eq(referrals.id, r.id));
    expect(row).toEqual({ status: 'submitted', decision: null });
    expect(await incidents()).toBe(before);
    expect((await db().select().from(outboxMessages).where(eq(outboxMessages.recordId, r.id))).filter((m) => m.subject.includes('accepted'))).toEqual([]);
    // Read again, the referral is decided, with its Critical Incident.
    const fresh = await worker.get<ReferralView>(`/api/referrals/${r.id}`);
    const ok = await decide(worker, fresh.body, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(await incidents()).toBe(before + 1);
  });
});

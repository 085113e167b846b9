import type { ReferralSummaryView, ReferralView } from '@harbor/policy/api';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, outboxMessages, referrals, users } from '../db/schema.js';
import { demoPassword } from '../seed/index.js';
import { Client, signedIn, startTestServer, type TestServer } from '../test/harness.js';
import { collectPages } from '../test/paging.js';
import { completeDraft } from '../test/referral-fixtures.js';
import { draftOf } from './service.js';

/** Drafts and their reach: autosave with versions, a draft only for its author, CL-1 and CL-3 on submit. */
let server: TestServer;
let worker: Client;
const db = () => server.db.database.db;
type ErrorBody = { error: string; message: string; fields?: { field: string; message: string }[] };

beforeAll(async () => {
  server = await startTestServer();
  worker = await signedIn(server, 'careline_worker');
});
afterAll(async () => {
  await server.close();
});

describe('referral drafts', () => {
  it('numbers a new draft, saves as the worker types, and refuses a stale save (409) without overwriting', async () => {
    const created = await worker.post<ReferralView>('/api/referrals', { channel: 'phone', narrative: 'First words' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', channel: 'phone', version: 1, htCharacteristics: false });
    expect(created.body.number).toMatch(/^R-\d{4}-\d{6}$/);
    const id = created.body.id;

    const mine = await worker.patch<ReferralView>(`/api/referrals/${id}`, { channel: 'phone', narrative: 'Mine, typed second', version: 1 });
    expect(mine.status).toBe(200);
    expect(mine.body.version).toBe(2);
    const theirs = await worker.patch<ErrorBody>(`/api/referrals/${id}`, { channel: 'walk_in', narrative: 'Theirs, from a stale copy', version: 1 });
    expect(theirs.status).toBe(409);
    expect(theirs.body.message).toMatch(/^Someone else saved this draft/);
    const [row] = await db().select().from(referrals).where(eq(referrals.id, id));
    expect(row).toMatchObject({ version: 2, channel: 'phone' });
    expect(draftOf(server.vault, row!)).toMatchObject({ narrative: 'Mine, typed second' });
  });

  it('[CL-1] flags HT characteristics as soon as an indicator is recorded', async () => {
    const r = await worker.post<ReferralView>('/api/referrals', { children: [{ firstName: 'A', indicators: ['long_hours_little_pay'] }] });
    expect(r.body.htCharacteristics).toBe(true);
    const submitted = await worker.post<ReferralView>('/api/referrals', completeDraft());
    const done = await worker.post<ReferralView>(`/api/referrals/${submitted.body.id}/submit`, { version: 1, idempotencyKey: `cl1-${submitted.body.id}` });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'submitted', htCharacteristics: true, htEvident: false, townName: 'Enfield' });
  });

  it('[CL-3] refuses to submit without the narrative: 400 naming `narrative`, the draft kept as typed, nothing sent', async () => {
    const { narrative: _n, ...rest } = completeDraft();
    const draft = await worker.post<ReferralView>('/api/referrals', rest);
    const r = await worker.post<ErrorBody>(`/api/referrals/${draft.body.id}/submit`, { version: 1 });
    expect(r.status).toBe(400);
    expect(r.body.fields?.map((f) => f.field)).toEqual(['narrative']);
    expect(r.body.message).toContain('narrative');
    const [row] = await db().select().from(referrals).where(eq(referrals.id, draft.body.id));
    expect(row).toMatchObject({ status: 'draft', version: 1 });
    expect(draftOf(server.vault, row!)).toEqual(rest);
    expect(await db().select().from(outboxMessages).where(eq(outboxMessages.recordId, draft.body.id))).toEqual([]);
  });

  it('shows a draft only to its author: another Careline worker, the supervisor, the HART Director get 404; an auditor and an administrator too (CF-1)', async () => {
    const draft = await worker.post<ReferralView>('/api/referrals', { narrative: 'private draft' });
    // A second Careline worker from the demo roster (same office, same role, not the author).
    const [peer] = await db().select({ username: users.username }).from(users).where(like(users.username, 'cl0%')).limit(1);
    const other = new Client(server.baseUrl);
    expect((await other.signIn(peer!.username, demoPassword)).status).toBe(200);
    for (const who of [other, await signedIn(server, 'careline_supervisor'), await signedIn(server, 'hart_director')]) {
      const r = await who.get(`/api/referrals/${draft.body.id}`);
      expect(r.status).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain('private draft');
      expect((await collectPages<ReferralSummaryView>(who, '/api/referrals?status=draft', 200)).items.map((x) => x.id)).not.toContain(draft.body.id);
    }
    for (const role of ['auditor', 'administrator'] as const) expect((await (await signedIn(server, role)).get(`/api/referrals/${draft.body.id}`)).status).toBe(404);
    expect((await worker.get(`/api/referrals/${draft.body.id}`)).status).toBe(200);
    const reads = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'referral.read'), eq(auditEvents.recordId, draft.body.id)));
    expect(reads.map((r) => r.outcome).sort()).toEqual(['denied', 'denied', 'denied', 'denied', 'denied', 'success']);
  });

  it('lists the worker’s own drafts, and the submitted queue to the supervisor and the HART Director statewide', async () => {
    const drafts = (await collectPages<ReferralSummaryView>(worker, '/api/referrals?status=draft', 200)).items;
    expect(drafts.length).toBeGreaterThan(2);
    for (const d of drafts) expect(d.status).toBe('draft');
    for (const role of ['careline_supervisor', 'hart_director'] as const) {
      const queue = (await collectPages<ReferralSummaryView>(await signedIn(server, role), '/api/referrals?status=submitted', 200)).items;
      expect(queue.length, role).toBeGreaterThan(0);
      expect(queue.every((q) => q.status === 'submitted')).toBe(true);
    }
  });
});

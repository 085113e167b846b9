import type { InvestigatorView, NoticeProblemView, ReferralSummaryView, ReferralView, TriageQueueItem } from '@harbor/policy/api';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, outboxMessages, referralNotices, referrals, users } from '../db/schema.js';
import { demoPassword } from '../seed/index.js';
import { Client, signedIn, startTestServer, type TestServer } from '../test/harness.js';
import { collectPages, expectStablePaging } from '../test/paging.js';
import { completeDraft } from '../test/referral-fixtures.js';

/**
 * Issue 11: every referral list pages (a cursor and a page size, every row once, in a stable
 * order, within the caller's reach, filters respected), shows summaries (never the sealed draft),
 * and audits the ids it showed. The triage queue reads the `triage_wanted` flag kept by triggers.
 */
let server: TestServer;
let worker: Client;
let otherWorker: Client;
let supervisor: Client;
let carelineSupervisor: Client;
let director: Client;
const db = () => server.db.database.db;
const ids = <T extends { id: string }>(rows: T[]) => rows.map((r) => r.id);

beforeAll(async () => {
  server = await startTestServer();
  worker = await signedIn(server, 'careline_worker');
  // A second Careline worker from the demo roster (same office, same role).
  const [peer] = await db().select({ username: users.username }).from(users).where(like(users.username, 'cl0%')).limit(1);
  otherWorker = new Client(server.baseUrl);
  expect((await otherWorker.signIn(peer!.username, demoPassword)).status).toBe(200);
  supervisor = await signedIn(server, 'supervisor');
  carelineSupervisor = await signedIn(server, 'careline_supervisor');
  director = await signedIn(server, 'hart_director');
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
async function accepted(): Promise<ReferralView> {
  const r = await submitted();
  const a = await worker.post<ReferralView>(`/api/referrals/${r.id}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: r.version });
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  return a.body;
}
const auditOf = async (reply: { headers: Headers }) => db().select().from(auditEvents).where(eq(auditEvents.requestId, reply.headers.get('x-request-id')!));

describe('the referral list pages', () => {
  it('every draft once across pages, in each sort and direction, within reach, summaries only, the ids shown audited', async () => {
    const mine: string[] = [];
    for (let i = 0; i < 7; i++) mine.push((await worker.post<ReferralView>('/api/referrals', { narrative: `draft ${i}` })).body.id);
    for (const order of ['', '&sort=updatedAt&dir=asc', '&sort=createdAt&dir=asc', '&sort=submittedAt&dir=desc', '&sort=createdAt&dir=desc']) {
      const rows = await expectStablePaging<ReferralSummaryView>(worker, `/api/referrals?status=draft${order}`, (r) => r.id, 3);
      expect(ids(rows)).toEqual(expect.arrayContaining(mine));
      expect(rows.every((r) => r.status === 'draft')).toBe(true);
      expect(rows.every((r) => !('draft' in r))).toBe(true);
    }
    const asc = (await collectPages<ReferralSummaryView>(worker, '/api/referrals?status=draft&sort=createdAt&dir=asc', 200)).items;
    const keys = asc.map((r) => `${r.createdAt}|${r.id}`);
    expect(keys, 'ordered by creation, then id').toEqual([...keys].sort());
    // A draft is its author's alone: another worker's pages never show one of them.
    const theirs = await collectPages<ReferralSummaryView>(otherWorker, '/api/referrals?status=draft', 2);
    expect(ids(theirs.items).filter((id) => mine.includes(id))).toEqual([]);
    // The page's ids are in its audit row.
    const page = await worker.get<{ items: ReferralSummaryView[] }>('/api/referrals?status=draft&limit=2');
    const rows = await auditOf(page);
    expect(rows.find((r) => r.action === 'referral.list')?.detail).toMatchObject({ ids: ids(page.body.items) });
  });

  it('filters by investigator; a bad sort or cursor is refused naming the field', async () => {
    const bad = await worker.get<{ fields?: { field: string }[] }>('/api/referrals?sort=number');
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.[0]?.field).toBe('sort');
    const none = await worker.get<{ items: unknown[] }>(`/api/referrals?investigatorId=${crypto.randomUUID()}`);
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
  });
});

describe('the work queues page', () => {
  it('[CL-5] the assignment queue and the investigators, every row once', async () => {
    for (let i = 0; i < 4; i++) await accepted();
    const queue = await expectStablePaging<ReferralSummaryView>(supervisor, '/api/referrals/assignment-queue', (r) => r.id, 2);
    expect(queue.length).toBeGreaterThanOrEqual(4);
    const due = queue.map((r) => r.responseDueAt!);
    expect([...due].sort()).toEqual(due);
    await expectStablePaging<InvestigatorView>(supervisor, '/api/referrals/investigators', (r) => r.id, 2);
  });

  it('[DR-1] the triage queue reads the flag the writes keep: untriaged first, every row once, never a draft or a referral without HT or a DCF-737', async () => {
    const ht = await submitted();
    const plain = await submitted({ ...completeDraft(), children: [{ ...completeDraft().children[0]!, indicators: [] }] });
    const draft = (await worker.post<ReferralView>('/api/referrals', completeDraft())).body;
    const [flags] = [await db().select({ id: referrals.id, wanted: referrals.triageWanted }).from(referrals).where(inArray(referrals.id, [ht.id, plain.id, draft.id]))];
    const wanted = new Map(flags.map((f) => [f.id, f.wanted]));
    expect(wanted.get(ht.id)).toBe(true);
    expect(wanted.get(draft.id), 'a draft with HT characteristics is flagged, but the queue never shows a draft').toBe(true);
    const t = await director.post<ReferralView>(`/api/referrals/${ht.id}/triage`, { outcomes: ['regional_hart'], version: ht.version });
    expect(t.status, JSON.stringify(t.body)).toBe(200);
    const queue = await expectStablePaging<TriageQueueItem>(director, '/api/referrals/triage-queue', (r) => r.id, 2);
    expect(ids(queue)).toContain(ht.id);
    expect(ids(queue)).not.toContain(draft.id);
    if (!plain.htCharacteristics && !plain.notices.some((n) => n.means === 'dcf737' && n.outboxMessageId)) expect(ids(queue)).not.toContain(plain.id);
    const triaged = queue.map((r) => r.triage !== null);
    expect(triaged.indexOf(true) === -1 || triaged.slice(triaged.indexOf(true)).every(Boolean), 'untriaged first').toBe(true);
    expect(queue.every((r) => r.dcf737Sent || r.htCharacteristics)).toBe(true);
  });

  it('[DR-1] a DCF-737 given its e-mail flags the referral (trigger on referral_notices)', async () => {
    const r = await submitted();
    await db().update(referrals).set({ triageWanted: false }).where(eq(referrals.id, r.id));
    const [notice] = await db().select().from(referralNotices).where(and(eq(referralNotices.referralId, r.id), eq(referralNotices.means, 'dcf737'))).limit(1);
    expect(notice, 'an HT referral sends a DCF-737').toBeDefined();
    await db().update(referralNotices).set({ outboxMessageId: notice!.outboxMessageId }).where(eq(referralNotices.id, notice!.id));
    const [row] = await db().select({ wanted: referrals.triageWanted }).from(referrals).where(eq(referrals.id, r.id));
    expect(row?.wanted).toBe(true);
  });

  it('[CL-4] the notices not delivered: every failing notice once across pages (no longer cut at 200)', async () => {
    const made: string[] = [];
    for (let i = 0; i < 2; i++) made.push((await submitted()).id);
    const notices = await db().select({ messageId: referralNotices.outboxMessageId }).from(referralNotices).where(inArray(referralNotices.referralId, made));
    const messageIds = notices.map((n) => n.messageId).filter((id): id is string => id !== null);
    expect(messageIds.length).toBeGreaterThan(3);
    // Escalated by the database's clock, to the microsecond: the cursor must keep that precision, or the pages never end.
    await db().update(outboxMessages).set({ status: 'failed', escalatedAt: sql`now()` }).where(inArray(outboxMessages.id, messageIds));
    const rows = await expectStablePaging<NoticeProblemView>(carelineSupervisor, '/api/referrals/notice-problems', (r) => r.noticeId, 3);
    expect(rows.filter((r) => made.includes(r.referralId))).toHaveLength(messageIds.length);
  });

  it('a queue refuses a filter it does not have, naming it', async () => {
    const bad = await director.get<{ fields?: { field: string }[] }>('/api/referrals/triage-queue?status=draft');
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.[0]?.field).toBe('status');
  });
});

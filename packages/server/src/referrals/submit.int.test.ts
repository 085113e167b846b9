import type { ReferralView } from '@harbor/policy/api';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents, outboxMessages, referralNotices, users } from '../db/schema.js';
import { createSmtpTransport, deliveryOptionsFrom, startDeliveryWorker, type DeliveryWorker, type Log } from '../outbox/index.js';
import { demoPassword } from '../seed/index.js';
import { Client, signedIn, startTestServer, type TestServer } from '../test/harness.js';
import { completeDraft } from '../test/referral-fixtures.js';
import { SmtpPeer } from '../test/smtp-peer.js';

/**
 * The lean submission (issue 11): the delivery worker is woken by the submission's commit and
 * sends its DCF-737s over one kept SMTP connection; a retried submit is looked up within the
 * caller's reach.
 */
let server: TestServer;
let peer: SmtpPeer;
let worker: Client;
const db = () => server.db.database.db;
const quiet: Log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

beforeAll(async () => {
  peer = await new SmtpPeer().start();
  server = await startTestServer({ smtpUrl: peer.url });
  worker = await signedIn(server, 'careline_worker');
});
afterAll(async () => {
  await server.close();
  await peer.stop();
});

async function submitNew(key: string): Promise<ReferralView> {
  const created = await worker.post<ReferralView>('/api/referrals', completeDraft());
  const r = await worker.post<ReferralView>(`/api/referrals/${created.body.id}/submit`, { version: created.body.version, idempotencyKey: key });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

describe('the lean submission', () => {
  it('wakes the delivery worker when it commits: the DCF-737s reach the SMTP peer with no poll, over one kept connection, each once', async () => {
    // An hour between polls: within this test only the wake-up can deliver.
    let passes = 0;
    let firstPass!: () => void;
    const started = new Promise<void>((resolve) => (firstPass = resolve));
    const delivery: DeliveryWorker = startDeliveryWorker({
      repo: server.app.harbor.data.forSystem('outbox'),
      transport: createSmtpTransport(peer.url),
      options: await deliveryOptionsFrom(server.app.harbor.data, server.config, server.vault),
      clock: server.clock,
      pollMs: 3_600_000,
      log: quiet,
      afterPass: () => {
        passes++;
        firstPass();
      },
    });
    try {
      await started; // the start-up pass is over, and found nothing: the next poll is an hour away
      expect(passes).toBe(1);
      const connectionsBefore = peer.connections;
      const referral = await submitNew('wake-after-commit-1');
      const ids = referral.notices.flatMap((n) => (n.outboxMessageId ? [n.outboxMessageId] : []));
      expect(ids).toHaveLength(5);
      await expect.poll(() => peer.received.filter((m) => m.subject.includes(referral.number)).length, { timeout: 30_000 }).toBe(5);
      const mails = peer.received.filter((m) => m.subject.includes(referral.number));
      expect(new Set(mails.map((m) => m.messageId)).size).toBe(5);
      expect(mails.every((m) => m.subject.startsWith('DCF-737') && m.attachments.length === 1)).toBe(true);
      // One pooled connection for the five messages, not one each.
      expect(peer.connections - connectionsBefore).toBe(1);
      await expect.poll(async () => (await db().select({ s: outboxMessages.status }).from(outboxMessages).where(eq(outboxMessages.recordId, referral.id))).map((r) => r.s)).toEqual(Array(5).fill('sent'));
      // The pass that sent them was a woken one (the start-up pass found nothing; the poll is an hour away).
      await expect.poll(() => passes).toBeGreaterThan(1);
    } finally {
      await delivery.stop();
    }
  });

  it('answers a retry (same key) by another Careline worker who does not reach the referral with 404, never the first submission', async () => {
    const first = await submitNew('retry-out-of-reach-1');
    const [colleague] = await db().select({ username: users.username }).from(users).where(like(users.username, 'cl0%')).limit(1);
    const other = new Client(server.baseUrl);
    expect((await other.signIn(colleague!.username, demoPassword)).status).toBe(200);
    expect((await other.get(`/api/referrals/${first.id}`)).status, 'the colleague does not reach it').toBe(404);
    const retry = await other.post<{ message: string }>(`/api/referrals/${first.id}/submit`, { version: 1, idempotencyKey: 'retry-out-of-reach-1' });
    expect(retry.status).toBe(404);
    expect(retry.body.message).toMatch(/No such referral/);
    expect(JSON.stringify(retry.body)).not.toContain(first.number);
    // Nothing made twice, and the author's own retry still answers the first submission.
    expect(await db().select().from(referralNotices).where(eq(referralNotices.referralId, first.id))).toHaveLength(6);
    expect(await db().select().from(documents).where(eq(documents.recordId, first.id))).toHaveLength(5);
    const mine = await worker.post<ReferralView>(`/api/referrals/${first.id}/submit`, { version: 1, idempotencyKey: 'retry-out-of-reach-1' });
    expect(mine.status).toBe(200);
    expect(mine.body.notices.map((n) => n.id).sort()).toEqual(first.notices.map((n) => n.id).sort());
  });

  it('answers the submission from what it wrote: the same view a read of the referral gives', async () => {
    const submitted = await submitNew('view-from-writes-1');
    const read = await worker.get<ReferralView>(`/api/referrals/${submitted.id}`);
    expect(read.status).toBe(200);
    expect(submitted).toEqual(read.body);
  });
});

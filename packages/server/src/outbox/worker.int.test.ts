import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.js';
import { outboxMessages } from '../db/schema.js';
import { createVault } from '../crypto/index.js';
import { dataLayer } from '../data/index.js';
import { createTestDatabase, testDataKey, TestClock, type TestDatabase } from '../test/harness.js';
import { createSmtpTransport, deriveLinkKeys, enqueueEmail, startDeliveryWorker, type DeliveryOptions, type Log } from './index.js';
import { SmtpPeer } from '../test/smtp-peer.js';

/** The polling worker: delivers what is due without being asked, and stops cleanly mid-batch. */
let tdb: TestDatabase;
let db: Db;
const clock = new TestClock(new Date('2026-04-01T12:00:00Z'));
const options: DeliveryOptions = {
  vault: createVault(testDataKey),
  mailFrom: 'careline@dcf.example',
  publicUrl: 'http://harbor.test',
  timeZone: 'America/New_York',
  keys: deriveLinkKeys('worker-test-secret-that-is-long-enough'),
  ackLinkTtlMs: 86_400_000,
  maxAttempts: 5,
};
const logged: unknown[] = [];
const log: Log = {
  debug: (...a: unknown[]) => void logged.push(a),
  info: (...a: unknown[]) => void logged.push(a),
  warn: (...a: unknown[]) => void logged.push(a),
  error: (...a: unknown[]) => void logged.push(a),
} as Log;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.database.db;
});
afterAll(async () => {
  await tdb.drop();
});

const enqueue = (key: string) =>
  db.transaction((tx) => enqueueEmail(tx, { idempotencyKey: key, toAddress: `${key.toLowerCase()}@police.example`, subject: `Notice ${key}`, bodyText: 'Body' }, { config: { smtpUrl: 'smtp://x' }, now: clock.now() }));
const statuses = async (prefix: string) => (await db.select({ s: outboxMessages.status }).from(outboxMessages).where(like(outboxMessages.idempotencyKey, `${prefix}%`))).map((r) => r.s).sort();

describe('the delivery worker', () => {
  it('delivers mail enqueued while it runs, and a wake-up sends it at once', async () => {
    const peer = await new SmtpPeer().start();
    const worker = startDeliveryWorker({ repo: dataLayer(tdb.database).forSystem('outbox'), transport: createSmtpTransport(peer.url), options, clock, pollMs: 60_000, log });
    try {
      await enqueue('POLL-1');
      await enqueue('POLL-2');
      worker.wake();
      await expect.poll(() => statuses('POLL-'), { timeout: 10_000 }).toEqual(['sent', 'sent']);
      expect(peer.received).toHaveLength(2);
    } finally {
      await worker.stop();
      await peer.stop();
    }
    expect(JSON.stringify(logged)).not.toContain('police.example');
  });

  it('on stop, finishes the message in flight and gives the rest of its batch back unsent', async () => {
    const peer = await new SmtpPeer({ delayMs: 400 }).start();
    for (let i = 0; i < 5; i++) await enqueue(`STOP-${i}`);
    const worker = startDeliveryWorker({ repo: dataLayer(tdb.database).forSystem('outbox'), transport: createSmtpTransport(peer.url), options: { ...options, batchSize: 5 }, clock, pollMs: 60_000, log });
    try {
      await expect.poll(() => statuses('STOP-'), { timeout: 10_000 }).toEqual(['sending', 'sending', 'sending', 'sending', 'sending']);
      await worker.stop();
      const after = await statuses('STOP-');
      expect(after.filter((s) => s === 'sent')).toHaveLength(1);
      expect(after.filter((s) => s === 'queued')).toHaveLength(4);
      expect(peer.received).toHaveLength(1);
      const given = await db.select().from(outboxMessages).where(eq(outboxMessages.status, 'queued'));
      for (const r of given.filter((g) => g.idempotencyKey.startsWith('STOP-'))) expect(r).toMatchObject({ attempts: 0, nextAttemptAt: clock.now() });
    } finally {
      await peer.stop();
    }
  });
});

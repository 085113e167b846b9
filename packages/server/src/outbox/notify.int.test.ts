import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault } from '../crypto/index.js';
import { dataLayer } from '../data/index.js';
import { openDatabase, type Database } from '../db/client.js';
import { listenFor, type Listening } from '../db/notify.js';
import { outboxMessages } from '../db/schema.js';
import { createTestDatabase, onPostgres, testDataKey, TestClock, type TestDatabase } from '../test/harness.js';
import { SmtpPeer } from '../test/smtp-peer.js';
import { createSmtpTransport, deriveLinkKeys, enqueueEmail, outboxChannel, startDeliveryWorker, type DeliveryOptions, type DeliveryWorker, type Log } from './index.js';

/**
 * Issue 11: the delivery worker is woken across server instances. A trigger on the outbox NOTIFYs
 * when a message becomes queued; PostgreSQL delivers it at commit, only if the transaction
 * commits, to every instance LISTENing on the same database (db/notify.ts). Here the mail is
 * queued straight into the outbox, as another instance would: nothing in this process calls
 * `mailQueued()`, and the worker polls once an hour, so only the notification can wake it.
 */
let tdb: TestDatabase;
const clock = new TestClock(new Date('2026-03-02T15:00:00Z'));
const vault = createVault(testDataKey);
const quiet: Log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const hour = 3_600_000;
const arrives = { timeout: 30_000 };
const options: DeliveryOptions = {
  vault,
  mailFrom: 'Harbor Careline <careline@dcf.example>',
  publicUrl: 'http://harbor.test',
  timeZone: 'America/New_York',
  keys: deriveLinkKeys('notify-test-secret-that-is-long-enough'),
  ackLinkTtlMs: 30 * 86_400_000,
  maxAttempts: 3,
};

beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});

/** Queues notices in one transaction of "the other instance" (the test's own connection); `smtp: false` holds them (no mail server). */
async function queue(keys: string[], opts: { smtp?: boolean; rollback?: boolean } = {}): Promise<string[]> {
  const config = { smtpUrl: opts.smtp === false ? null : 'smtp://127.0.0.1:25' };
  const ids: string[] = [];
  const work = tdb.database.db.transaction(async (tx) => {
    for (const key of keys) {
      const q = await enqueueEmail(tx, { idempotencyKey: key, toAddress: 'desk@police.example', subject: `DCF-737 notice ${key}`, bodyText: `Referral ${key}.`, recordType: 'referral', recordId: randomUUID() }, { config, now: clock.now() });
      ids.push(q.id);
    }
    if (opts.rollback) throw new Error('rolled back on purpose');
  });
  if (opts.rollback) await expect(work).rejects.toThrow('rolled back on purpose');
  else await work;
  return ids;
}

/** A listener that counts notifications. */
async function counting(database: Database): Promise<{ count: () => number; stop: () => Promise<void> }> {
  let n = 0;
  const l = database.listen(outboxChannel, () => n++);
  await l.ready;
  return { count: () => n, stop: () => l.stop() };
}

describe('outbox notifications: mail queued anywhere wakes every instance’s worker at commit', () => {
  it('[CL-4] a DCF-737 queued by another instance reaches the SMTP peer before this instance’s next poll', async () => {
    const peer = await new SmtpPeer().start();
    const transport = createSmtpTransport(peer.url);
    // The second instance: its own connection on PostgreSQL; embedded, the one process's database.
    const second = onPostgres ? await openDatabase({ databaseUrl: tdb.appUrl, dataDir: '', command: 'test' }) : tdb.database;
    let worker: DeliveryWorker | null = null;
    let listening: Listening | null = null;
    try {
      let idle!: () => void;
      const started = new Promise<void>((resolve) => (idle = resolve));
      const w = startDeliveryWorker({ repo: dataLayer(second).forSystem('outbox'), transport, options, clock, pollMs: hour, log: quiet, afterPass: () => idle() });
      worker = w;
      await started;
      listening = second.listen(outboxChannel, () => w.wake());
      await listening.ready;

      await queue(['NOTIFY-ACROSS-1']);
      await expect.poll(() => peer.received.length, arrives).toBe(1);
      expect(peer.received[0]!.subject).toBe('DCF-737 notice NOTIFY-ACROSS-1');
    } finally {
      await listening?.stop();
      await worker?.stop();
      if (second !== tdb.database) await second.close();
      await peer.stop();
    }
  });

  it('[CL-4] notifies only what commits as queued: none for a rollback or held mail, one per transaction, one when a message is set back to queued', async () => {
    const l = await counting(tdb.database);
    try {
      // Notifications arrive in commit order: when a later one is counted, every earlier one has been.
      await queue(['ROLLBACK-1'], { rollback: true });
      await queue(['HELD-1'], { smtp: false });
      await queue(['BATCH-1', 'BATCH-2', 'BATCH-3']);
      await expect.poll(l.count, arrives).toBeGreaterThanOrEqual(1);
      const [sentinel] = await queue(['SENTINEL-1']);
      await expect.poll(l.count, arrives).toBeGreaterThanOrEqual(2);
      expect(l.count(), 'one for the batch, one for the sentinel: none for the rollback or the held message').toBe(2);

      // A failed message set back to queued (a supervisor's resend) notifies; other changes do not.
      await tdb.database.db.update(outboxMessages).set({ status: 'failed' }).where(eq(outboxMessages.id, sentinel!));
      await tdb.database.db.update(outboxMessages).set({ attempts: 1 }).where(eq(outboxMessages.id, sentinel!));
      await tdb.database.db.update(outboxMessages).set({ status: 'queued' }).where(eq(outboxMessages.id, sentinel!));
      await expect.poll(l.count, arrives).toBeGreaterThanOrEqual(3);
      await queue(['SENTINEL-2']);
      await expect.poll(l.count, arrives).toBeGreaterThanOrEqual(4);
      expect(l.count()).toBe(4);
    } finally {
      await l.stop();
    }
  });

  // A cut connection exists only on PostgreSQL (the embedded database is inside this process).
  if (onPostgres) {
    it('[CL-4] a listener whose connection is cut reconnects and wakes its worker once for what was queued meanwhile', async () => {
      let n = 0;
      const problems: string[] = [];
      const l = listenFor({ url: tdb.appUrl!, channel: outboxChannel, onNotify: () => n++, onProblem: (m) => problems.push(m), retryMs: 20 });
      const admin = new pg.Client({ connectionString: tdb.appUrl! });
      await admin.connect();
      try {
        await l.ready;
        const cut = await admin.query(`select pg_terminate_backend(pid) as cut from pg_stat_activity where datname = current_database() and query = 'listen ${outboxChannel}' and pid <> pg_backend_pid()`);
        expect(cut.rows).toEqual([{ cut: true }]);
        // The reconnection's own wake-up, for mail queued while nobody listened.
        await expect.poll(() => n, arrives).toBe(1);
        expect(problems.length).toBeGreaterThanOrEqual(1);
        expect(problems.join(' ')).not.toMatch(/desk@|DCF-737/);
        await queue(['AFTER-RECONNECT-1']);
        await expect.poll(() => n, arrives).toBe(2);
      } finally {
        await admin.end();
        await l.stop();
      }
    });
  }
});

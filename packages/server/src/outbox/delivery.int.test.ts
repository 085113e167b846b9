import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Db } from '../db/client.js';
import { auditEvents, outboxMessages } from '../db/schema.js';
import { extractPdfText, renderPdf, storeDocument } from '../documents/index.js';
import { createVault } from '../crypto/index.js';
import { dataLayer, type SystemRepository } from '../data/index.js';
import { createTestDatabase, testDataKey, onPostgres, TestClock, type TestDatabase } from '../test/harness.js';
import {
  createSmtpTransport,
  deliverDue,
  deriveLinkKeys,
  enqueueEmail,
  messageIdFor,
  type DeliveryOptions,
  type MailTransport,
  type NewEmail,
} from './index.js';
import { SmtpPeer } from '../test/smtp-peer.js';

/**
 * The outbox against a real SMTP server on 127.0.0.1 and a real database (PGlite, or PostgreSQL
 * with TEST_DATABASE_URL): each message arrives once, with its PDF; a mail server that is down
 * loses nothing; refusals end as failed and escalated; racing workers send each message once.
 */
let tdb: TestDatabase;
let db: Db;
/** The mail worker's repository, as `harbor start` gives it (server.ts). */
let outbox: SystemRepository;
const clock = new TestClock(new Date('2026-03-02T15:00:00Z'));
const from = 'Harbor Careline <careline@dcf.example>';
const vault = createVault(testDataKey);
const options = (extra: Partial<DeliveryOptions> = {}): DeliveryOptions => ({
  vault,
  mailFrom: from,
  publicUrl: 'http://harbor.test',
  timeZone: 'America/New_York',
  keys: deriveLinkKeys('delivery-test-secret-that-is-long-enough'),
  ackLinkTtlMs: 30 * 86_400_000,
  maxAttempts: 3,
  ...extra,
});
const smtpOn = { smtpUrl: 'smtp://127.0.0.1:25' };
const narrative = 'NARRATIVE-MUST-NOT-LEAVE: the reporter described the hotel in detail';

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.database.db;
  outbox = dataLayer(tdb.database).forSystem('outbox');
});
afterAll(async () => {
  await tdb.drop();
});

const peers: SmtpPeer[] = [];
const transports: MailTransport[] = [];
async function startPeer(opts: ConstructorParameters<typeof SmtpPeer>[0] = {}): Promise<{ peer: SmtpPeer; transport: MailTransport }> {
  const peer = await new SmtpPeer(opts).start();
  const transport = createSmtpTransport(peer.url, { connectionMs: 5000, greetingMs: 5000, socketMs: 10_000 });
  peers.push(peer);
  transports.push(transport);
  return { peer, transport };
}
afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  for (const p of peers.splice(0)) await p.stop();
});

/** A DCF-737-like notice: a stored PDF and one e-mail carrying it, in one transaction. */
async function enqueueNotice(key: string, to: string, extra: Partial<NewEmail> = {}, config: { smtpUrl: string | null } = smtpOn) {
  const recordId = randomUUID();
  return db.transaction(async (tx) => {
    const pdf = await renderPdf(
      {
        title: 'DCF-737 Human Trafficking Notice',
        subtitle: `Referral ${key}`,
        sections: [{ heading: 'Referral', rows: [['Referral number', key], ['Child', 'J.D., 15, female'], ['Town', 'Hartford']] }],
        footer: 'Confidential',
      },
      { date: clock.now() },
    );
    const documentId = await storeDocument(tx, vault, { kind: 'DCF-737', recordType: 'referral', recordId, fileName: `DCF-737 ${key}.pdf`, bytes: pdf, createdBy: null });
    const queued = await enqueueEmail(
      tx,
      { idempotencyKey: key, toAddress: to, toName: 'Desk Officer', partyKind: 'police', partyRef: 'HFD-PD', subject: `DCF-737 notice ${key}`, bodyText: `A DCF-737 notice is attached.\nReferral ${key}.`, attachmentDocumentIds: [documentId], recordType: 'referral', recordId, ...extra },
      { config, now: clock.now() },
    );
    return { ...queued, documentId, pdf, recordId };
  });
}

type Notice = Awaited<ReturnType<typeof enqueueNotice>>;
const row = async (id: string) => (await db.select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0]!;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('delivery through a real SMTP server', () => {
  it('delivers each queued message exactly once with its PDF attachment, whose text holds the fields', async () => {
    const { peer, transport } = await startPeer();
    const parties = ['police@hartford.example', 'hart.lead@dcf.example', 'duty@fbi.example'];
    const notices: Notice[] = [];
    for (const [i, to] of parties.entries()) notices.push(await enqueueNotice(`R-2026-0001-${i}`, to, { bodyText: `Notice for referral R-2026-0001-${i}.` }));
    for (const n of notices) expect((await row(n.id)).status).toBe('queued');

    const report = await deliverDue(outbox, transport, clock.now(), options());
    expect(report).toMatchObject({ claimed: 3, sent: 3, retrying: 0, failed: 0 });
    expect(await deliverDue(outbox, transport, clock.now(), options())).toMatchObject({ claimed: 0, sent: 0 });
    clock.advance(3 * 3_600_000);
    expect(await deliverDue(outbox, transport, clock.now(), options())).toMatchObject({ claimed: 0 });

    expect(peer.received).toHaveLength(3);
    for (const [i, n] of notices.entries()) {
      const mails = peer.received.filter((m) => m.envelopeTo.includes(parties[i]!));
      expect(mails, parties[i]).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail.messageId).toBe(messageIdFor(`R-2026-0001-${i}`, from));
      expect(mail.subject).toBe(`DCF-737 notice R-2026-0001-${i}`);
      expect(mail.text).toContain(`Notice for referral R-2026-0001-${i}.`);
      expect(mail.text).toMatch(/http:\/\/harbor\.test\/ack\/\S+/);
      expect(mail.attachments).toHaveLength(1);
      const pdf = mail.attachments[0]!;
      expect(pdf.contentType).toBe('application/pdf');
      expect(pdf.filename).toBe(`DCF-737_R-2026-0001-${i}.pdf`);
      expect(sha(pdf.content)).toBe(sha(n.pdf));
      const text = extractPdfText(pdf.content);
      for (const field of ['DCF-737 Human Trafficking Notice', `R-2026-0001-${i}`, 'J.D., 15, female', 'Hartford']) expect(text).toContain(field);
      expect(text).not.toContain('NARRATIVE');
      const r = await row(n.id);
      expect(r).toMatchObject({ status: 'sent', attempts: 1, lastError: null, nextAttemptAt: null, escalatedAt: null });
      expect(r.sentAt).not.toBeNull();
    }
    const audits = await db.select().from(auditEvents).where(eq(auditEvents.action, 'notice.sent'));
    expect(audits.filter((a) => notices.some((n) => n.id === a.recordId))).toHaveLength(3);
  });

  it('loses nothing while the mail server is down, and sends each message once when it is back', async () => {
    const { peer, transport } = await startPeer();
    await peer.stop();
    const notices: Notice[] = [];
    for (const i of [1, 2, 3]) notices.push(await enqueueNotice(`DOWN-${i}`, `party${i}@towns.example`, { bodyText: narrative.replace('NARRATIVE-MUST-NOT-LEAVE', 'body') }));

    const down = await deliverDue(outbox, transport, clock.now(), options());
    expect(down).toMatchObject({ claimed: 3, sent: 0, retrying: 3, failed: 0 });
    for (const n of notices) {
      const r = await row(n.id);
      expect(r).toMatchObject({ status: 'failed_retrying', attempts: 1, escalatedAt: null });
      expect(r.nextAttemptAt!.getTime() - clock.now().getTime()).toBe(60_000);
      expect(r.lastError).toMatch(/^[A-Z_]+ mail server unreachable/);
      for (const secret of ['towns.example', 'party', 'body', 'DOWN']) expect(r.lastError).not.toContain(secret);
    }

    await peer.start(); // the same port
    expect(await deliverDue(outbox, transport, clock.now(), options()), 'not due before the back-off ends').toMatchObject({ claimed: 0 });
    clock.advance(61_000);
    expect(await deliverDue(outbox, transport, clock.now(), options())).toMatchObject({ claimed: 3, sent: 3 });
    clock.advance(10 * 60_000);
    expect(await deliverDue(outbox, transport, clock.now(), options())).toMatchObject({ claimed: 0 });

    expect(peer.received).toHaveLength(3);
    for (const [i, n] of notices.entries()) {
      expect(peer.received.filter((m) => m.messageId === messageIdFor(`DOWN-${i + 1}`, from))).toHaveLength(1);
      expect(await row(n.id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    }
  });

  it('ends a message the server refuses (5xx) as failed after the last attempt, escalated and audited', async () => {
    const { peer, transport } = await startPeer({ refuse: (address) => (address.startsWith('nobody@') ? 550 : null) });
    const refused = await enqueueNotice('REFUSED-1', 'nobody@police.example');
    const fine = await enqueueNotice('REFUSED-OK', 'desk@police.example');

    expect(await deliverDue(outbox, transport, clock.now(), options({ maxAttempts: 3 }))).toMatchObject({ claimed: 2, sent: 1, retrying: 1 });
    let r = await row(refused.id);
    expect(r).toMatchObject({ status: 'failed_retrying', attempts: 1, lastError: 'SMTP 550 permanent rejection (EENVELOPE)' });
    expect(r.escalatedAt, 'a refusal is escalated at once').not.toBeNull();
    const escalatedAt = r.escalatedAt;

    clock.advance(60_000);
    expect(await deliverDue(outbox, transport, clock.now(), options({ maxAttempts: 3 }))).toMatchObject({ claimed: 1, retrying: 1 });
    expect((await row(refused.id)).nextAttemptAt!.getTime() - clock.now().getTime()).toBe(120_000);
    clock.advance(120_000);
    expect(await deliverDue(outbox, transport, clock.now(), options({ maxAttempts: 3 }))).toMatchObject({ claimed: 1, failed: 1 });
    r = await row(refused.id);
    expect(r).toMatchObject({ status: 'failed', attempts: 3, nextAttemptAt: null, escalatedAt });
    clock.advance(24 * 3_600_000);
    expect(await deliverDue(outbox, transport, clock.now(), options({ maxAttempts: 3 }))).toMatchObject({ claimed: 0 });

    expect(peer.received.map((m) => m.envelopeTo)).toEqual([['desk@police.example']]);
    expect(await row(fine.id)).toMatchObject({ status: 'sent', escalatedAt: null });
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.recordType, 'outbox_message'), eq(auditEvents.recordId, refused.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(['notice.escalated', 'notice.failed']);
    expect(JSON.stringify(audits)).not.toContain('nobody@');
  });

  it('gives a message whose sender died mid-send (stuck in sending) to another worker after the lease, with the same Message-ID and link', async () => {
    const { peer, transport } = await startPeer();
    const n = await enqueueNotice('CRASH-1', 'crash@police.example');
    // A worker claims it and dies before sending: its claim is all that happened.
    const dead: MailTransport = { description: 'dead', send: () => new Promise(() => undefined), close: () => undefined };
    void deliverDue(outbox, dead, clock.now(), options());
    await expect.poll(async () => (await row(n.id)).status).toBe('sending');
    const claimed = await row(n.id);
    expect(claimed.attempts).toBe(1);

    clock.advance(4 * 60_000);
    expect(await deliverDue(outbox, transport, clock.now(), options()), 'still within the lease').toMatchObject({ claimed: 0 });
    clock.advance(60_000 + 1);
    expect(await deliverDue(outbox, transport, clock.now(), options())).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row(n.id)).toMatchObject({ status: 'sent', attempts: 2, ackTokenHash: claimed.ackTokenHash });
    expect(peer.received).toHaveLength(1);
    expect(peer.received[0]!.messageId).toBe(messageIdFor('CRASH-1', from));
  });

  it('sends each message once when two workers race (one database connection each on PostgreSQL)', async () => {
    const { peer, transport } = await startPeer({ delayMs: 15 });
    const second = onPostgres ? await openDatabase({ databaseUrl: tdb.appUrl, dataDir: '', command: 'test' }) : null;
    try {
      const ids: string[] = [];
      for (let i = 0; i < 16; i++) ids.push((await enqueueNotice(`RACE-${i}`, `race${i}@police.example`)).id);
      const other = second ? dataLayer(second).forSystem('outbox') : outbox;
      const worker = async (repo: SystemRepository) => {
        let sent = 0;
        for (;;) {
          const r = await deliverDue(repo, transport, clock.now(), options({ batchSize: 3 }));
          sent += r.sent;
          if (r.claimed === 0) return sent;
        }
      };
      const counts = await Promise.all([worker(outbox), worker(other), worker(outbox), worker(other)]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(16);
      if (onPostgres) expect(counts.filter((c) => c > 0).length, 'the work was shared').toBeGreaterThan(1);
      expect(peer.received).toHaveLength(16);
      expect(new Set(peer.received.map((m) => m.messageId)).size).toBe(16);
      for (const id of ids) expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
    } finally {
      await second?.close();
    }
  });
});

describe('[CF-1] TLS to the mail server unless SMTP_URL opts out explicitly', () => {
  it('[CF-1] sends nothing over plain smtp:// to a server that offers no STARTTLS: the message stays retrying, and goes out once the address opts out', async () => {
    const { peer } = await startPeer();
    const required = createSmtpTransport(peer.plainUrl, { connectionMs: 5000, greetingMs: 5000, socketMs: 10_000 });
    transports.push(required);
    const n = await enqueueNotice('NO-STARTTLS-1', 'desk@police.example');
    expect(await deliverDue(outbox, required, clock.now(), options())).toMatchObject({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
    expect(peer.received).toHaveLength(0);
    const r = await row(n.id);
    expect(r).toMatchObject({ status: 'failed_retrying', attempts: 1 });
    expect(r.lastError).toMatch(/^ETLS .*no TLS/);
    // Still refused on the next attempt, never dropped (a 5xx to STARTTLS is no refusal of the message).
    clock.advance(61_000);
    expect(await deliverDue(outbox, required, clock.now(), options())).toMatchObject({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
    expect(await row(n.id)).toMatchObject({ status: 'failed_retrying', attempts: 2 });

    // The operator says explicitly that this server is plain (`?tls=off`): the same message goes out, once.
    const plain = createSmtpTransport(peer.url, { connectionMs: 5000, greetingMs: 5000, socketMs: 10_000 });
    transports.push(plain);
    expect(peer.url).toMatch(/\?tls=off$/);
    clock.advance(3 * 60_000);
    expect(await deliverDue(outbox, plain, clock.now(), options())).toMatchObject({ claimed: 1, sent: 1 });
    expect(peer.received.filter((m) => m.messageId === messageIdFor('NO-STARTTLS-1', from))).toHaveLength(1);
    expect(peer.received[0]!.secure).toBe(false);
  });

  it('[CF-1] upgrades with STARTTLS to a server with a self-signed certificate only when SMTP_URL trusts it (?tls_ca=)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-smtp-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    try {
      const { peer, transport: untrusted } = await startPeer({ starttls: { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') } });
      const n = await enqueueNotice('SELF-SIGNED-1', 'desk@police.example');
      expect(await deliverDue(outbox, untrusted, clock.now(), options())).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
      expect(peer.received).toHaveLength(0);
      expect(await row(n.id)).toMatchObject({ status: 'failed_retrying', attempts: 1 });
      expect((await row(n.id)).lastError).toMatch(/^(ETLS|ESOCKET) /); // the certificate check failed on the upgrade

      const trusted = createSmtpTransport(`${peer.plainUrl}?tls_ca=${encodeURIComponent(cert)}`, { connectionMs: 5000, greetingMs: 5000, socketMs: 10_000 });
      transports.push(trusted);
      clock.advance(61_000);
      expect(await deliverDue(outbox, trusted, clock.now(), options())).toMatchObject({ claimed: 1, sent: 1 });
      expect(peer.received).toHaveLength(1);
      expect(peer.received[0]!.secure).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('enqueueing', () => {
  it('keeps one message per idempotency key, in one transaction, in two, and from concurrent transactions', async () => {
    const first = await enqueueNotice('IDEM-1', 'idem@police.example');
    const again = await enqueueNotice('IDEM-1', 'someone.else@police.example', { subject: 'changed' });
    expect(again).toMatchObject({ id: first.id, created: false, status: 'queued' });
    const both = await db.transaction(async (tx) => {
      const msg: NewEmail = { idempotencyKey: 'IDEM-2', toAddress: 'idem2@police.example', subject: 's', bodyText: 'b' };
      return [await enqueueEmail(tx, msg, { config: smtpOn, now: clock.now() }), await enqueueEmail(tx, msg, { config: smtpOn, now: clock.now() })];
    });
    expect(both[1]).toMatchObject({ id: both[0]!.id, created: false });
    const racing = await Promise.all(
      [1, 2, 3].map(() => db.transaction((tx) => enqueueEmail(tx, { idempotencyKey: 'IDEM-3', toAddress: 'idem3@police.example', subject: 's', bodyText: 'b' }, { config: smtpOn, now: clock.now() }))),
    );
    expect(new Set(racing.map((r) => r.id)).size).toBe(1);
    expect(racing.filter((r) => r.created)).toHaveLength(1);
    const rows = await queryRows<{ key: string; n: number }>(db, sql`select idempotency_key as key, count(*)::int as n from outbox_messages where idempotency_key like 'IDEM-%' group by 1 order by 1`);
    expect(rows).toEqual([{ key: 'IDEM-1', n: 1 }, { key: 'IDEM-2', n: 1 }, { key: 'IDEM-3', n: 1 }]);
    expect((await row(first.id)).toAddress).toBe('idem@police.example');
  });

  it('rolls back with the caller: a message of a transaction that fails is never sent', async () => {
    await expect(
      db.transaction(async (tx) => {
        await enqueueEmail(tx, { idempotencyKey: 'ROLLBACK-1', toAddress: 'rb@police.example', subject: 's', bodyText: 'b' }, { config: smtpOn, now: clock.now() });
        throw new Error('the referral could not be saved');
      }),
    ).rejects.toThrow('referral');
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, 'ROLLBACK-1'))).toEqual([]);
  });

  it('refuses an address that is not one, an unknown attachment, and a header-breaking subject is made one line', async () => {
    const send = (m: Partial<NewEmail>) =>
      db.transaction((tx) => enqueueEmail(tx, { idempotencyKey: `BAD-${randomUUID()}`, toAddress: 'ok@police.example', subject: 's', bodyText: 'b', ...m }, { config: smtpOn, now: clock.now() }));
    await expect(send({ toAddress: 'not an address' })).rejects.toThrow(/toAddress/);
    await expect(send({ toAddress: 'a@b.example>\r\nBcc: x@y.example' })).rejects.toThrow(/toAddress/);
    await expect(send({ attachmentDocumentIds: [randomUUID()] })).rejects.toThrow(/attachmentDocumentIds/);
    const ok = await send({ subject: 'Line one\r\nBcc: evil@x.example' });
    expect((await row(ok.id)).subject).toBe('Line one Bcc: evil@x.example');
  });

  it('holds messages as "not sent" when no mail server is configured, and no worker ever claims them', async () => {
    const { peer, transport } = await startPeer();
    const held = await enqueueNotice('HELD-1', 'held@police.example', {}, { smtpUrl: null });
    expect(held.status).toBe('held_no_transport');
    expect(await row(held.id)).toMatchObject({ status: 'held_no_transport', nextAttemptAt: null, attempts: 0, sentAt: null });
    clock.advance(7 * 86_400_000);
    for (let i = 0; i < 3; i++) await deliverDue(outbox, transport, clock.now(), options());
    expect(await row(held.id)).toMatchObject({ status: 'held_no_transport', attempts: 0, sentAt: null, ackTokenHash: null });
    expect(peer.received.filter((m) => m.envelopeTo.includes('held@police.example'))).toEqual([]);
  });
});

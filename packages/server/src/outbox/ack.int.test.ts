import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataLayer } from '../data/index.js';
import { openDatabase } from '../db/client.js';
import { auditEvents, outboxMessages, systemSecrets } from '../db/schema.js';
import { Client, onPostgres, signedIn, startTestServer, type TestServer } from '../test/harness.js';
import { createSmtpTransport, deliverDue, deliveryOptionsFrom, enqueueEmail, issueToken, linkKeys, type MailTransport } from './index.js';
import { SmtpPeer } from '../test/smtp-peer.js';

/**
 * The acknowledgment link of a delivered notice, through the real HTTP server: opening it (GET,
 * HEAD) shows a "Confirm receipt" page and changes nothing; only the page's POST records receipt,
 * once; no page shows anything of the case, and a token that is altered, foreign or expired is
 * refused.
 */
let server: TestServer;
let peer: SmtpPeer;
let transport: MailTransport;
const db = () => server.db.database.db;
const secretText = ['REF-ACK-2026-77', 'ack.party@police.example', 'Officer Vasquez', 'DCF-737 notice REF-ACK-2026-77', 'J.D. age 15'];

beforeAll(async () => {
  peer = await new SmtpPeer().start();
  // No HARBOR_SECRET_KEY: the link key is generated and kept in the database.
  server = await startTestServer({ smtpUrl: peer.url, secretKey: null, publicUrl: 'https://harbor.agency.example' });
  transport = createSmtpTransport(peer.url);
});
afterAll(async () => {
  transport.close();
  await peer.stop();
  await server.close();
});

async function sendNotice(key: string): Promise<{ id: string; path: string }> {
  const { id } = await db().transaction((tx) =>
    enqueueEmail(
      tx,
      { idempotencyKey: key, toAddress: 'ack.party@police.example', toName: 'Officer Vasquez', subject: `DCF-737 notice ${key}`, bodyText: `Referral ${key}: J.D. age 15.`, recordType: 'referral', recordId: key },
      { config: server.config, now: server.clock.now() },
    ),
  );
  const data = server.app.harbor.data;
  await deliverDue(data.forSystem('outbox'), transport, server.clock.now(), await deliveryOptionsFrom(data, server.config, server.vault));
  const mail = peer.received.find((m) => m.subject === `DCF-737 notice ${key}`)!;
  const link = /https:\/\/harbor\.agency\.example(\/ack\/\S+)/.exec(mail.text);
  expect(link, 'the message carries a link on the public address').not.toBeNull();
  return { id, path: link![1]! };
}

const open = (path: string) => new Client(server.baseUrl).raw('GET', path);
const peek = (path: string) => new Client(server.baseUrl).raw('HEAD', path);
/** The page's "Confirm receipt" button: a plain HTML form post, no session, no CSRF token. */
const confirm = (path: string) => new Client(server.baseUrl).raw('POST', path, { headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl }, body: '' });
const row = async (id: string) => (await db().select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0]!;
const ackAudits = async (id: string) => db().select().from(auditEvents).where(and(eq(auditEvents.action, 'notice.acknowledged'), eq(auditEvents.recordId, id)));

function expectNeutral(body: unknown): void {
  const html = String(body);
  for (const secret of [...secretText, 'referral', 'REF-']) expect(html).not.toContain(secret);
}

describe('acknowledgment links', () => {
  it('[CF-1] GET and HEAD leave the notice unacknowledged: the page asks to confirm, with a form that posts to itself', async () => {
    const { id, path } = await sendNotice('REF-ACK-2026-GET');
    server.clock.advance(3_600_000);
    for (let i = 0; i < 3; i++) {
      const page = await open(path);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('referrer-policy')).toBe('same-origin');
      expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
      const html = String(page.body);
      expect(html).toContain('Confirm receipt of this notice');
      expect(html).toMatch(/<form method="post"><button type="submit">Confirm receipt<\/button><\/form>/);
      expectNeutral(html);
      const head = await peek(path);
      expect(head.status).toBe(200);
    }
    expect(await row(id)).toMatchObject({ status: 'sent', acknowledgedAt: null });
    expect(await ackAudits(id)).toHaveLength(0);
  });

  it('[CF-1] only the POST records receipt, once, on a page with no case data; a second POST and later openings say it is recorded', async () => {
    const { id, path } = await sendNotice('REF-ACK-2026-77');
    expect(path.length).toBeLessThan(100);
    expect((await row(id)).status).toBe('sent');
    server.clock.advance(3_600_000);
    const first = await confirm(path);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('referrer-policy')).toBe('same-origin');
    expect(String(first.body)).toContain('Thank you — receipt recorded');
    expectNeutral(first.body);
    const acknowledged = await row(id);
    expect(acknowledged).toMatchObject({ status: 'acknowledged', acknowledgedAt: server.clock.now() });
    const audits = await ackAudits(id);
    expect(audits).toHaveLength(1);
    // The partner's action, by the system for the request that carried it: no user, the request's own id.
    expect(audits[0]).toMatchObject({ username: 'system:ack-link', outcome: 'success', recordType: 'outbox_message', userId: null, requestId: first.headers.get('x-request-id') });
    expect(JSON.stringify(audits[0]!.detail)).not.toContain('police.example');

    server.clock.advance(60_000);
    const again = await confirm(path);
    expect(again.status).toBe(200);
    expect(String(again.body)).toContain('Thank you — receipt recorded');
    const reopened = await open(path);
    expect(String(reopened.body)).toContain('Thank you — receipt recorded');
    expect(String(reopened.body)).not.toContain('<form');
    expect((await row(id)).acknowledgedAt).toEqual(acknowledged.acknowledgedAt);
    expect(await ackAudits(id)).toHaveLength(1);
  });

  it('refuses an altered, foreign, malformed or unknown token with a neutral 404 and changes nothing', async () => {
    const { id, path } = await sendNotice('REF-ACK-ALTER');
    const token = path.slice('/ack/'.length);
    const [mid = '', exp = '', nonce = '', sig = ''] = token.split('.');
    const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
    const other = await sendNotice('REF-ACK-OTHER');
    const [otherMid = ''] = other.path.slice('/ack/'.length).split('.');
    const wrongKey = issueToken({ sign: Buffer.alloc(32, 7), seal: Buffer.alloc(32, 8) }, id, new Date(server.clock.now().getTime() + 86_400_000)).token;
    const tampered = [
      `${mid}.${exp}.${nonce}.${flip(sig, 5)}`,
      `${mid}.${exp}.${flip(nonce, 3)}.${sig}`,
      `${flip(mid, 2)}.${exp}.${nonce}.${sig}`,
      `${otherMid}.${exp}.${nonce}.${sig}`,
      `${mid}.${Number(exp) + 86_400}.${nonce}.${sig}`,
      `${mid}.${exp}.${nonce}`,
      `${mid}.${exp}.${nonce}.${sig}.x`,
      wrongKey,
      'not-a-token',
      encodeURIComponent('<script>alert(1)</script>'),
    ];
    for (const t of tampered) {
      for (const r of [await open(`/ack/${t}`), await confirm(`/ack/${t}`)]) {
        expect(r.status, t).toBe(404);
        expect(String(r.body)).toContain('Link not valid');
        expectNeutral(r.body);
      }
    }
    expect(await row(id)).toMatchObject({ status: 'sent', acknowledgedAt: null });
    expect(await ackAudits(id)).toHaveLength(0);
  });

  it('answers an expired link with a neutral 410', async () => {
    const { id, path } = await sendNotice('REF-ACK-EXPIRED');
    server.clock.advance(server.config.ackLinkTtlMs + 1000);
    for (const r of [await open(path), await confirm(path)]) {
      expect(r.status).toBe(410);
      expect(String(r.body)).toContain('This link has expired');
      expectNeutral(r.body);
    }
    expect(await row(id)).toMatchObject({ status: 'sent', acknowledgedAt: null });
  });

  it('keeps the generated link key in the database, so links outlive a restart', async () => {
    const { id, path } = await sendNotice('REF-ACK-RESTART');
    const stored = await db().select().from(systemSecrets);
    expect(stored.map((s) => s.name)).toEqual(['ack_link_key']);
    const keys = await linkKeys(server.app.harbor.data, null);
    if (onPostgres) {
      // Another server instance (its own connection pool, no shared cache) derives the same keys.
      const other = await openDatabase({ databaseUrl: server.db.appUrl, dataDir: '', command: 'test' });
      try {
        expect(await linkKeys(dataLayer(other), null)).toEqual(keys);
      } finally {
        await other.close();
      }
    }
    expect((await confirm(path)).status).toBe(200);
    expect((await row(id)).status).toBe('acknowledged');
  });
});

describe('the outgoing-mail list', () => {
  it('lists messages with their delivery status, labels held ones "Not sent", and never shows a body', async () => {
    const held = await db().transaction((tx) =>
      enqueueEmail(tx, { idempotencyKey: 'HELD-LIST-1', toAddress: 'held@police.example', subject: 'DCF-737 notice HELD', bodyText: 'BODY-SECRET' }, { config: { smtpUrl: null }, now: server.clock.now() }),
    );
    // The Careline supervisor answers for notices reaching every party (CL-4).
    const watcher = await signedIn(server, 'careline_supervisor');
    const r = await watcher.get<{ items: { id: string; status: string; statusLabel: string; notSent: boolean }[]; nextCursor: string | null; mailServer: string }>('/api/outbox?limit=50');
    expect(r.status).toBe(200);
    // This server has a mail server (the test SMTP peer); the page says so.
    expect(r.body.mailServer).toBe('smtp');
    const heldRow = r.body.items.find((x) => x.id === held.id)!;
    expect(heldRow).toMatchObject({ status: 'held_no_transport', statusLabel: 'Not sent — no mail server configured', notSent: true });
    expect(r.body.items.find((x) => x.status === 'acknowledged')).toMatchObject({ notSent: false, statusLabel: 'Acknowledged by recipient' });
    expect(JSON.stringify(r.body)).not.toContain('BODY-SECRET');
    const onlyHeld = await watcher.get<{ items: { id: string }[] }>('/api/outbox?status=held_no_transport');
    expect(onlyHeld.body.items.map((x) => x.id)).toEqual([held.id]);
    const paged = await watcher.get<{ items: unknown[]; nextCursor: string | null }>('/api/outbox?limit=1');
    expect(paged.body.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(paged.body.items).toHaveLength(1);
    const audit = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'outbox.list'), eq(auditEvents.requestId, r.headers.get('x-request-id')!)));
    expect(audit).toHaveLength(1);
  });

  it('[CL-4] shows administrators the mail without case details, and Careline workers not at all', async () => {
    await db().transaction((tx) =>
      enqueueEmail(
        tx,
        { idempotencyKey: 'ADMIN-VIEW-1', toAddress: 'records@police.example', subject: 'DCF-737 notice, referral R-2026-004242', bodyText: 'x', recordType: 'referral', recordId: '7d1e1b2a-4c1f-4e8a-9d2b-3f5a6b7c8d9e' },
        { config: { smtpUrl: null }, now: server.clock.now() },
      ),
    );
    type Rows = { items: { subject: string; recordId: string | null }[] };
    const admin = await signedIn(server, 'administrator');
    const seen = (await admin.get<Rows>('/api/outbox?limit=200')).body.items.find((x) => x.subject.startsWith('DCF-737 notice, referral R-'));
    expect(seen).toMatchObject({ subject: 'DCF-737 notice, referral R-…', recordId: null });
    const director = await signedIn(server, 'hart_director');
    expect((await director.get<Rows>('/api/outbox?limit=200')).body.items.map((x) => x.subject)).toContain('DCF-737 notice, referral R-2026-004242');
    expect((await (await signedIn(server, 'careline_worker')).get('/api/outbox')).status).toBe(403);
  });

  it('pages by cursor: every message exactly once, newest or oldest first, ties in time broken by id, within the filter', async () => {
    // Four messages queued in one transaction share created_at (now() is the transaction's time):
    // the id must break the tie, or a page boundary between them would lose or repeat one.
    const email = (i: number) => ({ idempotencyKey: `PAGING-${i}`, toAddress: `paging${i}@police.example`, subject: `Paging ${i}`, bodyText: 'x', recordType: 'paging_test', recordId: `P-${i}` });
    const ctx = { config: { smtpUrl: null }, now: server.clock.now() };
    await db().transaction(async (tx) => {
      for (let i = 0; i < 4; i++) await enqueueEmail(tx, email(i), ctx);
    });
    for (let i = 4; i < 7; i++) await db().transaction((tx) => enqueueEmail(tx, email(i), ctx));
    await db().transaction((tx) => enqueueEmail(tx, { ...email(99), recordType: 'other_test' }, ctx));
    const inDb = await db().select({ id: outboxMessages.id, createdAt: outboxMessages.createdAt }).from(outboxMessages).where(eq(outboxMessages.recordType, 'paging_test'));
    expect(inDb).toHaveLength(7);

    const watcher = await signedIn(server, 'careline_supervisor');
    type P = { items: { id: string; recordType: string | null; createdAt: string }[]; nextCursor: string | null };
    const walk = async (dir: 'asc' | 'desc') => {
      const seen: P['items'] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r: { status: number; body: P } = await watcher.get<P>(`/api/outbox?recordType=paging_test&limit=2&dir=${dir}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.status).toBe(200);
        expect(r.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...r.body.items);
        cursor = r.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      return { seen, pages };
    };
    const desc = await walk('desc');
    expect(desc.pages).toBe(4);
    expect(desc.seen.every((x) => x.recordType === 'paging_test')).toBe(true);
    const ids = desc.seen.map((x) => x.id);
    expect(new Set(ids).size).toBe(7);
    expect(new Set(ids)).toEqual(new Set(inDb.map((x) => x.id)));
    // Newest first, and among equal times by id: the order of (created_at, id) descending.
    const expected = [...inDb].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((x) => x.id);
    expect(ids).toEqual(expected);
    const asc = await walk('asc');
    expect(asc.seen.map((x) => x.id)).toEqual([...expected].reverse());
    // The same walk again gives the same pages: the order is stable.
    expect((await walk('desc')).seen.map((x) => x.id)).toEqual(ids);

    // A cursor is tied to its direction and cannot be forged into SQL.
    const first = await watcher.get<P>('/api/outbox?recordType=paging_test&limit=2');
    const wrongWay = await watcher.get<{ fields: { field: string }[] }>(`/api/outbox?recordType=paging_test&limit=2&dir=asc&cursor=${first.body.nextCursor}`);
    expect(wrongWay.status).toBe(400);
    expect(wrongWay.body.fields.map((f) => f.field)).toEqual(['cursor']);
    const forged = Buffer.from(JSON.stringify({ d: 'desc', k: ["2026-01-01'; drop table x", 'not-a-uuid'] })).toString('base64url');
    const refused = await watcher.get<{ fields: { field: string }[] }>(`/api/outbox?cursor=${forged}`);
    expect(refused.status).toBe(400);
    expect(refused.body.fields.map((f) => f.field)).toEqual(['cursor']);
  });
});

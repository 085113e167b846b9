import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditEvents, offices } from '../db/schema.js';
import { demoPassword, demoUsername } from '../seed/index.js';
import { Client, signedIn, startTestServer, type Reply, type TestServer } from '../test/harness.js';
import { maxJsonDepth } from './json-body.js';

/**
 * Requests a browser on Harbor's own page never sends: changes from another site, bodies nested
 * to stall the parser, the API document asked for without signing in.
 */
let server: TestServer;
const logLines: string[] = [];
beforeAll(async () => {
  server = await startTestServer(
    { logLevel: 'info' },
    {
      logStream: { write: (line: string) => void logLines.push(line) },
      // A handler with a bug: its error quotes what the caller sent.
      routes: (app) =>
        app.post(
          '/api/test/unexpected',
          { config: { permission: 'authenticated' }, schema: { body: z.object({ note: z.string() }), querystring: z.object({ q: z.string().optional() }) } },
          (req) => {
            throw new TypeError(`Cannot file the note "${req.body.note}" for ${req.query.q ?? 'nobody'}`);
          },
        ),
    },
  );
});
afterAll(async () => {
  await server.close();
});

const db = () => server.db.database.db;
const errorOf = (r: Reply) => r.body as { error: string; message: string; fields?: { field: string; message: string }[] };
const office = (code: string) => ({ code, name: `Unit ${code}`, kind: 'hart', regionCode: null, townName: null, phone: null });
const officeExists = async (code: string) => (await db().select().from(offices).where(eq(offices.code, code))).length > 0;
const denialsOf = async (requestId: string) =>
  db().select().from(auditEvents).where(and(eq(auditEvents.requestId, requestId), eq(auditEvents.outcome, 'denied')));

describe('[CF-1] changes only from Harbor\'s own pages (Origin check beside the CSRF token)', () => {
  it('[CF-1] a state-changing request from another origin is refused 403, changes nothing, and is audited as a denial', async () => {
    const admin = await signedIn(server, 'administrator');
    // The CSRF token is right (say it leaked): the origin alone refuses the change.
    const r = await admin.raw('POST', '/api/offices', {
      origin: 'https://attacker.example',
      headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrfToken },
      body: JSON.stringify(office('EVIL-1')),
    });
    expect(r.status).toBe(403);
    expect(errorOf(r).error).toBe('foreign_origin');
    expect(errorOf(r).message).toMatch(/another site/);
    expect(await officeExists('EVIL-1')).toBe(false);
    const [row, ...more] = await denialsOf(r.headers.get('x-request-id')!);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ username: demoUsername('administrator'), action: 'office.create', outcome: 'denied' });
    expect(row!.detail).toMatchObject({ status: 403, reason: 'foreign_origin', origin: 'https://attacker.example', method: 'POST' });

    // The same request from Harbor's own page goes through.
    expect((await admin.post('/api/offices', office('OWN-1'))).status).toBe(201);
  });

  it('[CF-1] refuses PATCH and DELETE from another origin too, and `Origin: null` (a sandboxed or no-referrer page)', async () => {
    const admin = await signedIn(server, 'administrator');
    const [hfd] = await db().select().from(offices).where(eq(offices.code, 'HFD'));
    for (const origin of ['http://127.0.0.1.attacker.example', 'null', `${server.baseUrl.replace('http:', 'https:')}`]) {
      const r = await admin.raw('PATCH', `/api/offices/${hfd!.id}`, {
        origin,
        headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrfToken },
        body: JSON.stringify({ name: 'Renamed by an attacker', version: hfd!.version }),
      });
      expect(r.status, origin).toBe(403);
      expect(errorOf(r).error, origin).toBe('foreign_origin');
    }
    const del = await admin.raw('DELETE', '/api/session', { origin: 'https://attacker.example', headers: { 'x-csrf-token': admin.csrfToken } });
    expect(del.status).toBe(403);
    expect((await admin.get('/api/session')).body).toMatchObject({ user: { username: demoUsername('administrator') } });
    const [after] = await db().select().from(offices).where(eq(offices.id, hfd!.id));
    expect(after!.name).toBe(hfd!.name);
  });

  it('[CF-1] a sign-in posted from another site (login CSRF) is refused and audited with no user', async () => {
    const anon = new Client(server.baseUrl, 'https://attacker.example');
    await anon.refresh();
    const r = await anon.post('/api/session', { username: demoUsername('hart_director'), password: demoPassword });
    expect(r.status).toBe(403);
    expect(errorOf(r).error).toBe('foreign_origin');
    expect(anon.cookieHeader()).not.toMatch(/harbor_session/);
    const [row] = await denialsOf(r.headers.get('x-request-id')!);
    expect(row).toMatchObject({ userId: null, outcome: 'denied' });
    expect(row!.detail).toMatchObject({ reason: 'foreign_origin', origin: 'https://attacker.example' });
  });

  it('[CF-1] without an Origin the Referer decides; with neither the change is refused, naming what is missing', async () => {
    const admin = await signedIn(server, 'administrator');
    const send = (code: string, headers: Record<string, string>) =>
      admin.raw('POST', '/api/offices', { origin: null, headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrfToken, ...headers }, body: JSON.stringify(office(code)) });

    expect((await send('REF-OWN', { referer: `${server.baseUrl}/admin/offices?tab=new` })).status).toBe(201);
    const foreign = await send('REF-EVIL', { referer: 'https://attacker.example/harbor-trap' });
    expect(foreign.status).toBe(403);
    expect(errorOf(foreign).error).toBe('foreign_origin');
    const [row] = await denialsOf(foreign.headers.get('x-request-id')!);
    // Only the origin is kept, never the page's path.
    expect(row!.detail).toMatchObject({ origin: 'https://attacker.example' });
    expect(JSON.stringify(row!.detail)).not.toMatch(/harbor-trap/);

    const none = await send('NO-ORIGIN', {});
    expect(none.status).toBe(403);
    expect(errorOf(none).error).toBe('origin_missing');
    expect(errorOf(none).message).toMatch(/no Origin or Referer/);
    expect(await officeExists('REF-EVIL')).toBe(false);
    expect(await officeExists('NO-ORIGIN')).toBe(false);
  });

  it('[CF-1] reads change nothing and need no Origin', async () => {
    const admin = await signedIn(server, 'administrator');
    expect((await admin.raw('GET', '/api/offices', { headers: { origin: 'https://attacker.example' } })).status).toBe(200);
    expect((await admin.raw('GET', '/api/offices')).status).toBe(200);
  });

  it("[CF-1] Harbor's pages send Referrer-Policy same-origin, so their forms' POSTs carry their origin (never `no-referrer`, which sends `Origin: null`)", async () => {
    const r = await new Client(server.baseUrl).raw('GET', '/api/session');
    expect(r.headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('[CF-1] with HARBOR_PUBLIC_URL set, only its origin may change anything', () => {
  let proxied: TestServer;
  const publicOrigin = 'https://harbor.agency.example';
  beforeAll(async () => {
    proxied = await startTestServer({ publicUrl: publicOrigin, publicOrigin });
  });
  afterAll(async () => {
    await proxied.close();
  });

  it('[CF-1] accepts the public origin (behind a proxy) and refuses the host the request reached', async () => {
    const viaProxy = new Client(proxied.baseUrl, publicOrigin);
    expect((await viaProxy.signIn(demoUsername('administrator'), demoPassword)).status).toBe(200);
    expect((await viaProxy.post('/api/offices', office('PUB-1'))).status).toBe(201);
    const direct = new Client(proxied.baseUrl);
    const r = await direct.signIn(demoUsername('administrator'), demoPassword);
    expect(r.status).toBe(403);
    expect(errorOf(r).error).toBe('foreign_origin');
  });
});

describe('JSON nested deeper than a small limit is refused before it is parsed', () => {
  it(`refuses a 1 MB array nested ${maxJsonDepth + 1}+ levels deep with 400 naming the nesting`, async () => {
    const worker = await signedIn(server, 'careline_worker');
    const half = 500_000;
    const deep = `${'['.repeat(half)}${']'.repeat(half)}`;
    const r = await worker.raw('POST', '/api/referrals', { headers: { 'content-type': 'application/json', 'x-csrf-token': worker.csrfToken }, body: deep });
    expect(r.status).toBe(400);
    expect(errorOf(r).message).toBe(`body: The JSON is nested more than ${maxJsonDepth} levels deep.`);
    expect(errorOf(r).fields).toEqual([{ field: 'body', message: `Nested more than ${maxJsonDepth} levels deep` }]);
    // One level past the limit is refused the same way; the limit itself is not.
    const justOver = `${'['.repeat(maxJsonDepth + 1)}${']'.repeat(maxJsonDepth + 1)}`;
    const over = await worker.raw('POST', '/api/referrals', { headers: { 'content-type': 'application/json', 'x-csrf-token': worker.csrfToken }, body: `{"a":${justOver}}` });
    expect(errorOf(over).message).toMatch(/nested more than/);
    const atLimit = `{"a":${'['.repeat(maxJsonDepth - 1)}${']'.repeat(maxJsonDepth - 1)}}`;
    const ok = await worker.raw('POST', '/api/referrals', { headers: { 'content-type': 'application/json', 'x-csrf-token': worker.csrfToken }, body: atLimit });
    expect(ok.status).toBe(400);
    expect(errorOf(ok).message).not.toMatch(/nested/);
  });

  it('counts no brackets inside strings: a normal body whose text holds many brackets passes', async () => {
    const admin = await signedIn(server, 'administrator');
    const name = `Unit ${'[{'.repeat(40)} \\" ${'['.repeat(10)}`.slice(0, 120);
    const r = await admin.post('/api/offices', { ...office('BRACKETS'), name });
    expect(r.status).toBe(201);
    expect((r.body as { name: string }).name).toBe(name.trim());
  });

  it('keeps the body limit: a body over it is still 413', async () => {
    const admin = await signedIn(server, 'administrator');
    const r = await admin.post('/api/offices', { ...office('HUGE'), name: 'x'.repeat(server.config.bodyLimitBytes + 10) });
    expect(r.status).toBe(413);
  });

  it('still refuses prototype poisoning and bad JSON as before', async () => {
    const admin = await signedIn(server, 'administrator');
    const send = (body: string) => admin.raw('POST', '/api/offices', { headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrfToken }, body });
    expect((await send('{"code": ')).status).toBe(400);
    expect((await send('{"__proto__": {"admin": true}}')).status).toBe(400);
  });
});

describe('[CF-1] the API document is for signed-in users only', () => {
  it('[CF-1] answers 401 to a caller without a session for the viewer, its files and the document itself', async () => {
    const anonymous = new Client(server.baseUrl);
    for (const path of ['/api/docs', '/api/docs/', '/api/docs/json', '/api/docs/yaml', '/api/docs/static/index.html', '/api/docs/static/swagger-ui.css']) {
      const r = await anonymous.get(path);
      expect(r.status, path).toBe(401);
      expect(errorOf(r).error, path).toBe('unauthenticated');
      expect(JSON.stringify(r.body), path).not.toMatch(/openapi|\/api\/referrals/);
    }
  });

  it('[CF-1] serves the document and its viewer to any signed-in user', async () => {
    const reader = await signedIn(server, 'training_coordinator');
    const doc = await reader.get<{ openapi: string; paths: Record<string, unknown> }>('/api/docs/json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/api/referrals');
    const viewer = await reader.get('/api/docs/');
    expect(viewer.status).toBe(200);
    expect(String(viewer.body)).toMatch(/<html/i);
    expect((await reader.delete('/api/session')).status).toBeLessThan(300);
    expect((await reader.get('/api/docs/json')).status).toBe(401);
  });
});

describe('unexpected errors in the log', () => {
  it('logs the message and stack of an unexpected error, and nothing of the request body or query', async () => {
    const worker = await signedIn(server, 'hart_director');
    const r = await worker.post('/api/test/unexpected?q=Quarrington', { note: 'Xanthippe ran away from the motel on Route 5' });
    expect(r.status).toBe(500);
    expect(errorOf(r).message).not.toMatch(/Xanthippe|Cannot file/);
    const requestId = r.headers.get('x-request-id');
    const line = logLines.map((l) => JSON.parse(l) as { reqId?: string; msg?: string; error?: { type: string; message: string; stack: string } }).find((l) => l.reqId === requestId && l.msg === 'unexpected error');
    expect(line?.error).toMatchObject({ type: 'TypeError', message: 'Cannot file the note "[not logged]" for [not logged]' });
    expect(line!.error!.stack).toMatch(/^TypeError: Cannot file the note/);
    expect(line!.error!.stack).toMatch(/\n\s+at .*request-hardening\.int\.test\.ts/);
    const all = logLines.join('');
    for (const secret of ['Xanthippe', 'Quarrington', 'motel', 'Route 5']) expect(all).not.toContain(secret);
  });
});

import net from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offices, people } from '../db/schema.js';
import { demoPassword, demoUsername } from '../seed/index.js';
import { Client, signedIn, startTestServer, type Reply, type TestServer } from '../test/harness.js';

/**
 * What an operator and a security review look at: health, headers, request ids, the API
 * document, structured logs without personal data, optimistic concurrency and graceful shutdown.
 */
let server: TestServer;
const logLines: string[] = [];
const db = () => server.db.database.db;
beforeAll(async () => {
  server = await startTestServer({ logLevel: 'trace' }, { logStream: { write: (line: string) => void logLines.push(line) } });
});
afterAll(async () => {
  await server.close();
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const officeId = async (code: string) => (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, code)))[0]!.id;

/** A spread of answers: public, API, refused, missing, bad input. */
async function sampleReplies(): Promise<[string, Reply][]> {
  const anonymous = new Client(server.baseUrl);
  const c = await signedIn(server, 'supervisor');
  return [
    ['health', await anonymous.get('/healthz')],
    ['session', await anonymous.get('/api/session')],
    ['signed out', await anonymous.get('/api/people')],
    ['forbidden', await c.get('/api/users')],
    ['missing api route', await c.get('/api/no-such-thing')],
    ['missing page', await anonymous.get('/no-such-page')],
    ['bad JSON', await c.raw('POST', '/api/people', { body: '{', headers: { 'content-type': 'application/json', 'x-csrf-token': c.csrfToken } })],
    ['ok', await c.get('/api/people')],
  ];
}

describe('operations', () => {
  it('answers /healthz with ok and the kind of database it reached', async () => {
    const r = await new Client(server.baseUrl).get('/healthz');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', database: server.db.database.kind });
    expect(['pglite', 'postgres']).toContain(server.db.database.kind);
  });

  it('sends the security headers on every response', async () => {
    for (const [what, r] of await sampleReplies()) {
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, what).toContain("default-src 'self'");
      expect(csp, what).toContain("frame-ancestors 'none'");
      expect(csp, what).toContain("script-src 'self'");
      expect(csp, what).toContain("object-src 'none'");
      expect(r.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), what).toBe('same-origin');
      expect(r.headers.get('x-powered-by'), what).toBeNull();
    }
  });

  it('keeps API answers out of caches', async () => {
    for (const [what, r] of (await sampleReplies()).filter(([w]) => !['health', 'missing page'].includes(w))) {
      expect(r.headers.get('cache-control'), what).toBe('no-store');
    }
  });

  it('puts a fresh request id on every response, which the caller cannot choose, and in every error body', async () => {
    const seen = new Set<string>();
    for (const [what, r] of await sampleReplies()) {
      const id = r.headers.get('x-request-id') ?? '';
      expect(id, what).toMatch(uuid);
      seen.add(id);
      if (r.status >= 400) expect((r.body as { requestId?: string }).requestId, what).toBe(id);
    }
    expect(seen.size).toBe(8);
    const forged = await new Client(server.baseUrl).raw('GET', '/healthz', { headers: { 'x-request-id': 'forged-id' } });
    expect(forged.headers.get('x-request-id')).toMatch(uuid);
  });

  it('serves an OpenAPI 3.1 document listing every route, and its viewer, to signed-in users', async () => {
    const reader = await signedIn(server, 'training_coordinator');
    const doc = await reader.get<{ openapi: string; info: { title: string }; paths: Record<string, Record<string, unknown>> }>('/api/docs/json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.info.title).toBe('Harbor API');
    expect(server.app.routesList.length).toBeGreaterThan(15);
    for (const route of server.app.routesList) {
      const p = route.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.body.paths[p]?.[route.method.toLowerCase()], `${route.method} ${route.url} in the API document`).toBeDefined();
    }
    const viewer = await reader.raw('GET', '/api/docs/');
    expect(viewer.status).toBe(200);
    expect(String(viewer.body)).toMatch(/<html/i);
  });

  it('writes structured JSON log lines with request ids, and no names or searches from requests', async () => {
    const director = await signedIn(server, 'hart_director');
    const created = await director.post<{ id: string }>('/api/people', {
      kind: 'child', firstName: 'Xanthippe', lastName: 'Quarrington', dateOfBirth: '2012-02-02', gender: 'female', townName: null, officeId: await officeId('HFD'),
    });
    expect(created.status).toBe(201);
    await director.get(`/api/people/${created.body.id}`);
    await (await signedIn(server, 'administrator')).get('/api/users?q=Quarrington');
    const lines = logLines.map((l) => JSON.parse(l) as { reqId?: string; time?: string; level?: number });
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((l) => typeof l.reqId === 'string' && uuid.test(l.reqId))).toBe(true);
    expect(lines.every((l) => typeof l.time === 'string' && typeof l.level === 'number')).toBe(true);
    const all = logLines.join('');
    for (const secret of ['Xanthippe', 'Quarrington', '2012-02-02', demoPassword]) expect(all).not.toContain(secret);
  });
});

describe('optimistic concurrency: a change made against a stale version is refused (409) and overwrites nothing', () => {
  it('for a person', async () => {
    const c = await signedIn(server, 'hart_director');
    const id = (await db().select({ id: people.id }).from(people).limit(1))[0]!.id;
    const opened = (await c.get<{ version: number }>(`/api/people/${id}`)).body;
    expect((await c.patch(`/api/people/${id}`, { firstName: 'Firstcomer', version: opened.version })).status).toBe(200);
    const late = await c.patch<{ error: string }>(`/api/people/${id}`, { firstName: 'Latecomer', version: opened.version });
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('conflict');
    const now = (await c.get<{ firstName: string; version: number }>(`/api/people/${id}`)).body;
    expect(now).toMatchObject({ firstName: 'Firstcomer', version: opened.version + 1 });
  });

  it('for a staff account, and for its password reset', async () => {
    const admin = await signedIn(server, 'administrator');
    const made = await admin.post<{ id: string; version: number }>('/api/users', {
      username: 'concurrency.check', displayName: 'Concurrency Check', email: null, roles: ['supervisor'], officeId: await officeId('HFD'), password: 'first-temporary-password',
    });
    const v = made.body.version;
    expect((await admin.patch(`/api/users/${made.body.id}`, { displayName: 'First Edit', version: v })).status).toBe(200);
    expect((await admin.patch(`/api/users/${made.body.id}`, { displayName: 'Late Edit', version: v })).status).toBe(409);
    expect((await admin.post(`/api/users/${made.body.id}/password`, { password: 'late-temporary-password', version: v })).status).toBe(409);
    expect((await admin.get<{ displayName: string; version: number }>(`/api/users/${made.body.id}`)).body).toMatchObject({ displayName: 'First Edit', version: v + 1 });
    expect((await new Client(server.baseUrl).signIn('concurrency.check', 'late-temporary-password')).status).toBe(401);
    expect((await new Client(server.baseUrl).signIn('concurrency.check', 'first-temporary-password')).status).toBe(200);
  });

  it('for an office', async () => {
    const admin = await signedIn(server, 'administrator');
    const id = await officeId('MAN');
    const opened = (await admin.get<{ version: number; phone: string | null }>(`/api/offices/${id}`)).body;
    expect((await admin.patch(`/api/offices/${id}`, { phone: '860-555-0001', version: opened.version })).status).toBe(200);
    expect((await admin.patch(`/api/offices/${id}`, { phone: '860-555-0002', version: opened.version })).status).toBe(409);
    expect((await admin.get(`/api/offices/${id}`)).body).toMatchObject({ phone: '860-555-0001', version: opened.version + 1 });
  });
});

describe('graceful shutdown', () => {
  it('finishes a request already in flight, then refuses new connections', async () => {
    const c = new Client(server.baseUrl);
    const signIn = await c.signIn(demoUsername('supervisor'), demoPassword);
    const cookie = signIn.headers.getSetCookie().map((l) => l.split(';')[0]).join('; ');
    let body!: ReadableStreamDefaultController<Uint8Array>;
    const stream = new ReadableStream<Uint8Array>({ start: (controller) => void (body = controller) });
    const inFlight = fetch(`${server.baseUrl}/api/session/password`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': c.csrfToken, 'content-type': 'application/json', origin: c.origin },
      body: stream,
      duplex: 'half',
    });
    const json = JSON.stringify({ currentPassword: demoPassword, newPassword: 'changed-during-shutdown' });
    body.enqueue(new TextEncoder().encode(json.slice(0, 10))); // the request has arrived; most of its body has not
    await new Promise((r) => setTimeout(r, 200));
    const closing = server.app.close();
    await new Promise((r) => setTimeout(r, 200));
    body.enqueue(new TextEncoder().encode(json.slice(10)));
    body.close();
    const r = await inFlight;
    expect(r.status).toBe(200);
    const t0 = Date.now();
    await closing;
    expect(Date.now() - t0, 'close() waited for an idle keep-alive connection').toBeLessThan(5000);
    const refused = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(new URL(server.baseUrl).port), '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve('connected')));
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});

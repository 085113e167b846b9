import { performance } from 'node:perf_hooks';
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../db/schema.js';
import { demoPassword, demoUsername } from '../seed/index.js';
import { Client, signedIn, startTestServer, type Reply, type TestServer } from '../test/harness.js';

/**
 * Sign-in, sessions and CSRF as a browser meets them: real HTTP, a real database, and a clock the
 * test moves. Everything secret the test handles is remembered, and the server's log is checked
 * for it at the end.
 */
let server: TestServer;
const logLines: string[] = [];
const secrets = new Set<string>([demoPassword]);
beforeAll(async () => {
  server = await startTestServer({ logLevel: 'trace' }, { logStream: { write: (line: string) => void logLines.push(line) } });
});
afterAll(async () => {
  await server.close();
});

type Body = { error?: string; message?: string; user?: { username: string } | null; endedReason?: string | null; mustChangePassword?: boolean; permissions?: string[] };
type View = { id: string; version: number; locked: boolean };

const cookieOf = (r: Reply, name: string): string | undefined => r.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
const cookieValue = (line: string | undefined) => line?.split(';')[0]?.split('=').slice(1).join('=') ?? '';

/** A fresh browser that signs in; remembers the session token so the log check can look for it. */
async function attempt(username: string, password: string): Promise<{ c: Client; r: Reply<Body> }> {
  const c = new Client(server.baseUrl);
  secrets.add(password);
  const r = (await c.signIn(username, password)) as Reply<Body>;
  const token = cookieValue(cookieOf(r, 'harbor_session'));
  if (token) secrets.add(token);
  if (c.csrfToken) secrets.add(c.csrfToken);
  return { c, r };
}

let seq = 0;
/** A new staff account made by the demo administrator (who is signed in afresh: the clock moves). */
async function newStaff(password = `temporary-pass-${++seq}`): Promise<{ id: string; username: string; password: string }> {
  const admin = await signedIn(server, 'administrator');
  const [office] = ((await admin.get<{ items: { id: string; code: string }[] }>('/api/offices?limit=200')).body.items).filter((o) => o.code === 'HFD');
  const username = `staff.${++seq}`;
  secrets.add(password);
  const r = await admin.post<View>('/api/users', { username, displayName: `Staff ${seq}`, email: null, roles: ['hart_liaison'], officeId: office!.id, password });
  expect(r.status).toBe(201);
  return { id: r.body.id, username, password };
}

const shape = (r: Reply<Body>) => ({ status: r.status, keys: Object.keys(r.body).sort(), error: r.body.error, message: r.body.message, retryAfter: r.headers.get('retry-after') });

/** Fails `threshold` times on each username in step, past each back-off; returns each one's answers. */
async function failUntilLocked(...usernames: string[]) {
  const answers = usernames.map(() => [] as ReturnType<typeof shape>[]);
  for (let i = 0; i < server.config.lockoutThreshold; i++) {
    server.clock.advance(61_000);
    for (const [n, username] of usernames.entries()) answers[n]!.push(shape((await attempt(username, 'definitely-wrong-password')).r));
  }
  return answers;
}

describe('signing in', () => {
  it('signs in a staff member with the right password and tells them who they are and what they may do', async () => {
    const { c, r } = await attempt(demoUsername('hart_liaison'), demoPassword);
    expect(r.status).toBe(200);
    expect(r.body.user?.username).toBe('demo.hart-liaison');
    expect(r.body.permissions).toContain('person.read');
    expect(cookieOf(r, 'harbor_session')).toBeDefined();
    expect((await c.get('/api/offices')).status).toBe(200);
  });

  it('gives a wrong password and an unknown username the same answer, and no session', async () => {
    const wrong = (await attempt(demoUsername('supervisor'), 'not-the-password-at-all')).r;
    const unknown = (await attempt('nobody.by.this.name', 'not-the-password-at-all')).r;
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_credentials');
    expect(shape(unknown)).toEqual(shape(wrong));
    expect(cookieOf(wrong, 'harbor_session')).toBeUndefined();
    expect(cookieOf(unknown, 'harbor_session')).toBeUndefined();
  });

  it('takes about as long to refuse an unknown username as a wrong password', async () => {
    const known = (await server.db.database.db.select({ u: users.username }).from(users).where(like(users.username, 'inv%')).limit(6)).map((x) => x.u);
    const timed = async (username: string) => {
      const c = new Client(server.baseUrl);
      await c.refresh();
      const t0 = performance.now();
      const r = await c.post('/api/session', { username, password: 'wrong-password-for-timing' });
      expect(r.status).toBe(401);
      return performance.now() - t0;
    };
    await timed(known[0]!); // warm-up: the first unknown name computes the dummy hash
    await timed('warm-up-unknown');
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 1; i < known.length; i++) {
      wrong.push(await timed(known[i]!));
      unknown.push(await timed(`no-such-user-${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(wrong);
    expect(ratio).toBeGreaterThan(0.33);
    expect(ratio).toBeLessThan(3);
  });

  it('refuses a disabled account with the wrong-password answer, and ends the sessions it had', async () => {
    const staff = await newStaff();
    const { c } = await attempt(staff.username, staff.password);
    expect((await c.post('/api/session/keepalive')).status).toBe(200);
    const admin = await signedIn(server, 'administrator');
    const view = (await admin.get<View>(`/api/users/${staff.id}`)).body;
    expect((await admin.patch(`/api/users/${staff.id}`, { disabled: true, version: view.version })).status).toBe(200);
    expect((await c.post('/api/session/keepalive')).status).toBe(401);
    const again = (await attempt(staff.username, staff.password)).r;
    const wrong = (await attempt(demoUsername('hart_lead'), 'not-the-password-at-all')).r;
    expect(shape(again)).toEqual(shape(wrong));
  });
});

describe('repeated failures slow down, then lock, the username', () => {
  it('makes the attempt after three failures wait (429 slow_down, retry-after), and lets it through once the wait is over', async () => {
    const staff = await newStaff();
    for (let i = 0; i < 3; i++) expect((await attempt(staff.username, 'wrong-password')).r.status).toBe(401);
    const early = (await attempt(staff.username, staff.password)).r;
    expect(early.status).toBe(429);
    expect(early.body.error).toBe('slow_down');
    expect(early.headers.get('retry-after')).toBe('1');
    server.clock.advance(1000);
    expect((await attempt(staff.username, staff.password)).r.status).toBe(200);
  });

  it(`locks a username after the threshold of failures (429 locked), even against the right password`, async () => {
    const staff = await newStaff();
    const [answers = []] = await failUntilLocked(staff.username);
    expect(answers.slice(0, -1).every((a) => a.status === 401 && a.error === 'invalid_credentials')).toBe(true);
    expect(answers.at(-1)).toMatchObject({ status: 429, error: 'locked' });
    const right = (await attempt(staff.username, staff.password)).r;
    expect(right.status).toBe(429);
    expect(right.body.error).toBe('locked');
    expect(Number(right.headers.get('retry-after'))).toBe(server.config.lockoutMs / 1000);
  });

  it('answers an unknown username exactly as it answers a real one, lock included', async () => {
    const staff = await newStaff();
    const [real, unknown] = await failUntilLocked(staff.username, 'no.such.person.here');
    expect(real!.at(-1)?.error).toBe('locked');
    expect(unknown).toEqual(real);
    expect(shape((await attempt('no.such.person.here', 'anything-at-all')).r)).toEqual(shape((await attempt(staff.username, staff.password)).r));
  });

  it('ends the lock once the lockout time has passed', async () => {
    const staff = await newStaff();
    await failUntilLocked(staff.username);
    server.clock.advance(server.config.lockoutMs - 1000);
    expect((await attempt(staff.username, staff.password)).r.status).toBe(429);
    server.clock.advance(1000);
    expect((await attempt(staff.username, staff.password)).r.status).toBe(200);
  });

  it("unlocks on an administrator's password reset, and the user must then change the password before anything else", async () => {
    const staff = await newStaff();
    await failUntilLocked(staff.username);
    const admin = await signedIn(server, 'administrator');
    const before = (await admin.get<View>(`/api/users/${staff.id}`)).body;
    expect(before.locked).toBe(true);
    const temporary = 'reset-by-the-admin-1';
    secrets.add(temporary);
    const reset = await admin.post<View>(`/api/users/${staff.id}/password`, { password: temporary, version: before.version });
    expect(reset.status).toBe(200);
    expect(reset.body.locked).toBe(false);

    const { c, r } = await attempt(staff.username, temporary);
    expect(r.status).toBe(200);
    expect(r.body.mustChangePassword).toBe(true);
    const blocked = await c.get<Body>('/api/offices');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error).toBe('password_change_required');
    const chosen = 'chosen-by-the-user-1';
    secrets.add(chosen);
    expect((await c.post('/api/session/password', { currentPassword: temporary, newPassword: chosen })).status).toBe(200);
    expect((await c.get('/api/offices')).status).toBe(200);
    expect((await attempt(staff.username, temporary)).r.status).toBe(401);
    expect((await attempt(staff.username, chosen)).r.status).toBe(200);
  });
});

describe('sessions', () => {
  it('locks an idle session: the next request gets 401 session_idle and the session page says why', async () => {
    const { c } = await attempt(demoUsername('supervisor'), demoPassword);
    server.clock.advance(server.config.idleTimeoutMs);
    const r = await c.get<Body>('/api/offices');
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('session_idle');
    const s = await c.get<Body>('/api/session');
    expect(s.body.user).toBeNull();
    expect(s.body.endedReason).toBe('idle');
    expect((await c.get('/api/offices')).status).toBe(401);
  });

  it('does not restart the idle timer on the passive session poll, but does on keepalive', async () => {
    const idle = server.config.idleTimeoutMs;
    const polled = (await attempt(demoUsername('supervisor'), demoPassword)).c;
    const kept = (await attempt(demoUsername('supervisor'), demoPassword)).c;
    server.clock.advance(idle - 60_000);
    expect((await polled.get<Body>('/api/session')).body.user).not.toBeNull();
    expect((await kept.post('/api/session/keepalive')).status).toBe(200);
    server.clock.advance(120_000);
    const s = await polled.get<Body>('/api/session');
    expect(s.body.user).toBeNull();
    expect(s.body.endedReason).toBe('idle');
    expect((await kept.get<Body>('/api/session')).body.user?.username).toBe('demo.supervisor');
  });

  it('ends a session at its absolute maximum however active it is', async () => {
    const { c } = await attempt(demoUsername('auditor'), demoPassword);
    const step = server.config.idleTimeoutMs - 60_000;
    let elapsed = 0;
    while (elapsed + step < server.config.sessionMaxMs) {
      server.clock.advance(step);
      elapsed += step;
      expect((await c.post('/api/session/keepalive')).status).toBe(200);
    }
    server.clock.advance(server.config.sessionMaxMs - elapsed);
    const r = await c.post<Body>('/api/session/keepalive');
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('session_expired');
    expect((await c.get<Body>('/api/session')).body.endedReason).toBe('expired');
  });

  it('signs out: the old session cookie no longer works anywhere', async () => {
    const { c, r } = await attempt(demoUsername('hart_director'), demoPassword);
    const stolen = cookieValue(cookieOf(r, 'harbor_session'));
    expect(stolen.length).toBeGreaterThan(20);
    const out = await c.delete('/api/session');
    expect(out.status).toBe(200);
    expect(cookieOf(out, 'harbor_session')).toMatch(/Expires=Thu, 01 Jan 1970/i);
    expect((await c.get('/api/people')).status).toBe(401);
    const replay = new Client(server.baseUrl);
    const replayed = await replay.raw('GET', '/api/people', { headers: { cookie: `harbor_session=${stolen}` } });
    expect(replayed.status).toBe(401);
    expect((replayed.body as Body).error).toBe('unauthenticated');
  });

  it('sets its cookies HttpOnly and SameSite=Strict', async () => {
    const c = new Client(server.baseUrl);
    const pre = await c.get('/api/session');
    const { r } = await attempt(demoUsername('hart_lead'), demoPassword);
    for (const line of [cookieOf(pre, 'harbor_csrf'), cookieOf(r, 'harbor_session')]) {
      expect(line).toBeDefined();
      expect(line).toMatch(/;\s*HttpOnly/i);
      expect(line).toMatch(/;\s*SameSite=Strict/i);
      expect(line).toMatch(/;\s*Path=\/(;|$)/);
    }
  });
});

describe('CSRF protection', () => {
  it('refuses a state-changing request without the CSRF token, or with a wrong one (403 csrf), and does nothing', async () => {
    const { c } = await attempt(demoUsername('hart_director'), demoPassword);
    const other = (await attempt(demoUsername('hart_director'), demoPassword)).c;
    const none = await c.raw('DELETE', '/api/session');
    const wrong = await c.raw('DELETE', '/api/session', { headers: { 'x-csrf-token': 'x'.repeat(43) } });
    const someoneElses = await c.raw('DELETE', '/api/session', { headers: { 'x-csrf-token': other.csrfToken } });
    for (const r of [none, wrong, someoneElses]) {
      expect(r.status).toBe(403);
      expect((r.body as Body).error).toBe('csrf');
    }
    expect((await c.get('/api/people')).status).toBe(200); // still signed in
  });

  it('refuses a sign-in that does not carry the pre-session token (403 csrf)', async () => {
    const bare = new Client(server.baseUrl);
    const r = await bare.post<Body>('/api/session', { username: demoUsername('supervisor'), password: demoPassword });
    expect(r.status).toBe(403);
    expect(r.body.error).toBe('csrf');
    expect(cookieOf(r, 'harbor_session')).toBeUndefined();
    // A token fetched by another browser does not go with this browser's cookie.
    const elsewhere = new Client(server.baseUrl);
    await elsewhere.refresh();
    const mine = new Client(server.baseUrl);
    await mine.refresh();
    mine.csrfToken = elsewhere.csrfToken;
    expect((await mine.post('/api/session', { username: demoUsername('supervisor'), password: demoPassword })).status).toBe(403);
  });
});

describe('logs', () => {
  it('never contain a password, a session token or a CSRF token', () => {
    expect(logLines.length).toBeGreaterThan(50);
    expect(logLines.some((l) => l.includes('"reqId"'))).toBe(true);
    const log = logLines.join('');
    for (const secret of secrets) expect(log.includes(secret), `log contains a secret (${secret.slice(0, 4)}...)`).toBe(false);
  });
});

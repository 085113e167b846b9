import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, demoUsername } from '../seed/index.js';
import { Client, signedIn, startTestServer, type Reply, type TestServer } from '../test/harness.js';

/** Attacks and odd input that a careful caller never sends, and what Harbor answers to them. */
let server: TestServer;
let officeId: string;
beforeAll(async () => {
  server = await startTestServer();
  const admin = await signedIn(server, 'administrator');
  const offices = await admin.get<{ items: { id: string; code: string }[] }>('/api/offices?limit=200');
  officeId = offices.body.items.find((o) => o.code === 'HFD')!.id;
});
afterAll(async () => {
  await server.close();
});

const fields = (r: Reply) => ((r.body as { fields?: { field: string }[] }).fields ?? []).map((f) => f.field);

describe('sign-in under a burst of guesses', () => {
  it('lets only the first few of many simultaneous wrong guesses be checked; the rest meet the back-off', async () => {
    const name = demoUsername('ongoing_worker');
    const burst = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const c = new Client(server.baseUrl);
        return (await c.signIn(name, 'not-the-password')).status;
      }),
    );
    const checked = burst.filter((s) => s === 401).length;
    expect(checked).toBeLessThanOrEqual(3);
    expect(burst.filter((s) => s === 429).length).toBe(20 - checked);
    // Even the right password waits out the back-off.
    expect((await new Client(server.baseUrl).signIn(name, demoPassword)).status).toBe(429);
    server.clock.advance(61_000);
    expect((await new Client(server.baseUrl).signIn(name, demoPassword)).status).toBe(200);
  });

  it('ends the session a browser already had when someone signs in again on it (no fixation)', async () => {
    const c = new Client(server.baseUrl);
    await c.signIn(demoUsername('mdt_coordinator'), demoPassword);
    const before = c.cookieHeader();
    await c.signIn(demoUsername('training_coordinator'), demoPassword);
    const replay = new Client(server.baseUrl);
    const r = await replay.raw('GET', '/api/agency', { headers: { cookie: before } });
    expect(r.status).toBe(401);
  });

  it('counts wrong current passwords on "change password" against the same lockout', async () => {
    const c = await signedIn(server, 'eligibility_coordinator');
    const answers: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await c.post('/api/session/password', { currentPassword: 'wrong-guess', newPassword: 'a-new-long-passphrase' });
      answers.push(r.status);
    }
    expect(answers.slice(0, 3)).toEqual([400, 400, 400]);
    expect(answers[3]).toBe(429);
  });
});

describe('input the database would choke on', () => {
  it('refuses a NUL character by field name, at sign-in and in records, never a 500', async () => {
    const anon = new Client(server.baseUrl);
    await anon.refresh();
    const r = await anon.post('/api/session', { username: 'demo\u0000admin', password: 'x' });
    expect(r.status).toBe(400);
    expect(fields(r)).toEqual(['username']);
    const worker = await signedIn(server, 'hart_lead');
    const p = await worker.post('/api/people', {
      kind: 'child', firstName: 'Ro\u0000wan', lastName: 'Alder', aliases: ['ok', 'b\u0000d'], dateOfBirth: null, gender: 'unknown', townName: null, officeId,
    });
    expect(p.status).toBe(400);
    expect(fields(p)).toEqual(['firstName', 'aliases.1']);
    const auditor = await signedIn(server, 'auditor');
    expect((await auditor.get('/api/audit?recordId=a%00b')).status).toBe(400);
  });

  it('refuses a date of birth before 1900 or in the future, naming it', async () => {
    const worker = await signedIn(server, 'hart_lead');
    for (const dateOfBirth of ['0000-01-01', '1899-12-31', '2999-01-01']) {
      const r = await worker.post('/api/people', { kind: 'child', firstName: 'Rowan', lastName: 'Alder', aliases: [], dateOfBirth, gender: 'unknown', townName: null, officeId });
      expect(r.status, dateOfBirth).toBe(400);
      expect(fields(r)).toEqual(['dateOfBirth']);
    }
  });

  it('creates one account when two administrators submit the same username at once; the other gets 409 naming it', async () => {
    const admin = await signedIn(server, 'administrator');
    const body = { username: 'same.name', displayName: 'Same Name', email: null, roles: ['ongoing_worker'], officeId, password: 'a-long-enough-passphrase' };
    const answers = await Promise.all([admin.post('/api/users', body), admin.post('/api/users', body), admin.post('/api/users', body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(fields(a)).toEqual(['username']);
  });
});

describe('separation of duties', () => {
  it('does not let an administrator change their own roles (to reach children\'s records, say)', async () => {
    const admin = await signedIn(server, 'administrator');
    const me = (await admin.get<{ user: { id: string } }>('/api/session')).body.user.id;
    const current = await admin.get<{ version: number }>(`/api/users/${me}`);
    const r = await admin.patch(`/api/users/${me}`, { roles: ['administrator', 'hart_director'], version: current.body.version });
    expect(r.status).toBe(400);
    expect(fields(r)).toEqual(['roles']);
    expect((await admin.get('/api/people')).status).toBe(403);
  });
});

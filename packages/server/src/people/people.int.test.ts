import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, people } from '../db/schema.js';
import { queryRows } from '../db/client.js';
import { expectStablePaging } from '../test/paging.js';
import { signedIn, startTestServer, type TestServer } from '../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('the people list (issue 11: paging, scope, audit)', () => {
  it('returns every person in reach exactly once across pages, newest first, and audits the ids each page showed', async () => {
    const director = await signedIn(server, 'hart_director');
    const all = await expectStablePaging<{ id: string; createdAt: string }>(director, '/api/people', (p) => p.id, 25);
    const [count] = await queryRows<{ n: string | number }>(server.db.database.db, sql`select count(*) as n from people`);
    expect(all.length).toBe(Number(count!.n));
    const created = all.map((p) => p.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    const page = await director.get<{ items: { id: string }[] }>('/api/people?limit=5');
    const [row] = await server.db.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, page.headers.get('x-request-id')!));
    expect(row).toMatchObject({ action: 'person.list', recordType: 'person', detail: { ids: page.body.items.map((p) => p.id), count: 5 } });
  });

  it('filters by kind on every page, and keeps a worker to their reach on every page', async () => {
    const director = await signedIn(server, 'hart_director');
    const children = await expectStablePaging<{ id: string; kind: string }>(director, '/api/people?kind=child', (p) => p.id, 20);
    expect(children.length).toBeGreaterThan(0);
    expect(new Set(children.map((p) => p.kind))).toEqual(new Set(['child']));
    const supervisor = await signedIn(server, 'supervisor');
    const mine = await expectStablePaging<{ id: string; officeCode: string }>(supervisor, '/api/people', (p) => p.id, 4);
    expect(new Set(mine.map((p) => p.officeCode))).toEqual(new Set(['HFD']));
    const [inOffice] = await queryRows<{ n: string | number }>(
      server.db.database.db,
      sql`select count(*) as n from people p join offices o on o.id = p.office_id where o.code = 'HFD'`,
    );
    expect(mine.length).toBe(Number(inOffice!.n));
    expect((await server.db.database.db.select({ id: people.id }).from(people).where(and(eq(people.kind, 'child')))).length).toBe(children.length);
  });

  it('refuses a page size out of bounds, naming the field', async () => {
    const director = await signedIn(server, 'hart_director');
    for (const limit of ['0', '201', 'x']) {
      const r = await director.get<{ fields?: { field: string }[] }>(`/api/people?limit=${limit}`);
      expect(r.status, limit).toBe(400);
      expect(r.body.fields?.[0]?.field).toBe('limit');
    }
  });
});

describe('the people list searched by name (issue 11: the new-case picker reaches every child in scope)', () => {
  const db = () => server.db.database.db;
  const officeOf = async (code: string) => (await queryRows<{ id: string }>(db(), sql`select id from offices where code = ${code}`))[0]!.id;

  it('finds the children of a first name, a full name ("first last" or "last, first") or an alias, whole, whatever the case or accents; pages stably; within the caller’s reach; audits ids, never the name', async () => {
    const director = await signedIn(server, 'hart_director');
    const hfd = await officeOf('HFD');
    const bpt = await officeOf('BPT');
    const child = (lastName: string, officeId: string, aliases: string[] = []) =>
      director.post<{ id: string }>('/api/people', { kind: 'child', firstName: 'Quinlán', lastName, aliases, dateOfBirth: '2012-04-05', gender: 'unknown', townName: null, officeId });
    const inHfd: string[] = [];
    for (const last of ['Abbot', 'Birch', 'Cole', 'Dorn', 'Eames']) {
      const r = await child(last, hfd);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      inHfd.push(r.body.id);
    }
    const far = (await child('Farrow', bpt, ['Q-Bird'])).body.id;
    const adult = (await director.post<{ id: string }>('/api/people', { kind: 'reporter', firstName: 'Quinlan', lastName: 'Grown', aliases: [], dateOfBirth: null, gender: 'unknown', townName: null, officeId: hfd })).body.id;

    const all = await expectStablePaging<{ id: string; kind: string }>(director, '/api/people?kind=child&q=quinlan', (p) => p.id, 2);
    expect(all.map((p) => p.id).sort()).toEqual([...inHfd, far].sort());
    expect((await director.get<{ items: { id: string }[] }>('/api/people?q=QUINLAN')).body.items.map((p) => p.id)).toContain(adult);

    const supervisor = await signedIn(server, 'supervisor');
    const mine = await expectStablePaging<{ id: string; officeCode: string }>(supervisor, '/api/people?kind=child&q=Quinlan', (p) => p.id, 2);
    expect(mine.map((p) => p.id).sort(), 'the HFD supervisor finds the HFD children, never the Bridgeport one').toEqual([...inHfd].sort());

    const ids = async (q: string) => (await director.get<{ items: { id: string }[] }>(`/api/people?kind=child&q=${encodeURIComponent(q)}`)).body.items.map((p) => p.id);
    expect(await ids('Quinlan Cole')).toEqual([inHfd[2]]);
    expect(await ids('cole, quinlan')).toEqual([inHfd[2]]);
    expect(await ids('q bird')).toEqual([far]);
    expect(await ids('Quin'), 'a name is compared whole').toEqual([]);
    expect(await ids('Cole'), 'a last name alone is not a key').toEqual([]);

    const page = await supervisor.get<{ items: { id: string }[] }>('/api/people?kind=child&q=Quinlan&limit=3');
    const rows = await db().select().from(auditEvents).where(eq(auditEvents.requestId, page.headers.get('x-request-id')!));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'person.list', recordType: 'person', detail: { ids: page.body.items.map((p) => p.id), count: 3, search: true, kind: 'child' } });
    expect(JSON.stringify(rows[0]).toLowerCase()).not.toContain('quinlan');

    for (const q of ['1234', '--', 'x'.repeat(81)]) {
      const r = await director.get<{ fields?: { field: string }[] }>(`/api/people?q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(400);
      expect(r.body.fields?.[0]?.field).toBe('q');
    }
  });
});

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

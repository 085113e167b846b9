import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataLayer } from '../data/index.js';
import { auditEvents, people } from '../db/schema.js';
import { signedIn, startTestServer, type TestServer } from '../test/harness.js';
import { verifyAuditChain } from './index.js';

/**
 * Issue 11: audit rows are written in the caller's transaction without a lock held through the
 * work; the chain is appended in one short locked step at commit. Two transactions overlap, and
 * the chain still verifies after many concurrent reads and writes.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('the audit chain off the global queue', () => {
  // PGlite is one connection: its transactions take turns whatever the audit does, so the overlap
  // can only be shown on PostgreSQL (the suite runs this file on both).
  if (process.env['TEST_DATABASE_URL']) {
    it('lets a second transaction audit and commit while the first, which has already audited, is still open', async () => {
      const repo = dataLayer(server.db.database).forSystem('concurrency test');
      let firstAudited!: () => void;
      const audited = new Promise<void>((resolve) => (firstAudited = resolve));
      let startSecond!: (second: Promise<string>) => void;
      const secondStarted = new Promise<{ second: Promise<string> }>((resolve) => (startSecond = (second) => resolve({ second })));
      const first = repo.unit(async (u) => {
        u.audit({ action: 'test.first' });
        await u.db.execute(sql`select 1`);
        firstAudited();
        // The first transaction stays open until the second has committed: with the chain's lock
        // taken at the first audit row (the old writer) the second would wait for the first, and
        // the first for the second, and this test would never end.
        return (await secondStarted).second;
      });
      await audited;
      const second = repo.unit(async (u) => {
        u.audit({ action: 'test.second' });
        await u.db.execute(sql`select 1`);
        return 'second committed';
      });
      startSecond(second);
      expect(await second).toBe('second committed');
      expect(await first).toBe('second committed');
      const rows = await server.db.database.db.select({ id: auditEvents.id, action: auditEvents.action }).from(auditEvents).where(sql`${auditEvents.action} in ('test.first', 'test.second')`);
      // The second committed first, so it holds the earlier id: the chain is in commit order.
      expect(rows.sort((a, b) => a.id - b.id).map((r) => r.action)).toEqual(['test.second', 'test.first']);
      expect((await verifyAuditChain(server.db.database.db)).ok).toBe(true);
    });
  }

  // Issue 11 asks for 1,000 on a database where transactions really run at once: PostgreSQL. On
  // PGlite (one connection, transactions in turn) the count shows nothing more than 200 do, and
  // costs about 15 s; the same assertions run there on 200.
  const total = process.env['TEST_DATABASE_URL'] ? 1000 : 200;
  it(`verifies after ${total.toLocaleString('en-US')} concurrent mixed reads and writes, with one row for each and no gap`, async () => {
    const director = await signedIn(server, 'hart_director');
    const ids = (await server.db.database.db.select({ id: people.id }).from(people).limit(20)).map((p) => p.id);
    const [{ before }] = (await server.db.database.db.select({ before: sql<number>`coalesce(max(${auditEvents.id}), 0)` }).from(auditEvents)) as [{ before: number }];
    const versions = new Map<string, number>();
    for (const id of ids) versions.set(id, (await director.get<{ version: number }>(`/api/people/${id}`)).body.version);
    const start = Number(before) + ids.length;
    let next = 0;
    const statuses: number[] = [];
    // Eight at a time: reads of people, and changes to one person per worker (no version conflicts).
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        const mine = ids[w]!;
        while (next < total) {
          const n = next++;
          if (n % 4 === 0) {
            const r = await director.patch<{ version: number }>(`/api/people/${mine}`, { townName: n % 8 === 0 ? 'Hartford' : null, version: versions.get(mine)! });
            if (r.status === 200) versions.set(mine, r.body.version);
            statuses.push(r.status);
          } else {
            statuses.push((await director.get(`/api/people/${ids[n % ids.length]!}`)).status);
          }
        }
      }),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const after = await server.db.database.db.select({ id: auditEvents.id, action: auditEvents.action }).from(auditEvents).where(sql`${auditEvents.id} > ${start}`);
    expect(after.filter((r) => r.action === 'person.read' || r.action === 'person.update')).toHaveLength(total);
    const sorted = after.map((r) => r.id).sort((a, b) => a - b);
    expect(sorted[sorted.length - 1]! - sorted[0]! + 1, 'ids without a gap').toBe(sorted.length);
    const verdict = await verifyAuditChain(server.db.database.db);
    expect(verdict).toMatchObject({ ok: true });
  });
});

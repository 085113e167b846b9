import type { SessionInfo } from '@harbor/policy/api';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../db/client.js';
import { sessions, users } from '../db/schema.js';
import { demoUsername } from '../seed/index.js';
import { signedIn, startTestServer, type TestServer } from '../test/harness.js';

/**
 * Issue 11: every API request first asks who is calling (its session, then the user with roles
 * and office, in one statement each). That lookup needs no transaction: it runs as single
 * statements, with no begin and commit around them, and answers as before.
 */
let server: TestServer;
const db = () => server.db.database.db;
const auditCount = async () => Number((await queryRows<{ n: string | number }>(db(), sql`select count(*) as n from audit_events`))[0]!.n);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server.close();
});

describe('the caller lookup of every request', () => {
  it('signs the caller in without opening a transaction, with the same user, roles and office, and writes no audit row', async () => {
    const worker = await signedIn(server, 'careline_worker');
    const transactions = vi.spyOn(db(), 'transaction');
    try {
      const audits = await auditCount();
      const r = await worker.get<SessionInfo>('/api/session');
      expect(r.status).toBe(200);
      expect(r.body.user).toMatchObject({ username: demoUsername('careline_worker'), roles: ['careline_worker'], office: { code: expect.any(String) } });
      expect(r.body.permissions).toContain('referral.write');
      expect(transactions, 'the lookup opened a transaction').not.toHaveBeenCalled();
      expect(await auditCount()).toBe(audits);
    } finally {
      transactions.mockRestore();
    }
  });

  it('ends the session of a user disabled since sign-in, still without a transaction, and refuses the request', async () => {
    const worker = await signedIn(server, 'investigation_worker');
    const [user] = await db().select({ id: users.id }).from(users).where(eq(users.username, demoUsername('investigation_worker')));
    expect(await db().select().from(sessions).where(eq(sessions.userId, user!.id))).not.toHaveLength(0);
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, user!.id));
    const transactions = vi.spyOn(db(), 'transaction');
    try {
      const session = await worker.get<SessionInfo>('/api/session');
      expect(session.status).toBe(200);
      expect(session.body.user).toBeNull();
      expect(transactions).not.toHaveBeenCalled();
      expect(await db().select().from(sessions).where(eq(sessions.userId, user!.id))).toHaveLength(0);
      expect((await worker.get('/api/work?limit=5')).status).toBe(401);
    } finally {
      transactions.mockRestore();
      await db().update(users).set({ disabledAt: null }).where(eq(users.id, user!.id));
    }
  });
});

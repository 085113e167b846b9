import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { roles, type Role } from '@harbor/policy';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../access/index.js';
import { openDatabase } from '../db/client.js';
import { auditEvents, offices, people } from '../db/schema.js';
import { demoPassword, demoUsername } from '../seed/index.js';
import { Client, onPostgres, signedIn, startTestServer, testDataKey, type Reply, type TestServer } from '../test/harness.js';
import { appendAudit, verifyAuditChain } from './index.js';

/**
 * The audit trail: one row for each read, write, sign-in, sign-out and refusal, written with the
 * work; append-only for the application's database role; and a hash chain that `harbor audit
 * verify` (the real command, in a child process) walks to name a row altered behind its back.
 */
let server: TestServer;
const db = () => server.db.database.db;
const bin = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../bin/harbor.js');
/** PGlite runs: an embedded database folder the CLI can open (the test server's lives in memory). */
let dataDir = '';

beforeAll(async () => {
  server = await startTestServer();
  if (!onPostgres) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-audit-'));
    const folder = await openDatabase({ databaseUrl: null, dataDir, command: 'audit test' });
    await folder.migrate();
    for (let i = 0; i < 5; i++) await folder.db.transaction((tx) => appendAudit(tx, systemActor('audit-test'), { action: 'test.row', detail: { i } }));
    await folder.close();
  }
});
afterAll(async () => {
  await server.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

type Row = typeof auditEvents.$inferSelect;
const rowsOf = (r: Reply): Promise<Row[]> => db().select().from(auditEvents).where(eq(auditEvents.requestId, r.headers.get('x-request-id')!)).orderBy(asc(auditEvents.id));
const only = async (r: Reply) => {
  const rows = await rowsOf(r);
  expect(rows, `audit rows of request ${r.headers.get('x-request-id')}`).toHaveLength(1);
  return rows[0]!;
};
const officeId = async (code: string) => (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, code)))[0]!.id;
const hfdChild = async () => (await db().select({ id: people.id }).from(people).where(eq(people.officeId, await officeId('HFD'))).limit(1))[0]!.id;

function harbor(args: string[]) {
  // The test server's data key: every command checks the key against the database (R2).
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'test', HARBOR_DATA_KEY: testDataKey };
  delete env['TEST_DATABASE_URL'];
  delete env['TEST_DATABASE_ADMIN_URL'];
  if (onPostgres) env['DATABASE_URL'] = server.db.appUrl!;
  else Object.assign(env, { DATABASE_URL: '', HARBOR_DATA_DIR: dataDir });
  return spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 120_000 });
}

/** Runs a statement with triggers off, as only a superuser may (PGlite's one user is one). */
async function asSuperuser(statement: SQL, where: 'server' | 'folder' = 'server'): Promise<void> {
  const other = where === 'folder' ? { databaseUrl: null, dataDir } : onPostgres ? { databaseUrl: server.db.adminUrl!, dataDir: '' } : null;
  const target = other ? await openDatabase({ ...other, command: 'audit test (tampering)' }) : server.db.database;
  try {
    await target.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(statement);
    });
  } finally {
    if (other) await target.close();
  }
}

describe('the audit trail records', () => {
  it('each read of a person, with user, roles, office, request id, client address and UTC time', async () => {
    const c = await signedIn(server, 'hart_director');
    const id = await hfdChild();
    const before = Date.now();
    const r = await c.get(`/api/people/${id}`);
    expect(r.status).toBe(200);
    const row = await only(r);
    const me = (await c.refresh()).body.user!;
    expect(row).toMatchObject({
      action: 'person.read',
      recordType: 'person',
      recordId: id,
      outcome: 'success',
      userId: me.id,
      username: 'demo.hart-director',
      roles: 'hart_director',
      officeCode: 'HART',
      requestId: r.headers.get('x-request-id'),
      clientAddress: '127.0.0.1',
    });
    expect(row.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.occurredAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect((await only(await c.get('/api/people'))).action).toBe('person.list');
    const shown = await (await signedIn(server, 'auditor')).get<{ rows: { occurredAt: string }[] }>(`/api/audit?recordId=${id}&action=person.read`);
    expect(shown.body.rows[0]!.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('each write of a person, naming fields but never their contents', async () => {
    const c = await signedIn(server, 'hart_liaison');
    const created = await c.post<{ id: string; version: number }>('/api/people', {
      kind: 'child', firstName: 'Quillon', lastName: 'Zephyrine', dateOfBirth: '2011-04-02', gender: 'female', townName: 'Hartford', officeId: await officeId('HFD'),
    });
    expect(created.status).toBe(201);
    expect(await only(created)).toMatchObject({ action: 'person.create', recordId: created.body.id, outcome: 'success' });
    const updated = await c.patch(`/api/people/${created.body.id}`, { lastName: 'Marchbanks', version: created.body.version });
    expect(updated.status).toBe(200);
    const row = await only(updated);
    expect(row).toMatchObject({ action: 'person.update', recordId: created.body.id, detail: { fields: ['lastName'] } });
    const all = JSON.stringify(await db().select().from(auditEvents));
    for (const secret of ['Quillon', 'Zephyrine', 'Marchbanks', '2011-04-02']) expect(all).not.toContain(secret);
  });

  it('each administrative change: user create, update, disable, password reset; office create and update', async () => {
    const admin = await signedIn(server, 'administrator');
    const user = await admin.post<{ id: string; version: number }>('/api/users', {
      username: 'audit.subject', displayName: 'Audit Subject', email: null, roles: ['supervisor'], officeId: await officeId('HFD'), password: 'a-long-temporary-pass',
    });
    expect(await only(user)).toMatchObject({ action: 'user.create', recordType: 'user', recordId: user.body.id, username: 'demo.administrator' });
    const renamed = await admin.patch<{ version: number }>(`/api/users/${user.body.id}`, { displayName: 'Audit Subject Two', version: user.body.version });
    expect(await only(renamed)).toMatchObject({ action: 'user.update', recordId: user.body.id });
    const reset = await admin.post<{ version: number }>(`/api/users/${user.body.id}/password`, { password: 'another-temporary-pass', version: renamed.body.version });
    expect(await only(reset)).toMatchObject({ action: 'user.reset_password', recordId: user.body.id });
    const disabled = await admin.patch(`/api/users/${user.body.id}`, { disabled: true, version: reset.body.version });
    expect(await only(disabled)).toMatchObject({ action: 'user.disable', recordId: user.body.id });
    const office = await admin.post<{ id: string; version: number }>('/api/offices', { code: 'AUD-1', name: 'Audit unit', kind: 'hart', regionCode: null, townName: null, phone: null });
    expect(await only(office)).toMatchObject({ action: 'office.create', recordType: 'office', recordId: office.body.id });
    const changed = await admin.patch(`/api/offices/${office.body.id}`, { phone: '860-555-0199', version: office.body.version });
    expect(await only(changed)).toMatchObject({ action: 'office.update', recordId: office.body.id });
    expect(JSON.stringify(await rowsOf(reset))).not.toContain('another-temporary-pass');
  });

  it('each sign-in, failed or not, and each sign-out', async () => {
    const c = new Client(server.baseUrl);
    const wrong = await c.signIn(demoUsername('supervisor'), 'not-the-password');
    const supervisor = await only(wrong);
    expect(supervisor).toMatchObject({ action: 'auth.sign_in', outcome: 'failure', recordType: 'user', userId: null, detail: { reason: 'bad_password' } });
    expect(supervisor.recordId).toMatch(/^[0-9a-f-]{36}$/);
    const unknown = await new Client(server.baseUrl).signIn('nobody.at.all', 'not-the-password');
    expect(await only(unknown)).toMatchObject({ action: 'auth.sign_in', outcome: 'failure', recordId: null, detail: { reason: 'unknown_user' } });
    const right = await c.signIn(demoUsername('supervisor'), demoPassword);
    expect(await only(right)).toMatchObject({ action: 'auth.sign_in', outcome: 'success', userId: right.body.user!.id, recordId: right.body.user!.id, roles: 'supervisor', officeCode: 'HFD' });
    const out = await c.delete('/api/session');
    expect(await only(out)).toMatchObject({ action: 'auth.sign_out', outcome: 'success', userId: right.body.user!.id });
  });

  it('each refusal, as denied, and a failed write with no success row for it', async () => {
    const trainer = await signedIn(server, 'training_coordinator');
    const refused = await trainer.get('/api/people');
    expect(refused.status).toBe(403);
    expect(await only(refused)).toMatchObject({ action: 'person.list', outcome: 'denied', username: 'demo.training-coordinator' });
    const c = await signedIn(server, 'hart_director');
    const id = await hfdChild();
    const stale = await c.patch(`/api/people/${id}`, { firstName: 'Stale', version: 1_000_000 });
    expect(stale.status).toBe(409);
    expect(await only(stale)).toMatchObject({ action: 'person.update', outcome: 'failure', recordId: id });
  });
});

describe('the audit page (GET /api/audit)', () => {
  it('filters by user, record, action, outcome and date', async () => {
    const auditor = await signedIn(server, 'auditor');
    const director = await signedIn(server, 'hart_director');
    const id = await hfdChild();
    const read = await director.get(`/api/people/${id}`);
    const row = await only(read);
    type Page = { rows: { id: number; userId: string | null; username: string | null; recordId: string | null; action: string; outcome: string }[] };
    const search = async (q: string) => {
      const r = await auditor.get<Page>(`/api/audit?${q}`);
      expect(r.status, q).toBe(200);
      return r.body.rows;
    };
    const byUser = await search(`userId=${row.userId}`);
    expect(byUser.map((x) => x.id)).toContain(row.id);
    expect(byUser.every((x) => x.userId === row.userId)).toBe(true);
    expect((await search('username=demo.hart-director')).every((x) => x.username === 'demo.hart-director')).toBe(true);
    const byRecord = await search(`recordType=person&recordId=${id}`);
    expect(byRecord.map((x) => x.id)).toContain(row.id);
    expect(byRecord.every((x) => x.recordId === id)).toBe(true);
    const byAction = await search('action=auth.');
    expect(byAction.length).toBeGreaterThan(0);
    expect(byAction.every((x) => x.action.startsWith('auth.'))).toBe(true);
    expect((await search('outcome=denied')).every((x) => x.outcome === 'denied')).toBe(true);
    // The filter's days are the agency's (America/New_York): 01:00 UTC is still yesterday there.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: server.config.timeZone }).format(row.occurredAt);
    const shift = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    expect((await search(`recordId=${id}&from=${day}&to=${day}`)).map((x) => x.id)).toContain(row.id);
    expect((await search(`recordId=${id}&from=${shift(day, 1)}`)).map((x) => x.id)).not.toContain(row.id);
    expect((await search(`recordId=${id}&to=${shift(day, -1)}`)).map((x) => x.id)).not.toContain(row.id);
  });

  it('is refused (403) to every role but administrator and auditor', async () => {
    for (const role of roles.filter((r): r is Role => r !== 'administrator' && r !== 'auditor')) {
      const r = await (await signedIn(server, role)).get('/api/audit');
      expect(r.status, role).toBe(403);
    }
    expect((await (await signedIn(server, 'administrator')).get('/api/audit')).status).toBe(200);
  });
});

describe('the audit trail is append-only and tamper-evident', () => {
  it("refuses the application's database role UPDATE, DELETE and TRUNCATE of audit rows", async () => {
    const [first] = await db().select().from(auditEvents).orderBy(asc(auditEvents.id)).limit(1);
    await expect(db().execute(sql`update audit_events set outcome = 'success' where id = ${first!.id}`)).rejects.toThrow();
    await expect(db().execute(sql`delete from audit_events where id = ${first!.id}`)).rejects.toThrow();
    await expect(db().execute(sql`truncate audit_events`)).rejects.toThrow();
    if (onPostgres) {
      // A separate connection as the application's role cannot switch the trigger off either.
      const app = new pg.Client({ connectionString: server.db.appUrl! });
      await app.connect();
      try {
        await expect(app.query('set session_replication_role = replica')).rejects.toThrow(/permission denied/);
        // The application's role owns nothing (the owner role ran the migrations), so it holds
        // no UPDATE, DELETE or TRUNCATE grant and cannot disable the trigger that guards the rows.
        await expect(app.query('update audit_events set outcome = $1 where id = $2', ['success', first!.id])).rejects.toThrow(/permission denied/);
        await expect(app.query('delete from audit_events')).rejects.toThrow(/permission denied/);
        await expect(app.query('truncate audit_events')).rejects.toThrow(/permission denied/);
        await expect(app.query('alter table audit_events disable trigger audit_events_no_update')).rejects.toThrow(/must be owner/);
        // Inserting and reading stay open to it: the trail grows, it never shrinks.
        const count = await app.query<{ n: string }>('select count(*) as n from audit_events');
        expect(Number(count.rows[0]?.n)).toBeGreaterThan(0);
      } finally {
        await app.end();
      }
    }
    const [after] = await db().select().from(auditEvents).where(eq(auditEvents.id, first!.id));
    expect(after).toEqual(first);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('verifies a clean chain, in the server and with `harbor audit verify` (exit 0)', async () => {
    const result = await verifyAuditChain(db());
    const [count] = await db().select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(result).toMatchObject({ ok: true, rows: Number(count!.n) });
    const cli = harbor(['audit', 'verify']);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(onPostgres ? `Audit chain intact: ${result.rows} rows verified` : 'Audit chain intact: 5 rows verified (last id 5)');
  });

  it('names the row after a gap when a row is deleted behind its back', async () => {
    const rows = await db().select().from(auditEvents).orderBy(asc(auditEvents.id));
    const victim = rows[Math.floor(rows.length / 2)]!;
    const next = rows[rows.indexOf(victim) + 1]!;
    await asSuperuser(sql`delete from audit_events where id = ${victim.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, badId: next.id, reason: 'link' });
    await db().insert(auditEvents).values(victim); // put it back: the chain holds again
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('names exactly the row altered directly in the database, and `harbor audit verify` exits 2 naming it', async () => {
    const rows = await db().select().from(auditEvents).orderBy(asc(auditEvents.id));
    const victim = rows[Math.floor(rows.length / 3)]!;
    await asSuperuser(sql`update audit_events set username = 'someone.else' where id = ${victim.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, badId: victim.id, reason: 'content' });

    let named = victim.id;
    if (!onPostgres) {
      // The server's database lives in memory; alter the CLI's folder the same way.
      named = 3;
      await asSuperuser(sql`update audit_events set action = 'test.forged' where id = ${named}`, 'folder');
    }
    const cli = harbor(['audit', 'verify']);
    expect(cli.status, cli.stderr).toBe(2);
    expect(cli.stdout).toContain(`Audit chain BROKEN at row ${named}:`);
    expect(cli.stdout).toMatch(/content does not match its hash/);
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { roles, type Role } from '@harbor/policy';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../access/index.js';
import { openDatabase } from '../db/client.js';
import { auditEvents, offices, people } from '../db/schema.js';
import { demoPassword, demoUsername } from '../seed/index.js';
import { Client, createTestDatabase, onPostgres, signedIn, startTestServer, testDataKey, type Reply, type TestDatabase, type TestServer } from '../test/harness.js';
import { auditHash, genesisHash, keyedMarkerAction } from './chain.js';
import { appendAudit, audited, checkpointFileName, currentAuditKey, readCheckpoints, startAuditCheckpointer, verifyAuditChain, writeCheckpoint } from './index.js';

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
/** Where the CLI reads signed checkpoints (kept apart from the tampering tests' own folders). */
const cliCheckpoints = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-audit-cp-'));

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
  fs.rmSync(cliCheckpoints, { recursive: true, force: true });
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
  // The same data key as the test server: the CLI derives the same audit key from it.
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'test', HARBOR_DATA_KEY: testDataKey, HARBOR_AUDIT_CHECKPOINT_DIR: cliCheckpoints };
  delete env['TEST_DATABASE_URL'];
  delete env['TEST_DATABASE_ADMIN_URL'];
  if (onPostgres) env['DATABASE_URL'] = server.db.appUrl!;
  else Object.assign(env, { DATABASE_URL: '', HARBOR_DATA_DIR: dataDir });
  return spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 120_000 });
}

/** Runs a statement with triggers off, as only a superuser may (PGlite's one user is one). */
async function asSuperuser(statement: SQL | SQL[], where: 'server' | 'folder' = 'server'): Promise<void> {
  const other = where === 'folder' ? { databaseUrl: null, dataDir } : onPostgres ? { databaseUrl: server.db.adminUrl!, dataDir: '' } : null;
  const target = other ? await openDatabase({ ...other, command: 'audit test (tampering)' }) : server.db.database;
  try {
    await target.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      for (const one of Array.isArray(statement) ? statement : [statement]) await tx.execute(one);
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
    const shown = await (await signedIn(server, 'auditor')).get<{ items: { occurredAt: string }[] }>(`/api/audit?recordId=${id}&action=person.read`);
    expect(shown.body.items[0]!.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
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
    type Page = { items: { id: number; userId: string | null; username: string | null; recordId: string | null; action: string; outcome: string }[] };
    const search = async (q: string) => {
      const r = await auditor.get<Page>(`/api/audit?${q}`);
      expect(r.status, q).toBe(200);
      return r.body.items;
    };
    const byUser = await search(`userId=${row.userId}`);
    expect(byUser.map((x) => x.id)).toContain(row.id);
    expect(byUser.every((x) => x.userId === row.userId)).toBe(true);
    expect((await search('username=demo.hart-director')).every((x) => x.username === 'demo.hart-director')).toBe(true);
    const byRecord = await search(`recordType=person&recordId=${id}`);
    expect(byRecord.map((x) => x.id)).toContain(row.id);
    // A row naming the record, or a list or search row that showed it (its ids in the detail).
    expect(byRecord.every((x) => x.recordId === id || x.recordId === null)).toBe(true);
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

  it('pages by cursor: every entry of the filter exactly once, in the order written, newest or oldest first', async () => {
    const auditor = await signedIn(server, 'auditor');
    const director = await signedIn(server, 'hart_director');
    const id = await hfdChild();
    for (let i = 0; i < 7; i++) expect((await director.get(`/api/people/${id}`)).status).toBe(200);
    const written = (await db().select({ id: auditEvents.id }).from(auditEvents).where(sql`${auditEvents.recordId} = ${id} and ${auditEvents.action} = 'person.read'`)).map((r) => r.id);
    // Earlier tests read this child too: the filter's entries are all of them, 7 or more.
    expect(written.length).toBeGreaterThanOrEqual(7);
    type P = { items: { id: number; recordId: string | null; action: string }[]; nextCursor: string | null };
    const walk = async (dir: 'asc' | 'desc') => {
      const seen: P['items'] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        // Each search is itself an audit entry (newer, and of another record): it never shifts the pages.
        const r: { status: number; body: P } = await auditor.get<P>(`/api/audit?recordId=${id}&action=person.read&limit=3&dir=${dir}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.status).toBe(200);
        seen.push(...r.body.items);
        cursor = r.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      return { seen, pages };
    };
    const desc = await walk('desc');
    expect(desc.pages).toBe(Math.ceil(written.length / 3));
    expect(desc.seen.every((x) => x.recordId === id && x.action === 'person.read')).toBe(true);
    expect(desc.seen.map((x) => x.id)).toEqual([...written].sort((a, b) => b - a));
    expect((await walk('asc')).seen.map((x) => x.id)).toEqual([...written].sort((a, b) => a - b));
    expect((await walk('desc')).seen.map((x) => x.id)).toEqual(desc.seen.map((x) => x.id));
    // The last page says so: no next cursor, and a full last page is not followed by an empty one.
    const exact = await auditor.get<P>(`/api/audit?recordId=${id}&action=person.read&limit=${written.length}`);
    expect(exact.body.items).toHaveLength(written.length);
    expect(exact.body.nextCursor).toBeNull();
    const bad = await auditor.get<{ fields: { field: string }[] }>('/api/audit?cursor=bm90LWpzb24');
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.field)).toEqual(['cursor']);
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
    expect(cli.stdout).toMatch(onPostgres ? `Audit chain intact: ${result.rows} rows verified` : 'Audit chain intact: 6 rows verified (last id 6)');
  });

  it('names the gap when a row is deleted behind its back', async () => {
    const rows = await db().select().from(auditEvents).orderBy(asc(auditEvents.id));
    const victim = rows[Math.floor(rows.length / 2)]!;
    await asSuperuser(sql`delete from audit_events where id = ${victim.id}`);
    const result = await verifyAuditChain(db());
    expect(result).toMatchObject({ ok: false, badId: victim.id, reason: 'gap' });
    expect(result.ok || result.message).toContain(`rows ${victim.id} to ${victim.id} are missing`);
    await db().insert(auditEvents).values(victim); // put it back: the chain holds again
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('names the row edited as the owner with the plain hashes recomputed after it (the chain is keyed)', async () => {
    const rows = await db().select().from(auditEvents).orderBy(asc(auditEvents.id));
    const at = Math.floor(rows.length / 4);
    const victim = rows[at]!;
    // What someone with database rights but not the audit key can do: edit, then re-hash every
    // row from there on with the hash function the code shows, so every link matches again.
    let prev = rows[at - 1]!.hash;
    const rehashed = rows.slice(at).map((r, i) => {
      const content = { ...r, username: i === 0 ? 'someone.else' : r.username, detail: r.detail ?? null };
      const { prevHash: _p, hash: _h, ...fields } = content;
      const hash = auditHash(fields, prev, null);
      const out = { id: r.id, username: content.username, prevHash: prev, hash };
      prev = hash;
      return out;
    });
    const restore = rows.slice(at).map((r) => ({ id: r.id, username: r.username, prevHash: r.prevHash, hash: r.hash }));
    const write = (list: typeof restore) =>
      asSuperuser(list.map((r) => sql`update audit_events set username = ${r.username}, prev_hash = ${r.prevHash}, hash = ${r.hash} where id = ${r.id}`));
    await write(rehashed);
    try {
      const result = await verifyAuditChain(db());
      expect(result).toMatchObject({ ok: false, badId: victim.id, reason: 'content' });
      // With the plain function's key-less hashes, even the next row is "consistent": only the key tells.
      expect(result.ok || result.message).toContain(`row ${victim.id}: its content does not match its hash`);
    } finally {
      await write(restore);
    }
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('leaves no gap for a rolled-back audited transaction: the next row takes the next id', async () => {
    const [last] = await db().select({ id: auditEvents.id }).from(auditEvents).orderBy(sql`${auditEvents.id} desc`).limit(1);
    await expect(
      audited(db(), systemActor('audit-test'), async (_tx, audit) => {
        await audit({ action: 'test.rolled_back' });
        throw new Error('the work failed after its audit row');
      }),
    ).rejects.toThrow('the work failed');
    await audited(db(), systemActor('audit-test'), (_tx, audit) => audit({ action: 'test.committed' }));
    const [next] = await db().select().from(auditEvents).where(sql`${auditEvents.id} > ${last!.id}`).orderBy(asc(auditEvents.id));
    expect(next).toMatchObject({ id: last!.id + 1, action: 'test.committed' });
    expect(await db().select().from(auditEvents).where(eq(auditEvents.action, 'test.rolled_back'))).toHaveLength(0);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
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
    if (!onPostgres) await asSuperuser(sql`update audit_events set action = 'test.row' where id = ${named}`, 'folder');
    else await asSuperuser(sql`update audit_events set username = ${victim.username} where id = ${victim.id}`);
    expect(harbor(['audit', 'verify']).status).toBe(0);
  });
});

/**
 * Signed checkpoints, each on a small database of its own: the checkpoint file lives outside the
 * database, so whoever can rewrite the table (here: the owner, triggers off) still meets it.
 */
describe('signed checkpoints of the audit chain', () => {
  let t: TestDatabase;
  let dir = '';
  const tdb = () => t.database.db;
  const key = () => currentAuditKey();
  /** As the owner with the append-only trigger off (PGlite's one user is a superuser). */
  async function owner(statement: SQL | SQL[]): Promise<void> {
    const target = onPostgres ? await openDatabase({ databaseUrl: t.adminUrl!, dataDir: '', command: 'audit test (owner)' }) : t.database;
    try {
      await target.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        for (const one of Array.isArray(statement) ? statement : [statement]) await tx.execute(one);
      });
    } finally {
      if (onPostgres) await target.close();
    }
  }
  const append = (n: number) => tdb().transaction(async (tx) => {
    for (let i = 0; i < n; i++) await appendAudit(tx, systemActor('audit-test'), { action: 'test.row', detail: { i } });
  });

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-audit-cp-'));
    await owner(sql`delete from audit_events`);
    await append(10);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('verify checks every checkpoint and passes on an intact chain', async () => {
    const first = await writeCheckpoint(tdb(), dir, key(), new Date());
    await append(3);
    await writeCheckpoint(tdb(), dir, key(), new Date());
    expect(first).toMatchObject({ lastId: 11, keyedFrom: 1 });
    expect(await verifyAuditChain(tdb(), { checkpointDir: dir })).toMatchObject({ ok: true, rows: 14, checkpoints: 2 });
  });

  it('the running checkpointer writes one at shutdown when rows were added, and none when not', async () => {
    const log = { info: () => undefined, warn: () => undefined };
    const options = { db: tdb(), dir, key: key(), everyRows: 1000, everyMs: 3_600_000, pollMs: 3_600_000, log };
    await startAuditCheckpointer(options).stop();
    expect(readCheckpoints(dir)).toMatchObject([{ line: 1, checkpoint: { lastId: 11, keyedFrom: 1 } }]);
    await startAuditCheckpointer(options).stop(); // nothing new since: no second line
    expect(readCheckpoints(dir)).toHaveLength(1);
    await append(2);
    await startAuditCheckpointer(options).stop();
    expect(readCheckpoints(dir).map((c) => ('checkpoint' in c ? c.checkpoint.lastId : null))).toEqual([11, 13]);
    expect(await verifyAuditChain(tdb(), { checkpointDir: dir })).toMatchObject({ ok: true, checkpoints: 2 });
  });

  it('refuses a checkpoint line that was edited or forged (not signed with the audit key)', async () => {
    await writeCheckpoint(tdb(), dir, key(), new Date());
    const file = path.join(dir, checkpointFileName);
    const line = JSON.parse(fs.readFileSync(file, 'utf8')) as { lastId: number };
    fs.writeFileSync(file, `${JSON.stringify({ ...line, lastId: line.lastId - 1 })}\n`);
    const result = await verifyAuditChain(tdb(), { checkpointDir: dir });
    expect(result).toMatchObject({ ok: false, reason: 'checkpoint' });
    expect(result.ok || result.message).toContain('Checkpoint line 1');
  });

  it('names the rows cut off the end of the table after the newest checkpoint', async () => {
    await writeCheckpoint(tdb(), dir, key(), new Date());
    await owner(sql`delete from audit_events where id > 8`);
    const result = await verifyAuditChain(tdb(), { checkpointDir: dir });
    expect(result).toMatchObject({ ok: false, reason: 'truncated', badId: 9 });
    expect(result.ok || result.message).toContain('the table ends at row 8 but a checkpoint vouches for row 11: rows 9 to 11');
    expect((await verifyAuditChain(tdb())).ok).toBe(true); // the table alone cannot tell
  });

  it('catches a chain re-written without the key from its start, even once the next append marks it keyed again', async () => {
    await writeCheckpoint(tdb(), dir, key(), new Date());
    // The owner re-writes the whole table as an old-style plain chain (no keyed marker) ...
    const rows = await tdb().select().from(auditEvents).orderBy(asc(auditEvents.id));
    let prev = genesisHash;
    const plain = rows.filter((r) => r.action !== keyedMarkerAction).map((r, i) => {
      const { prevHash: _p, hash: _h, ...fields } = { ...r, id: i + 1, detail: r.detail ?? null };
      const hash = auditHash(fields, prev, null);
      const row = { ...fields, prevHash: prev, hash };
      prev = hash;
      return row;
    });
    await owner(sql`delete from audit_events`);
    await tdb().insert(auditEvents).values(plain);
    expect(await verifyAuditChain(tdb())).toMatchObject({ ok: false, reason: 'unkeyed' });
    // ... and the next append (not knowing better) marks the re-written rows as the legacy prefix.
    await append(1);
    expect((await verifyAuditChain(tdb())).ok).toBe(true); // the table alone cannot tell
    const result = await verifyAuditChain(tdb(), { checkpointDir: dir });
    expect(result).toMatchObject({ ok: false, reason: 'checkpoint', badId: 11 });
    expect(result.ok || result.message).toContain('row 11 no longer has the hash checkpointed');
  });

  it('accepts the unkeyed rows of an older Harbor only before the keyed marker, which pins them', async () => {
    await owner(sql`delete from audit_events`);
    let prev = genesisHash;
    // Ids from the old sequence: a rolled-back transaction left 3 unused, which is no finding there.
    const legacy = [1, 2, 4].map((id) => {
      const fields = { id, occurredAt: new Date(), userId: null, username: 'system:old', roles: null, officeCode: null, action: 'test.legacy', recordType: null, recordId: null, outcome: 'success', requestId: null, clientAddress: null, detail: null };
      const hash = auditHash(fields, prev, null);
      const row = { ...fields, prevHash: prev, hash };
      prev = hash;
      return row;
    });
    await tdb().insert(auditEvents).values(legacy);
    await append(2);
    const marker = (await tdb().select().from(auditEvents).where(eq(auditEvents.action, keyedMarkerAction)))[0]!;
    expect(marker).toMatchObject({ id: 5, prevHash: legacy[2]!.hash, detail: { legacyRows: 3 } });
    expect(await verifyAuditChain(tdb())).toMatchObject({ ok: true, rows: 6, legacyRows: 3, lastId: 7 });
    // Editing an old row and re-hashing the old rows after it breaks the marker's link.
    const { prevHash: _p, hash: _h, ...edited } = { ...legacy[1]!, username: 'someone.else' };
    const h2 = auditHash(edited, legacy[1]!.prevHash, null);
    const { prevHash: _p3, hash: _h3, ...third } = legacy[2]!;
    const h4 = auditHash(third, h2, null);
    await owner([sql`update audit_events set username = 'someone.else', hash = ${h2} where id = 2`, sql`update audit_events set prev_hash = ${h2}, hash = ${h4} where id = 4`]);
    expect(await verifyAuditChain(tdb())).toMatchObject({ ok: false, badId: 5, reason: 'link' });
  });
});

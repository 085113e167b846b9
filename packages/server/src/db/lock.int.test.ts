import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadVault } from '../crypto/index.js';
import { openIdentity } from '../people/index.js';
import { demoPassword, demoUsername } from '../seed/index.js';
import { Client } from '../test/harness.js';
import { openDatabase } from './client.js';
import { lockFileName } from './lock.js';
import { people } from './schema.js';

/**
 * The embedded database's folder lock, with real processes: two PGlite processes on one folder
 * corrupt it, so a second `harbor` process is refused (exit 3) with the holder named, and a lock
 * left by a process that is gone is taken over. These always run on PGlite, whatever
 * TEST_DATABASE_URL says: the lock only concerns the embedded database.
 */
const bin = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../bin/harbor.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-lock-int-'));
const lockFile = path.join(dataDir, lockFileName);
const env: NodeJS.ProcessEnv = { ...process.env, HARBOR_DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
delete env['TEST_DATABASE_URL'];
delete env['TEST_DATABASE_ADMIN_URL'];

const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const harbor = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 120_000 });
const holder = () => JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { pid: number; command: string };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** `harbor start` on the folder, once it answers /healthz. */
async function startHarbor(): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'start', '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 480; i++) {
    if (child.exitCode !== null) throw new Error(`harbor start exited with ${child.exitCode}: ${out}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { child, url };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`harbor start did not become healthy: ${out}`);
}
const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

/** Opens the folder in this process (which needs the lock) and reads what a caller asks. */
async function readFolder<T>(read: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: null, dataDir, command: 'lock test reader' });
  try {
    return await read(database.db);
  } finally {
    await database.close();
  }
}
const countPeople = (db: Awaited<ReturnType<typeof openDatabase>>['db']) => db.select({ n: sql<number>`count(*)::int` }).from(people).then((r) => Number(r[0]!.n));

let recordId = '';
let peopleCount = 0;

describe('the embedded database folder lock', () => {
  it('refuses a second process while `harbor start` holds the folder (exit 3, naming the holder); the data is intact afterwards', { timeout: 300_000 }, async () => {
    const { child, url } = await startHarbor();
    expect(holder()).toMatchObject({ pid: child.pid, command: 'harbor start' });
    // Something written through the running server, to look for afterwards.
    const c = new Client(url);
    expect((await c.signIn(demoUsername('hart_director'), demoPassword)).status).toBe(200);
    const office = (await c.get<{ items: { id: string; code: string }[] }>('/api/offices?limit=200')).body.items.find((o) => o.code === 'HFD')!;
    const created = await c.post<{ id: string }>('/api/people', { kind: 'child', firstName: 'Lockwood', lastName: 'Intact', dateOfBirth: null, gender: 'unknown', townName: null, officeId: office.id });
    expect(created.status).toBe(201);
    recordId = created.body.id;

    for (const command of [['migrate'], ['audit', 'verify']]) {
      const second = harbor(...command);
      expect(second.status, second.stdout + second.stderr).toBe(3);
      expect(second.stderr).toContain(`in use by process ${child.pid} (harbor start`);
    }
    // The refused process left the holder's lock, and the holder carries on.
    expect(holder().pid).toBe(child.pid);
    expect((await c.get(`/api/people/${recordId}`)).status).toBe(200);

    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);
    const [row, n] = await readFolder(async (db) => [(await db.select().from(people).where(eq(people.id, recordId)))[0], await countPeople(db)] as const);
    // Sealed with the key Harbor made in the data folder (data.key), which survives restarts.
    expect(openIdentity(loadVault({ dataKey: null, dataDir }), recordId, row!.identity)).toMatchObject({ firstName: 'Lockwood', lastName: 'Intact' });
    expect(n).toBeGreaterThan(100);
    peopleCount = n;
  });

  it('refuses `harbor migrate` while another process (this one) has the folder open', async () => {
    const database = await openDatabase({ databaseUrl: null, dataDir, command: 'integration test holder' });
    try {
      const second = harbor('migrate');
      expect(second.status).toBe(3);
      expect(second.stderr).toContain(`in use by process ${process.pid} (integration test holder`);
      expect(second.stderr).toMatch(/stop that process first, or set DATABASE_URL/);
      expect(await countPeople(database.db)).toBe(peopleCount);
    } finally {
      await database.close();
    }
  });

  it('takes over a stale lock whose process has exited, and the data is intact', { timeout: 300_000 }, async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    const pid = gone.pid!;
    await exitOf(gone);
    fs.writeFileSync(lockFile, JSON.stringify({ pid, host: os.hostname(), command: 'harbor start', since: new Date().toISOString() }));
    const r = harbor('migrate');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Database is up to date \(pglite/);
    expect(fs.existsSync(lockFile)).toBe(false);
    expect(await readFolder(countPeople)).toBe(peopleCount);
  });

  it('takes over the lock of a `harbor start` that was killed outright, and the data is intact', { timeout: 300_000 }, async () => {
    const { child } = await startHarbor();
    child.kill('SIGKILL');
    await exitOf(child);
    expect(holder().pid).toBe(child.pid); // left behind: nobody released it
    const r = harbor('audit', 'verify');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Audit chain intact/);
    expect(fs.existsSync(lockFile)).toBe(false);
    const row = await readFolder(async (db) => (await db.select().from(people).where(eq(people.id, recordId)))[0]);
    expect(openIdentity(loadVault({ dataKey: null, dataDir }), recordId, row!.identity).lastName).toBe('Intact');
    expect(await readFolder(countPeople)).toBe(peopleCount);
  });
});

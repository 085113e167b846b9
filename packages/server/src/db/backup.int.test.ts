import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor } from '../access/index.js';
import { appendAudit, verifyAuditChain } from '../audit/index.js';
import { createVault } from '../crypto/index.js';
import { seedAgencyStructure, seedDemo } from '../seed/index.js';
import { createTestDatabase, onPostgres, testDataKey } from '../test/harness.js';
import { openDatabase, queryRows } from './client.js';
import { dataKeyFile } from '../crypto/index.js';

/**
 * Backup, wipe, restore: every row of every table comes back identical and the audit chain (with
 * its signed checkpoints) verifies. On the embedded database through `harbor backup` and
 * `harbor restore`; on PostgreSQL with pg_dump and pg_restore, as README tells an operator.
 */
const bin = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../bin/harbor.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-backup-int-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The tables Harbor's migrations make, the migration log included. */
const tablesQuery = `select table_schema || '.' || table_name as name from information_schema.tables
  where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`;

/** Every row of every table, as text, in a stable order: two snapshots are equal iff the records are. */
async function snapshot(query: (text: string) => Promise<{ [k: string]: unknown }[]>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const { name } of (await query(tablesQuery)) as { name: string }[]) {
    const [schema, table] = name.split('.');
    const rows = (await query(`select row_to_json(t)::text as r from "${schema}"."${table}" t order by 1`)) as { r: string }[];
    out[name] = rows.map((x) => x.r);
  }
  return out;
}

describe('backup, wipe, restore', () => {
  // The embedded database through the CLI; PostgreSQL (TEST_DATABASE_URL) with its own tools.
  it(onPostgres ? 'pg_dump, drop, pg_restore: every row of every table back, the application role works on it, verify passes' : 'harbor backup, wipe, harbor restore: every row of every table back, no key in the backup, verify passes', () =>
    onPostgres ? postgresRoundTrip() : embeddedRoundTrip(), 900_000);

  it('`harbor backup` refuses on PostgreSQL, pointing at pg_dump', () => {
    const r = spawnSync(process.execPath, [bin, 'backup', path.join(tmp, 'x')], { env: { ...cleanEnv(), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/on PostgreSQL use pg_dump and pg_restore/);
  });
});

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' };
  for (const name of ['TEST_DATABASE_URL', 'TEST_DATABASE_ADMIN_URL', 'HARBOR_DATA_KEY', 'HARBOR_AUDIT_KEY', 'HARBOR_AUDIT_CHECKPOINT_DIR']) delete env[name];
  return env;
}

async function embeddedRoundTrip(): Promise<void> {
  const dataDir = path.join(tmp, 'data');
  const checkpoints = path.join(tmp, 'checkpoints');
  const file = path.join(tmp, 'harbor.backup');
  const env: NodeJS.ProcessEnv = { ...cleanEnv(), DATABASE_URL: '', HARBOR_DATA_DIR: dataDir, HARBOR_AUDIT_CHECKPOINT_DIR: checkpoints };
  const harbor = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 300_000 });
  const folderSnapshot = async () => {
    const database = await openDatabase({ databaseUrl: null, dataDir, command: 'backup test (reading)' });
    try {
      return await snapshot((text) => queryRows(database.db, sql.raw(text)));
    } finally {
      await database.close();
    }
  };

  const seeded = harbor('seed');
  expect(seeded.status, seeded.stderr).toBe(0);
  const before = await folderSnapshot();
  expect(before['public.audit_events']!.length).toBeGreaterThan(10);
  expect(before['public.people']!.length).toBeGreaterThan(10);

  // Refused while another process holds the folder, naming it.
  const holder = await openDatabase({ databaseUrl: null, dataDir, command: 'backup test holder' });
  try {
    const refused = harbor('backup', file);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain(`in use by process ${process.pid} (backup test holder`);
    expect(fs.existsSync(file)).toBe(false);
  } finally {
    await holder.close();
  }

  const backup = harbor('backup', file);
  expect(backup.status, backup.stderr).toBe(0);
  expect(backup.stdout).toMatch(/Not in it: the data key \(data\.key\) and the audit key/);
  const key = fs.readFileSync(path.join(dataDir, dataKeyFile), 'utf8').trim();
  expect(gunzipSync(fs.readFileSync(file)).includes(key)).toBe(false);

  // The wipe: the folder is gone; the operator kept data.key apart from the backup.
  fs.rmSync(dataDir, { recursive: true, force: true });
  const restored = harbor('restore', file);
  expect(restored.status, restored.stderr).toBe(0);
  expect(restored.stdout).toContain(`Now put the backed-up ${dataKeyFile} in ${dataDir}`);
  expect(fs.existsSync(path.join(dataDir, dataKeyFile))).toBe(false);
  expect(await folderSnapshot()).toEqual(before);

  // A restore never overwrites a database.
  const again = harbor('restore', file);
  expect(again.status).toBe(1);
  expect(again.stderr).toContain('already holds a database');

  fs.writeFileSync(path.join(dataDir, dataKeyFile), `${key}\n`, { mode: 0o600 });
  const verify = harbor('audit', 'verify');
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  expect(verify.stdout).toMatch(new RegExp(`Audit chain intact: ${before['public.audit_events']!.length} rows verified .*; 1 signed checkpoints checked`));
}

/** As README's "Backup and restore" tells an operator of a PostgreSQL server. */
async function postgresRoundTrip(): Promise<void> {
  const binDir = '/usr/lib/postgresql/15/bin';
  const t = await createTestDatabase();
  const adminUrl = t.adminUrl!;
  const appUrl = t.appUrl!;
  const name = new URL(adminUrl).pathname.slice(1);
  const appRole = new URL(appUrl).username;
  await seedAgencyStructure(t.database.db);
  await seedDemo(t.database.db, createVault(testDataKey));
  await t.database.db.transaction(async (tx) => {
    for (let i = 0; i < 20; i++) await appendAudit(tx, systemActor('backup-test'), { action: 'test.row', detail: { i } });
  });
  const read = async (url: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await snapshot(async (text) => (await c.query(text)).rows as { [k: string]: unknown }[]);
    } finally {
      await c.end();
    }
  };
  const before = await read(adminUrl);
  expect(before['public.audit_events']!.length).toBeGreaterThan(20);
  expect(before['public.people']!.length).toBeGreaterThan(10);

  const file = path.join(tmp, 'harbor.dump');
  const dump = spawnSync(`${binDir}/pg_dump`, ['--format=custom', `--file=${file}`, `--dbname=${adminUrl}`], { encoding: 'utf8' });
  expect(dump.status, dump.stderr).toBe(0);

  // The wipe: the database is dropped, then made again empty (as its owner would) and restored.
  await t.drop();
  const server = new URL(adminUrl);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    await admin.query(`grant connect, temporary on database ${name} to "${appRole}"`);
    const restore = spawnSync(`${binDir}/pg_restore`, ['--exit-on-error', `--dbname=${adminUrl}`, file], { encoding: 'utf8' });
    expect(restore.status, restore.stderr).toBe(0);
    expect(await read(adminUrl)).toEqual(before);

    // The application's role has its grants back (reads, inserts) and still may not change the trail.
    const app = new pg.Client({ connectionString: appUrl });
    await app.connect();
    try {
      await expect(app.query('delete from audit_events')).rejects.toThrow(/permission denied/);
      expect(Number((await app.query<{ n: string }>('select count(*) as n from people')).rows[0]?.n)).toBe(before['public.people']!.length);
    } finally {
      await app.end();
    }
    const restored = await openDatabase({ databaseUrl: appUrl, dataDir: '', command: 'backup test' });
    try {
      expect(await verifyAuditChain(restored.db)).toMatchObject({ ok: true, rows: before['public.audit_events']!.length });
    } finally {
      await restored.close();
    }
    const env: NodeJS.ProcessEnv = { ...cleanEnv(), DATABASE_URL: appUrl, HARBOR_DATA_KEY: testDataKey, HARBOR_AUDIT_CHECKPOINT_DIR: tmp };
    const verify = spawnSync(process.execPath, [bin, 'audit', 'verify'], { env, encoding: 'utf8', timeout: 120_000 });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toContain(`Audit chain intact: ${before['public.audit_events']!.length} rows verified`);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

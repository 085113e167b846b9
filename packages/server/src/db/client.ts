import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './lock.js';
import { listenFor, listenInProcess, type Listening } from './notify.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; services receive it and never open their own connections. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** Where it lives, for messages: the data folder or the server's host (never the password). */
  readonly location: string;
  /** Applies every pending migration. Several instances starting at once take turns. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole data folder as one file, which `snapshot` opens again (test templates). */
  dumpDataDir?: () => Promise<Blob>;
  /**
   * Calls `onNotify` at each NOTIFY on `channel` that commits: on PostgreSQL from every server
   * instance, on a dedicated connection that reconnects by itself (db/notify.ts); embedded, from
   * this process (the only one that can open the folder).
   */
  listen(channel: string, onNotify: () => void, onProblem?: (message: string) => void): Listening;
}

export const migrationsFolder = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../migrations');

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** Named in the lock file so a refused second opener can say who holds the folder. */
  command: string;
  /** Test databases: PGlite in memory, no lock. */
  inMemory?: boolean;
  /** In memory only: start from this data folder (a PGlite `dumpDataDir`) instead of an empty one. */
  snapshot?: Blob;
  /**
   * PostgreSQL only: the role that owns Harbor's tables. When given, migrations run as it and the
   * application's role (databaseUrl's) is granted only what it needs, so it owns nothing and can
   * neither change audit rows nor switch off the trigger that guards them.
   */
  ownerUrl?: string | null;
}

/** What the application's role may do once an owner role holds the tables. */
async function grantApplicationRole(client: pg.PoolClient, appRole: string): Promise<void> {
  const role = client.escapeIdentifier(appRole);
  await client.query(`grant usage on schema public to ${role}`);
  await client.query(`grant select, insert, update, delete on all tables in schema public to ${role}`);
  await client.query(`grant usage, select on all sequences in schema public to ${role}`);
  // It may see which migrations ran (so it can start without the owner when nothing is pending).
  await client.query(`grant usage on schema drizzle to ${role}`);
  await client.query(`grant select on drizzle.__drizzle_migrations to ${role}`);
  // The audit trail is append-only for the application (its reads and inserts stay).
  await client.query(`revoke update, delete, truncate on audit_events from ${role}`);
}

async function appliedMigrations(client: pg.PoolClient): Promise<number> {
  try {
    const r = await client.query<{ n: string }>('select count(*) as n from drizzle.__drizzle_migrations');
    return Number(r.rows[0]?.n ?? 0);
  } catch {
    return 0;
  }
}

async function migratePostgres(url: string, appRole: string | null): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  // Session-level advisory lock on one dedicated connection, so instances take turns.
  const lockClient = await pool.connect();
  try {
    await lockClient.query('select pg_advisory_lock(727000)');
    // Up to date already: nothing to do, which an application role without the owner's rights
    // (it cannot even CREATE SCHEMA IF NOT EXISTS) must be able to find out.
    if (await appliedMigrations(lockClient) >= readMigrationFiles({ migrationsFolder }).length) return;
    const db = drizzlePg({ client: pool, schema });
    await migratePg(db, { migrationsFolder });
    if (appRole) await grantApplicationRole(lockClient, appRole);
  } finally {
    await lockClient.query('select pg_advisory_unlock(727000)').catch(() => undefined);
    lockClient.release();
    await pool.end();
  }
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const url = opts.databaseUrl;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client's error (server restart) must not crash the process.
    pool.on('error', () => undefined);
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    const u = new URL(url);
    return {
      db,
      kind: 'postgres',
      location: `${u.hostname}:${u.port || '5432'}${u.pathname}`,
      async migrate() {
        const owner = opts.ownerUrl ?? null;
        await migratePostgres(owner ?? url, owner ? decodeURIComponent(u.username) || null : null);
      },
      listen: (channel, onNotify, onProblem) => listenFor({ url, channel, onNotify, ...(onProblem ? { onProblem } : {}) }),
      close: () => pool.end(),
    };
  }
  let lock: DataDirLock | null = null;
  if (!opts.inMemory) lock = acquireDataDirLock(opts.dataDir, opts.command);
  try {
    const client = opts.inMemory ? new PGlite(opts.snapshot ? { loadDataDir: opts.snapshot } : {}) : new PGlite(opts.dataDir);
    await client.waitReady;
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      location: opts.inMemory ? 'memory' : opts.dataDir,
      dumpDataDir: () => client.dumpDataDir('none'),
      listen: (channel, onNotify) => listenInProcess(client, channel, onNotify),
      async migrate() {
        await migratePglite(db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder });
      },
      async close() {
        try {
          await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

/** Rows of a raw `execute` (both drivers answer `{ rows }`). */
export async function queryRows<T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

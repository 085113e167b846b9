import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './lock.js';
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
}

export const migrationsFolder = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../migrations');

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** Named in the lock file so a refused second opener can say who holds the folder. */
  command: string;
  /** Test databases: PGlite in memory, no lock. */
  inMemory?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle client's error (server restart) must not crash the process.
    pool.on('error', () => undefined);
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    const u = new URL(opts.databaseUrl);
    return {
      db,
      kind: 'postgres',
      location: `${u.hostname}:${u.port || '5432'}${u.pathname}`,
      async migrate() {
        // Session-level advisory lock on one dedicated connection, so instances take turns.
        const lockClient = await pool.connect();
        try {
          await lockClient.query('select pg_advisory_lock(727000)');
          await migratePg(db as unknown as Parameters<typeof migratePg>[0], { migrationsFolder });
        } finally {
          await lockClient.query('select pg_advisory_unlock(727000)').catch(() => undefined);
          lockClient.release();
        }
      },
      close: () => pool.end(),
    };
  }
  let lock: DataDirLock | null = null;
  if (!opts.inMemory) lock = acquireDataDirLock(opts.dataDir, opts.command);
  try {
    const client = opts.inMemory ? new PGlite() : new PGlite(opts.dataDir);
    await client.waitReady;
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      location: opts.inMemory ? 'memory' : opts.dataDir,
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
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

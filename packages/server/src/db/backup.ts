import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock, lockFileName } from './lock.js';

/**
 * `harbor backup` and `harbor restore` for the embedded database (PGlite). Both hold the data
 * folder's lock (lock.ts), so they refuse while Harbor or another command has it open, naming the
 * holder. A backup is PGlite's own dump of its data folder (a tar, gzipped), less what is not
 * the database: the data key (`data.key`), the lock, and the audit checkpoints. The keys are never
 * in a backup: keep them apart from it, or a stolen backup opens with them.
 */

/** Files of the data folder a backup leaves out (top level only): keys and Harbor's own files. */
export function leftOutOfBackup(name: string): boolean {
  return name === 'data.key' || name.startsWith(lockFileName) || name.startsWith('audit-checkpoints');
}

const block = 512;

/** Drops the entries `leftOut` names from a tar archive (ustar; PGlite writes one). */
export function filterTar(tar: Buffer, leftOut: (topName: string) => boolean): Buffer {
  const kept: Buffer[] = [];
  let at = 0;
  while (at + block <= tar.length) {
    const header = tar.subarray(at, at + block);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, len: number) => header.subarray(from, from + len).toString('utf8').replace(/\0.*$/s, '');
    const name = `${field(345, 155) ? `${field(345, 155)}/` : ''}${field(0, 100)}`;
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const span = block + Math.ceil(size / block) * block;
    const top = name.replace(/^\.?\/+/, '').split('/')[0] ?? '';
    if (!leftOut(top)) kept.push(tar.subarray(at, at + span));
    at += span;
  }
  kept.push(Buffer.alloc(block * 2));
  return Buffer.concat(kept);
}

/** Whether the folder already holds a database (PostgreSQL's PG_VERSION file). */
export const holdsDatabase = (dataDir: string) => fs.existsSync(path.join(dataDir, 'PG_VERSION'));

/** Writes the embedded database of `dataDir` to `file` (gzipped tar). */
export async function backupEmbedded(dataDir: string, file: string): Promise<{ bytes: number }> {
  if (!holdsDatabase(dataDir)) throw new Error(`There is no embedded database in ${dataDir} to back up (check HARBOR_DATA_DIR).`);
  const lock = acquireDataDirLock(dataDir, 'harbor backup');
  try {
    const pg = new PGlite(dataDir);
    let tar: Buffer;
    try {
      await pg.waitReady;
      tar = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
    } finally {
      await pg.close();
    }
    const out = gzipSync(filterTar(tar, leftOutOfBackup));
    // Written beside the target first, then renamed: a backup file is whole or absent.
    const partial = `${file}.partial-${process.pid}`;
    fs.writeFileSync(partial, out, { mode: 0o600 });
    fs.renameSync(partial, file);
    return { bytes: out.length };
  } finally {
    lock.release();
  }
}

/** Loads a backup into `dataDir`, which must hold no database (a restore never overwrites one). */
export async function restoreEmbedded(dataDir: string, file: string): Promise<void> {
  const data = gunzipSync(fs.readFileSync(file));
  const lock = acquireDataDirLock(dataDir, 'harbor restore');
  try {
    if (holdsDatabase(dataDir)) {
      throw new Error(`${dataDir} already holds a database; a restore never overwrites one. Move that folder away (keep its data.key) or set HARBOR_DATA_DIR to an empty folder, then restore again.`);
    }
    const pg = new PGlite(dataDir, { loadDataDir: new Blob([filterTar(data, leftOutOfBackup)]) });
    try {
      await pg.waitReady;
      await pg.query('select 1');
    } finally {
      await pg.close();
    }
  } finally {
    lock.release();
  }
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite takes no lock on its data folder, and two processes writing one folder corrupt it
 * (DESIGN.md). Harbor holds `harbor.lock` there (process id, command, start time) and refuses a
 * second opener, naming the holder. A lock left by a process that no longer exists is taken over.
 */
export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${holder.pid} (${holder.command}, since ${holder.since}). ` +
        'Only one process may open it at a time: stop that process first, or set DATABASE_URL to use a PostgreSQL server.',
    );
    this.name = 'DataDirLockedError';
  }
}

export const lockFileName = 'harbor.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number') return null;
    return {
      pid: parsed.pid,
      host: String(parsed.host ?? ''),
      command: String(parsed.command ?? 'harbor'),
      since: String(parsed.since ?? ''),
    };
  } catch {
    return null;
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/**
 * The lock file appears complete or not at all: it is written to a private file first and then
 * hard-linked into place, which fails if a lock is already there. A lock whose process is gone is
 * moved aside (rename is atomic, so of two starters only one moves it) before taking the folder.
 * A lock from another machine, or one that cannot be read, is never taken over: Harbor cannot
 * tell whether its holder still runs.
 */
export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, lockFileName);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), command, since: new Date().toISOString() };
  const mine = path.join(dataDir, `${lockFileName}.${process.pid}.${Date.now()}`);
  fs.writeFileSync(mine, JSON.stringify(me));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        fs.linkSync(mine, file);
        let released = false;
        return {
          file,
          release() {
            if (released) return;
            released = true;
            if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
          },
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = readHolder(file);
      if (!holder) {
        if (!fs.existsSync(file)) continue;
        throw new Error(`The embedded database in ${dataDir} has a lock file Harbor cannot read (${file}). If no Harbor process uses this folder, delete that file and start again.`);
      }
      if (holder.host !== me.host || (holder.pid !== process.pid && isAlive(holder.pid))) throw new DataDirLockedError(dataDir, holder);
      // Its process is gone (or it is this process's own leftover): move it aside, then retry.
      const aside = path.join(dataDir, `${lockFileName}.stale.${process.pid}.${attempt}`);
      try {
        fs.renameSync(file, aside);
        fs.rmSync(aside, { force: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    throw new Error(`Could not take the lock on ${dataDir}`);
  } finally {
    fs.rmSync(mine, { force: true });
  }
}

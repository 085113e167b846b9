import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { keyedMarkerAction, signCheckpoint, type CheckpointBody } from './chain.js';

/**
 * Signed checkpoints of the audit chain, kept outside the database: one JSON line each in
 * `audit-checkpoints.jsonl` (HARBOR_AUDIT_CHECKPOINT_DIR, the data folder by default) and in the
 * log. Each names the chain's last row and its hash when taken, signed with the audit key, so
 * `harbor audit verify` notices rows cut off the end of the table (which a keyed chain alone
 * cannot show) and a chain re-written from its start. Copy the file off the machine with the logs
 * for the strongest guarantee: whoever can edit both the database and this file can still cut
 * the tail, but never forge a row.
 */
export const checkpointFileName = 'audit-checkpoints.jsonl';

export interface Checkpoint extends CheckpointBody {
  sig: string;
}

export interface CheckpointLog {
  info(obj: object, msg: string): void;
}

/** The chain's head now, or null while the table is empty (or not yet keyed). */
async function chainHead(db: Db): Promise<{ lastId: number; hash: string; keyedFrom: number } | null> {
  const [head] = await queryRows<{ id: string | number; hash: string; marker: string | number | null }>(
    db,
    sql`select id, hash, (select m.id from audit_events m where m.action = ${keyedMarkerAction} order by m.id limit 1) as marker
        from audit_events order by id desc limit 1`,
  );
  if (!head || head.marker == null) return null;
  return { lastId: Number(head.id), hash: head.hash, keyedFrom: Number(head.marker) };
}

/** Writes one checkpoint of the chain's head (file and log); null when there is nothing to vouch for. */
export async function writeCheckpoint(db: Db, dir: string, key: Buffer, now: Date, log?: CheckpointLog): Promise<Checkpoint | null> {
  const head = await chainHead(db);
  if (!head) return null;
  const body: CheckpointBody = { ...head, at: now.toISOString() };
  const checkpoint: Checkpoint = { ...body, sig: signCheckpoint(body, key) };
  mkdirSync(dir, { recursive: true });
  // One short line per append: several instances writing the same file do not interleave.
  appendFileSync(path.join(dir, checkpointFileName), `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  log?.info({ auditCheckpoint: checkpoint }, 'audit checkpoint');
  return checkpoint;
}

export type ReadCheckpoint = { line: number; checkpoint: Checkpoint } | { line: number; unreadable: true };

/** Every checkpoint line of the folder's file, in order (none when there is no file). */
export function readCheckpoints(dir: string): ReadCheckpoint[] {
  let text: string;
  try {
    text = readFileSync(path.join(dir, checkpointFileName), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: ReadCheckpoint[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      const c = JSON.parse(raw) as Partial<Checkpoint>;
      if (typeof c.lastId !== 'number' || typeof c.hash !== 'string' || typeof c.keyedFrom !== 'number' || typeof c.at !== 'string' || typeof c.sig !== 'string') {
        out.push({ line: i + 1, unreadable: true });
      } else {
        out.push({ line: i + 1, checkpoint: { lastId: c.lastId, hash: c.hash, keyedFrom: c.keyedFrom, at: c.at, sig: c.sig } });
      }
    } catch {
      out.push({ line: i + 1, unreadable: true });
    }
  });
  return out;
}

export interface CheckpointerOptions {
  db: Db;
  dir: string;
  key: Buffer;
  /** A checkpoint after this many new rows, */
  everyRows: number;
  /** or this long after the last one when rows were added since. */
  everyMs: number;
  /** How often the head is looked at (a cheap query). */
  pollMs: number;
  now?: () => Date;
  log: CheckpointLog & { warn(obj: object, msg: string): void };
}

export interface Checkpointer {
  /** Takes one last checkpoint (when rows were added) and stops. */
  stop(): Promise<void>;
}

/** Writes checkpoints while Harbor runs: every N rows or every so many minutes, and at shutdown. */
export function startAuditCheckpointer(o: CheckpointerOptions): Checkpointer {
  const now = o.now ?? (() => new Date());
  const last = readCheckpoints(o.dir).filter((c): c is Extract<ReadCheckpoint, { checkpoint: Checkpoint }> => 'checkpoint' in c).at(-1)?.checkpoint;
  let lastId = last?.lastId ?? 0;
  let lastAt = last ? Date.parse(last.at) : now().getTime();
  let running: Promise<void> = Promise.resolve();
  const pass = async (force: boolean) => {
    const head = await chainHead(o.db);
    if (!head || head.lastId === lastId) return;
    const due = force || head.lastId - lastId >= o.everyRows || now().getTime() - lastAt >= o.everyMs;
    if (!due) return;
    const c = await writeCheckpoint(o.db, o.dir, o.key, now(), o.log);
    if (c) {
      lastId = c.lastId;
      lastAt = Date.parse(c.at);
    }
  };
  const tick = () => {
    running = running.then(() => pass(false)).catch((err: unknown) => o.log.warn({ err: (err as Error).message }, 'audit checkpoint failed'));
  };
  const timer = setInterval(tick, o.pollMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await pass(true).catch((err: unknown) => o.log.warn({ err: (err as Error).message }, 'audit checkpoint failed'));
    },
  };
}

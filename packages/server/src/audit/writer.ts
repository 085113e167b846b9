import { sql } from 'drizzle-orm';
import { assertActor, type Actor } from '../access/index.js';
import { queryRows, type Db, type Tx } from '../db/client.js';
import { auditEvents } from '../db/schema.js';
import { auditHash, genesisHash, keyedMarkerAction, type AuditContent } from './chain.js';
import { currentAuditKey } from './key.js';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  /** What was done, as `<record>.<verb>`: `person.read`, `user.create`, `auth.sign_in`. */
  action: string;
  recordType?: string | null;
  recordId?: string | null;
  outcome?: AuditOutcome;
  /** Never personal data: ids, field names, counts, status codes. */
  detail?: Record<string, unknown> | null;
}

/** Serializes chain appends: taken only at commit time (see `appendAuditRows`), held until the transaction ends. */
const chainLockKey = 727001;

/** One audit row waiting for its transaction's commit: who, what, and when it happened. */
export interface PendingAudit {
  actor: Actor;
  entry: AuditEntry;
  at: Date;
}

/**
 * Appends audit rows to the chain, inside the caller's transaction, as its last statements.
 *
 * Issue 11: a unit of work collects its audit rows in memory while it runs (reads, PDF rendering,
 * the writes themselves) and appends them here just before it commits, so the chain's lock is
 * held for two short statements and the commit, never for the work: two transactions no longer
 * wait on each other, only their commits take turns. (The issue offered a sealer after commit or
 * one short locked statement at commit time; this is the second. It keeps what the chain had:
 * ids given in chain order without gaps, every row visible the moment its transaction commits,
 * and a rolled-back transaction leaving no row and no gap.)
 *
 * Ids: the next id is the last row's id + 1, taken under the chain lock, which is held until the
 * transaction commits or rolls back. A rolled-back transaction's rows go with it and the next
 * writer takes the same ids again, so ids have no gaps unless a row is deleted, and verify can
 * treat every gap as a deleted row. (A sequence would leave a gap for every rollback: nextval is not
 * transactional.)
 *
 * Keying: each row's hash is an HMAC under the audit key (audit/key.ts). A database written before
 * the chain was keyed holds plain SHA-256 rows, and no migration can re-hash them (it has no key;
 * and the application's role may not update audit rows). So the first append under a key writes a
 * marker row, `audit.chain_keyed`, hashed with the key, whose prev_hash is the last legacy row's
 * hash and whose detail counts the legacy rows: verify accepts plain hashes only before that
 * marker, and the marker pins that prefix (changing a legacy row changes the hash the marker links
 * to, and only the key can re-hash the marker). A fresh database's first row is the marker
 * (no legacy rows). Signed checkpoints outside the database name the marker's id, so a chain
 * rewritten as plain rows with its marker deleted (which the next append would mark again) no
 * longer matches them.
 */
export async function appendAuditRows(tx: Tx, pending: readonly PendingAudit[]): Promise<void> {
  if (pending.length === 0) return;
  const key = currentAuditKey();
  await tx.execute(sql`select pg_advisory_xact_lock(${chainLockKey})`);
  const [head] = await queryRows<{ id: string | number; hash: string; marker: string | number | null }>(
    tx,
    sql`select id, hash, (select m.id from audit_events m where m.action = ${keyedMarkerAction} order by m.id limit 1) as marker
        from audit_events order by id desc limit 1`,
  );
  let lastId = head ? Number(head.id) : 0;
  let prevHash = head?.hash ?? genesisHash;
  const rows: (typeof auditEvents.$inferInsert)[] = [];
  const add = (content: Omit<AuditContent, 'id'>) => {
    const row = { ...content, id: lastId + 1 };
    const hash = auditHash(row, prevHash, key);
    rows.push({ ...row, prevHash, hash });
    lastId = row.id;
    prevHash = hash;
  };
  if (head?.marker == null) {
    const [legacy] = head ? await queryRows<{ n: string | number }>(tx, sql`select count(*) as n from audit_events`) : [];
    add({
      occurredAt: pending[0]!.at,
      userId: null,
      username: 'system:audit',
      roles: null,
      officeCode: null,
      action: keyedMarkerAction,
      recordType: null,
      recordId: null,
      outcome: 'success',
      requestId: pending[0]!.actor.requestId,
      clientAddress: pending[0]!.actor.clientAddress,
      detail: { legacyRows: Number(legacy?.n ?? 0) },
    });
  }
  for (const { actor, entry, at } of pending) {
    const u = actor.user;
    add({
      occurredAt: at,
      userId: u?.id ?? null,
      username: u?.username ?? (actor.system ? `system:${actor.system}` : null),
      roles: u ? u.roles.join(',') : null,
      officeCode: u?.officeCode ?? null,
      action: entry.action,
      recordType: entry.recordType ?? null,
      recordId: entry.recordId ?? null,
      outcome: entry.outcome ?? 'success',
      requestId: actor.requestId,
      clientAddress: actor.clientAddress,
      detail: entry.detail ?? null,
    });
  }
  await tx.insert(auditEvents).values(rows);
}

/** One audit row, appended now (the chain's lock is then held until the transaction ends: call it last). */
export async function appendAudit(tx: Tx, actor: Actor, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  await appendAuditRows(tx, [{ actor, entry, at: now }]);
}

export type Audit = (entry: AuditEntry) => Promise<void>;

/**
 * The unit of work for anything that touches a record: one transaction, and an `audit` function
 * bound to it and to the actor, so the audit row commits or rolls back with the work.
 */
export async function audited<T>(db: Db, actor: Actor, work: (tx: Tx, audit: Audit) => Promise<T>): Promise<T> {
  assertActor(actor);
  return db.transaction(async (tx) => {
    const pending: PendingAudit[] = [];
    const result = await work(tx, (entry) => {
      pending.push({ actor, entry, at: new Date() });
      return Promise.resolve();
    });
    await appendAuditRows(tx, pending);
    return result;
  });
}

/** An audit row on its own (a denial, a failed request), in a transaction of its own. */
export async function auditAlone(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.transaction(async (tx) => appendAudit(tx, actor, entry));
}

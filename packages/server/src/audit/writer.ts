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

/** Serializes chain appends: the lock is held until the transaction ends. */
const chainLockKey = 727001;

/**
 * Appends one row to the audit chain, inside the caller's transaction.
 *
 * Ids: the next id is the last row's id + 1, taken under the chain lock, which is held until the
 * transaction commits or rolls back. A rolled-back transaction's row goes with it and the next
 * writer takes the same id again, so ids have no gaps unless a row is deleted, and verify can
 * treat any gap as a deleted row. (A sequence would leave a gap for every rollback: nextval is not
 * transactional.) Issue 11 replaces the lock with a sealer after commit; the rule stays: ids are
 * given in chain order, without gaps.
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
export async function appendAudit(tx: Tx, actor: Actor, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  const key = currentAuditKey();
  await tx.execute(sql`select pg_advisory_xact_lock(${chainLockKey})`);
  const [head] = await queryRows<{ id: string | number; hash: string; marker: string | number | null }>(
    tx,
    sql`select id, hash, (select m.id from audit_events m where m.action = ${keyedMarkerAction} order by m.id limit 1) as marker
        from audit_events order by id desc limit 1`,
  );
  let lastId = head ? Number(head.id) : 0;
  let prevHash = head?.hash ?? genesisHash;
  const u = actor.user;
  const insert = async (content: Omit<AuditContent, 'id'>) => {
    const row = { ...content, id: lastId + 1 };
    const hash = auditHash(row, prevHash, key);
    await tx.insert(auditEvents).values({ ...row, prevHash, hash });
    lastId = row.id;
    prevHash = hash;
  };
  const common = { occurredAt: now, recordType: null, recordId: null, outcome: 'success', requestId: actor.requestId, clientAddress: actor.clientAddress };
  if (head?.marker == null) {
    const [legacy] = head ? await queryRows<{ n: string | number }>(tx, sql`select count(*) as n from audit_events`) : [];
    await insert({
      ...common,
      userId: null,
      username: 'system:audit',
      roles: null,
      officeCode: null,
      action: keyedMarkerAction,
      detail: { legacyRows: Number(legacy?.n ?? 0) },
    });
  }
  await insert({
    ...common,
    userId: u?.id ?? null,
    username: u?.username ?? (actor.system ? `system:${actor.system}` : null),
    roles: u ? u.roles.join(',') : null,
    officeCode: u?.officeCode ?? null,
    action: entry.action,
    recordType: entry.recordType ?? null,
    recordId: entry.recordId ?? null,
    outcome: entry.outcome ?? 'success',
    detail: entry.detail ?? null,
  });
}

export type Audit = (entry: AuditEntry) => Promise<void>;

/**
 * The unit of work for anything that touches a record: one transaction, and an `audit` function
 * bound to it and to the actor, so the audit row commits or rolls back with the work.
 */
export async function audited<T>(db: Db, actor: Actor, work: (tx: Tx, audit: Audit) => Promise<T>): Promise<T> {
  assertActor(actor);
  return db.transaction(async (tx) => work(tx, (entry) => appendAudit(tx, actor, entry)));
}

/** An audit row on its own (a denial, a failed request), in a transaction of its own. */
export async function auditAlone(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.transaction(async (tx) => appendAudit(tx, actor, entry));
}

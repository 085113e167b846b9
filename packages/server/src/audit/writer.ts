import { desc, sql } from 'drizzle-orm';
import { assertActor, type Actor } from '../access/index.js';
import { queryRows, type Db, type Tx } from '../db/client.js';
import { auditEvents } from '../db/schema.js';
import { auditHash, genesisHash } from './chain.js';

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

/** Appends one row to the audit chain, inside the caller's transaction. */
export async function appendAudit(tx: Tx, actor: Actor, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${chainLockKey})`);
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  const [seq] = await queryRows<{ id: string | number }>(tx, sql`select nextval('audit_events_id_seq') as id`);
  const id = Number(seq?.id);
  const u = actor.user;
  const row = {
    id,
    occurredAt: now,
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
  };
  const prevHash = last?.hash ?? genesisHash;
  await tx.insert(auditEvents).values({ ...row, prevHash, hash: auditHash(row, prevHash) });
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

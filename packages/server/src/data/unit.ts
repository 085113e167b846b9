import { and, eq, sql, type SQL } from 'drizzle-orm';
import { assertActor, recordNoun, scopeFor, systemActor, type Actor, type AuthUser, type RecordKind } from '../access/index.js';
import { appendAuditRows, type AuditEntry, type PendingAudit } from '../audit/index.js';
import type { Database, Db, Tx } from '../db/client.js';
import { cases, consults, obligations, people, referrals, supportRequests } from '../db/schema.js';
import { notFound, unauthenticated } from '../http/errors.js';

/** The table each record kind lives in (an investigation is its accepted referral). */
const tables = {
  referral: referrals,
  case: cases,
  person: people,
  consult: consults,
  support_request: supportRequests,
  obligation: obligations,
  investigation: referrals,
} as const;
type Tables = typeof tables;
export type RowOf<K extends RecordKind> = Tables[K]['$inferSelect'];

/** The query builder of one unit's transaction (for the unit's own queries; child records through `get`, `find`, `scope`). */
export type UnitDb = Tx;

/**
 * One unit of work for one caller (issue 11; Medplum's per-login repository is the model): one
 * database transaction, the caller's scope on every read of a child record, and the audit rows of
 * everything the caller read or changed, appended to the chain as the transaction's last
 * statements (audit/writer.ts `appendAuditRows`), so they commit or roll back with the work.
 *
 * - `get` / `find` read one record of a kind within the caller's reach (`scopeFor`); out of reach
 *   is "not found". The record is audited as read unless the unit names it in an audit row of its
 *   own (a write says what it did: `referral.submit` names the referral it read to submit).
 * - `scope(kind)` is the same reach as a condition, for the unit's own list and search queries;
 *   `shown(kind, ids)` records the records a list showed, audited as one row naming them.
 * - `audit(entry)` adds a row of the unit's own (writes, searches, exports).
 */
export class Unit<U extends AuthUser | null = AuthUser> {
  private readonly pending: PendingAudit[] = [];
  private readonly reads = new Map<string, { kind: RecordKind; id: string }>();
  private readonly lists = new Map<RecordKind, Set<string>>();

  constructor(
    readonly db: UnitDb,
    readonly actor: Actor,
    readonly user: U,
  ) {}

  /** The records of a kind the caller reaches, as a condition on the kind's table (a system unit reaches all). */
  scope(kind: RecordKind): SQL {
    return this.user ? scopeFor(this.user, kind) : sql`true`;
  }

  /** One record within reach, or null. `lock` takes it FOR UPDATE for a change. */
  async find<K extends RecordKind>(kind: K, id: string, opts: { lock?: boolean; where?: SQL } = {}): Promise<RowOf<K> | null> {
    const table = tables[kind];
    // Cast: a union of tables does not narrow through Drizzle's builder types.
    const q = (this.db as Db).select().from(table as typeof referrals).where(and(eq(table.id, id), this.scope(kind), opts.where)).limit(1);
    const [row] = opts.lock ? await q.for('update') : await q;
    if (!row) return null;
    this.reads.set(`${kind}:${id}`, { kind, id });
    return row;
  }

  /** One record within reach; "No such <record>, or you do not have access to it." otherwise. */
  async get<K extends RecordKind>(kind: K, id: string, opts: { lock?: boolean; where?: SQL } = {}): Promise<RowOf<K>> {
    const row = await this.find(kind, id, opts);
    if (!row) throw notFound(recordNoun[kind]);
    return row;
  }

  /** A record the unit reached by a query of its own within `scope(kind)` (a join, a retry by key): audited as read. */
  read(kind: RecordKind, id: string): void {
    this.reads.set(`${kind}:${id}`, { kind, id });
  }

  /** The records a list or search showed the caller (audited as one row naming them). */
  shown(kind: RecordKind, ids: Iterable<string>): void {
    const set = this.lists.get(kind) ?? new Set<string>();
    for (const id of ids) set.add(id);
    this.lists.set(kind, set);
  }

  /**
   * An audit row of the unit's own: a write says what it did to which record. A system unit
   * serving a caller who is not signed in (sign-in, a refused anonymous request) may name that
   * caller (`as`) instead of itself; a user's unit always names its user.
   */
  audit(entry: AuditEntry, as?: Actor): void {
    if (as && this.user) throw new Error('audit: only a system unit names another caller');
    this.pending.push({ actor: as ?? this.actor, entry, at: new Date() });
  }

  /** The unit's audit rows: its own, then one per record read that no row of its own names, then one per list kind. */
  auditRows(): PendingAudit[] {
    const rows = [...this.pending];
    const named = new Set(rows.filter((r) => r.entry.recordId).map((r) => `${r.entry.recordType}:${r.entry.recordId}`));
    const at = new Date();
    for (const { kind, id } of this.reads.values()) {
      if (named.has(`${kind}:${id}`)) continue;
      rows.push({ actor: this.actor, entry: { action: `${kind}.read`, recordType: kind, recordId: id }, at });
    }
    for (const [kind, set] of this.lists) {
      const ids = [...set];
      const own = rows.find((r) => r.entry.recordType === kind && !r.entry.recordId);
      if (own) own.entry = { ...own.entry, detail: { ...own.entry.detail, ids, count: ids.length } };
      else rows.push({ actor: this.actor, entry: { action: `${kind}.list`, recordType: kind, detail: { ids, count: ids.length } }, at });
    }
    return rows;
  }
}

/** Services reach the database only through a repository bound to their caller. */
export interface Repository<U extends AuthUser | null = AuthUser> {
  readonly actor: Actor;
  readonly user: U;
  /** One transaction: the work, then its audit rows, then commit (or none of it). */
  unit<T>(work: (u: Unit<U>) => Promise<T>): Promise<T>;
}

export type UserRepository = Repository<AuthUser>;
export interface SystemRepository extends Repository<null> {
  /**
   * A read that needs no transaction (the caller lookup every request makes: one or two single
   * statements): its statements run one by one, each on its own, with no begin and commit around
   * them. The audit rows it owes (when it owes some) are written after it in one transaction of their own,
   * before its answer is given. Nothing here is undone together, so the work must not depend on
   * its statements committing as one.
   */
  lookup<T>(work: (u: Unit<null>) => Promise<T>): Promise<T>;
}

function repository<U extends AuthUser | null>(db: Db, actor: Actor, user: U): Repository<U> & { lookup<T>(work: (u: Unit<U>) => Promise<T>): Promise<T> } {
  return {
    actor,
    user,
    async unit<T>(work: (u: Unit<U>) => Promise<T>): Promise<T> {
      return db.transaction(async (tx) => {
        const u = new Unit<U>(tx, actor, user);
        const result = await work(u);
        await appendAuditRows(tx, u.auditRows());
        return result;
      });
    },
    async lookup<T>(work: (u: Unit<U>) => Promise<T>): Promise<T> {
      // The handle itself, not a transaction: every statement the work runs commits on its own.
      const u = new Unit<U>(db as unknown as UnitDb, actor, user);
      const result = await work(u);
      const rows = u.auditRows();
      if (rows.length > 0) await db.transaction((tx) => appendAuditRows(tx, rows));
      return result;
    },
  };
}

/** The data layer: the only holder of the database handle. */
export interface DataLayer {
  readonly kind: Database['kind'];
  /** A repository bound to a signed-in caller: their scope, their name on every audit row. */
  forUser(actor: Actor): UserRepository;
  /** A repository for work no user asked for (the scheduler, the mail worker, the CLI): named by its reason, audited as `system:<reason>`. */
  forSystem(reason: string, context?: Pick<Actor, 'requestId' | 'clientAddress'>): SystemRepository;
  /**
   * All or nothing over many callers' units (the demo seed: a failure halfway leaves nothing):
   * one transaction, and a data layer whose units run inside it (each a savepoint, still scoped
   * and audited as its own caller). `tx` is the transaction itself, for the system's own writes.
   */
  atomically<T>(work: (tx: UnitDb, data: DataLayer) => Promise<T>): Promise<T>;
  /** Whether the database answers (the health check): resolves, or throws the driver's error. */
  ping(): Promise<void>;
}

function layer(db: Db, kind: Database['kind']): DataLayer {
  return {
    kind,
    forUser(actor) {
      if (!actor.user) throw unauthenticated();
      return repository(db, actor, actor.user);
    },
    forSystem(reason, context) {
      const actor: Actor = { ...systemActor(reason), ...context };
      assertActor(actor);
      return repository(db, actor, null);
    },
    atomically(work) {
      return db.transaction((tx) => work(tx, layer(tx, kind)));
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
  };
}

export function dataLayer(database: Database): DataLayer {
  return layer(database.db, database.kind);
}

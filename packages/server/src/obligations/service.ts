import { ctHolidayCalendar, ctObligationRules, obligationsFor, type HolidayCalendar, type ObligationEvent, type ObligationRule, type SubjectType } from '@harbor/policy';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Vault } from '../crypto/index.js';
import type { UnitDb } from '../data/index.js';
import { obligationEvents, obligations } from '../db/schema.js';
import type { Clock } from '../http/types.js';

/**
 * Obligations in the server (issue 4, item 2): the duties the policy's rules give an event are
 * stored with their owner and due time, in the transaction of the event itself, so a duty exists
 * exactly when the thing that caused it does. Raising is idempotent: one duty per clause, completing
 * action, subject (and period, for monthly duties), whatever retries or repeated events come.
 */
export interface ObligationContext {
  clock: Clock;
  vault: Vault;
  /** The agency's time zone (HARBOR_TIMEZONE): calendar and business days are counted in it. */
  timeZone: string;
  calendar?: HolidayCalendar;
  rules?: readonly ObligationRule[];
}

export type ObligationRow = typeof obligations.$inferSelect;

/**
 * What the duty entry points need of a query builder: a unit's transaction (`u.db`, type `UnitDb`);
 * tests and the seed may also give the database itself.
 */
export type DutyDb = Pick<UnitDb, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/** What a duty's completion or waiver records: who did it, when, the outcome; or why it is not needed. */
export interface Resolution {
  readonly outcome?: string;
  readonly who?: string;
  readonly when?: string;
  readonly reason?: string;
  /** IN-1, OG-1: the consult a request made. */
  readonly consultId?: string;
  readonly consultNumber?: string;
}

const resolutionAt = (id: string) => ({ table: 'obligations', column: 'resolution', rowId: id });
export const sealResolution = (vault: Vault, id: string, r: Resolution): string => vault.sealJson(r, resolutionAt(id));
export const openResolution = (vault: Vault, row: Pick<ObligationRow, 'id' | 'resolutionSealed'>): Resolution | null =>
  row.resolutionSealed ? vault.openJson<Resolution>(row.resolutionSealed, resolutionAt(row.id)) : null;

export const obligationKey = (clause: string, completes: string, subjectType: SubjectType, subjectId: string, period?: string): string =>
  [clause, completes, subjectType, subjectId, ...(period ? [period] : [])].join(':');

/**
 * Stores the duties `event` creates (none already there with the same key), with a 'created'
 * history entry each, and answers the rows created now. `actorId` is the user whose action raised
 * them (null: the scheduler or the system). `period` distinguishes a monthly duty's months (and an open case's later HT allegations).
 */
export async function raiseObligations(
  tx: DutyDb,
  ctx: ObligationContext,
  event: ObligationEvent,
  actorId: string | null,
  period?: string,
): Promise<ObligationRow[]> {
  const due = obligationsFor(event, ctx.rules ?? ctObligationRules, ctx.calendar ?? ctHolidayCalendar, ctx.timeZone);
  const now = ctx.clock.now();
  const created: ObligationRow[] = [];
  for (const o of due) {
    const [row] = await tx
      .insert(obligations)
      .values({
        key: obligationKey(o.clause, o.completes, o.subject.type, o.subject.id, period),
        clause: o.clause,
        ruleCode: o.ruleCode,
        completes: o.completes,
        subjectType: o.subject.type,
        subjectId: o.subject.id,
        officeId: event.officeId ?? null,
        ownerUserId: o.owner.kind === 'person' ? o.owner.personId : null,
        ownerRole: o.owner.kind === 'role' ? o.owner.role : null,
        ownerOfficeId: o.owner.kind === 'role' ? o.owner.officeId : null,
        dueAt: o.dueAt,
        state: 'open',
        // The scheduler looks at it at once: it may already be due (IN-7, IN-8) or inside the reminder window.
        nextCheckAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: obligations.key })
      .returning();
    if (!row) continue;
    await tx.insert(obligationEvents).values({ obligationId: row.id, at: now, kind: 'created', actorId, detail: { event: event.kind, dueAt: o.dueAt.toISOString() } });
    created.push(row);
  }
  return created;
}

const unresolved = ['open', 'overdue'];

/**
 * Marks done the open (or overdue) duties on a subject that `completes` completes, recording who
 * did it and the outcome (sealed) with a 'done' history entry. Answers the duties closed now.
 */
export async function completeObligations(
  tx: DutyDb,
  ctx: ObligationContext,
  target: { subjectType: SubjectType; subjectId: string; completes: string; /** Only the duty of this key (one month of a monthly duty). */ key?: string },
  actorId: string | null,
  resolution: Resolution = {},
): Promise<ObligationRow[]> {
  const now = ctx.clock.now();
  const open = await tx
    .select()
    .from(obligations)
    .where(
      and(
        eq(obligations.subjectType, target.subjectType),
        eq(obligations.subjectId, target.subjectId),
        eq(obligations.completes, target.completes),
        inArray(obligations.state, unresolved),
        target.key ? eq(obligations.key, target.key) : undefined,
      ),
    )
    .for('update');
  const closed: ObligationRow[] = [];
  for (const o of open) {
    const [row] = await tx
      .update(obligations)
      .set({
        state: 'done',
        resolvedAt: now,
        resolvedBy: actorId,
        resolutionSealed: sealResolution(ctx.vault, o.id, resolution),
        nextCheckAt: null,
        updatedAt: now,
        version: sql`${obligations.version} + 1`,
      })
      .where(eq(obligations.id, o.id))
      .returning();
    await tx.insert(obligationEvents).values({ obligationId: o.id, at: now, kind: 'done', actorId, detail: { late: now > o.dueAt } });
    closed.push(row!);
  }
  return closed;
}

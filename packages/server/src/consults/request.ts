import type { SubjectType } from '@harbor/policy';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../data/index.js';
import { consults } from '../db/schema.js';
import { notFound } from '../http/errors.js';
import { completeObligations, raiseObligations, type DutyDb, type ObligationContext } from '../obligations/index.js';

export type ConsultRow = typeof consults.$inferSelect;

export const consultNumber = (year: number, sequence: number): string => `HC-${year}-${String(sequence).padStart(5, '0')}`;

const requestAt = (id: string) => ({ table: 'consults', column: 'request', rowId: id });

export interface ConsultRequest {
  /** IN-1: a referral under investigation; OG-1: an open case. */
  subjectType: Extract<SubjectType, 'referral' | 'case'>;
  subjectId: string;
  /** The area office whose HART liaison(s) hold the consult (HL-1). */
  officeId: string;
  /** Why the consult is asked for (sealed: it describes the child). */
  reason: string;
  /** A retried request with the same key answers the first consult. */
  idempotencyKey: string;
  /** The requester's name, recorded on the IN-1 / OG-1 duty the request completes. */
  requesterName?: string;
}

/**
 * IN-1, OG-1, HL-1: requests a HART consult, in the caller's transaction: the consult is routed
 * to the HART liaison(s) of the area office, who owe it within 72 hours of the request. The
 * caller has checked the requester's reach over the subject and audits the request.
 *
 * `scope` is the caller's reach over consults (`u.scope('consult')`): a retry is looked up by its
 * key within it, and a key of a consult the caller does not reach is "not found", never the consult.
 */
export async function requestConsult(tx: DutyDb, ctx: ObligationContext, requestedBy: string, req: ConsultRequest, scope?: SQL): Promise<{ consult: ConsultRow; created: boolean }> {
  const [earlier] = await tx
    .select({ row: consults, inReach: scope ? sql<boolean>`(${scope})` : sql<boolean>`true` })
    .from(consults)
    .where(and(eq(consults.idempotencyKey, req.idempotencyKey)))
    .limit(1);
  if (earlier) {
    if (!earlier.inReach) throw notFound('consult');
    return { consult: earlier.row, created: false };
  }
  const now = ctx.clock.now();
  const [seq] = await queryRows<{ n: string | number }>(tx, sql`select nextval('consult_number_seq') as n`);
  const id = crypto.randomUUID();
  const [row] = await tx
    .insert(consults)
    .values({
      id,
      number: consultNumber(now.getUTCFullYear(), Number(seq?.n)),
      subjectType: req.subjectType,
      subjectId: req.subjectId,
      officeId: req.officeId,
      status: 'requested',
      requestedBy,
      requestedAt: now,
      requestSealed: ctx.vault.sealJson({ reason: req.reason }, requestAt(id)),
      idempotencyKey: req.idempotencyKey,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await raiseObligations(tx, ctx, { kind: 'consult_requested', at: now, subjects: { consult: id, [req.subjectType]: req.subjectId }, officeId: req.officeId }, requestedBy);
  // IN-1, OG-1: the worker's duty to request the consult is done, whichever screen asked for it.
  await completeObligations(tx, ctx, { subjectType: req.subjectType, subjectId: req.subjectId, completes: 'consult_requested' }, requestedBy, {
    outcome: `HART consult ${row!.number} requested`,
    ...(req.requesterName ? { who: req.requesterName } : {}),
    when: now.toISOString(),
    consultId: row!.id,
    consultNumber: row!.number,
  });
  return { consult: row!, created: true };
}

export const consultRequestOf = (ctx: Pick<ObligationContext, 'vault'>, row: Pick<ConsultRow, 'id' | 'requestSealed'>): { reason: string } | null =>
  row.requestSealed ? ctx.vault.openJson<{ reason: string }>(row.requestSealed, requestAt(row.id)) : null;

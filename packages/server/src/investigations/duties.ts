import { dutyLabel, dutyWaivers, type SubjectType } from '@harbor/policy';
import type { ConsultSummary, DutyResolution, DutyView } from '@harbor/policy/api';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Vault } from '../crypto/index.js';
import type { UnitDb as DbOrTx } from '../data/index.js';
import { consults, obligationEvents, obligations, users } from '../db/schema.js';
import { conflict } from '../http/errors.js';
import { openResolution, sealResolution, type ObligationContext, type ObligationRow } from '../obligations/index.js';

/**
 * The duties of one record (a referral under investigation, an open case) as a checklist: clause,
 * label, due, state, who resolved it and how. The resolution is sealed (it can describe the child).
 */
const owner = alias(users, 'owner');
const resolver = alias(users, 'resolver');

export async function dutiesOf(tx: DbOrTx, vault: Vault, subjectType: SubjectType, subjectId: string): Promise<DutyView[]> {
  const rows = await tx
    .select({ o: obligations, ownerName: owner.displayName, resolvedByName: resolver.displayName })
    .from(obligations)
    .leftJoin(owner, eq(owner.id, obligations.ownerUserId))
    .leftJoin(resolver, eq(resolver.id, obligations.resolvedBy))
    .where(and(eq(obligations.subjectType, subjectType), eq(obligations.subjectId, subjectId)))
    .orderBy(asc(obligations.dueAt), asc(obligations.clause), asc(obligations.completes));
  return rows.map(({ o, ownerName, resolvedByName }) => ({
    id: o.id,
    clause: o.clause,
    completes: o.completes,
    label: dutyLabel(o.completes),
    dueAt: o.dueAt.toISOString(),
    state: o.state as DutyView['state'],
    waiver: dutyWaivers[o.completes] ?? null,
    ownerName: ownerName ?? (o.ownerRole ? o.ownerRole.replace(/_/g, ' ') : null),
    resolvedAt: o.resolvedAt?.toISOString() ?? null,
    resolvedByName,
    resolution: openResolution(vault, o),
  }));
}

export async function consultsOf(tx: DbOrTx, subjectType: 'referral' | 'case', subjectId: string): Promise<ConsultSummary[]> {
  const rows = await tx
    .select({ id: consults.id, number: consults.number, status: consults.status, requestedAt: consults.requestedAt })
    .from(consults)
    .where(and(eq(consults.subjectType, subjectType), eq(consults.subjectId, subjectId)))
    .orderBy(asc(consults.requestedAt));
  return rows.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString() }));
}

/** The duty `id` of the record, locked, in whatever state; another record's is null. */
export async function dutyById(tx: DbOrTx, subjectType: SubjectType, subjectId: string, id: string): Promise<ObligationRow | null> {
  const [row] = await tx
    .select()
    .from(obligations)
    .where(and(eq(obligations.id, id), eq(obligations.subjectType, subjectType), eq(obligations.subjectId, subjectId)))
    .for('update');
  return row ?? null;
}

export const isOpen = (row: Pick<ObligationRow, 'state'>): boolean => row.state === 'open' || row.state === 'overdue';

/** The unresolved duty `id` of the record, locked; a resolved one is a conflict, another record's is null. */
export async function openDuty(tx: DbOrTx, subjectType: SubjectType, subjectId: string, id: string): Promise<ObligationRow | null> {
  const row = await dutyById(tx, subjectType, subjectId, id);
  if (!row) return null;
  if (!isOpen(row)) throw conflict('This item has already been completed.');
  return row;
}

/**
 * "Not warranted" (IN-3, IN-6, OG-4) or "not possible" (IN-5): the duty is not needed, with the
 * reason (sealed) and a 'not_needed' history entry.
 */
export async function waiveDuty(tx: DbOrTx, ctx: ObligationContext, row: ObligationRow, actorId: string, resolution: DutyResolution): Promise<void> {
  const now = ctx.clock.now();
  await tx
    .update(obligations)
    .set({ state: 'not_needed', resolvedAt: now, resolvedBy: actorId, resolutionSealed: sealResolution(ctx.vault, row.id, resolution), nextCheckAt: null, updatedAt: now, version: sql`${obligations.version} + 1` })
    .where(and(eq(obligations.id, row.id), inArray(obligations.state, ['open', 'overdue'])));
  await tx.insert(obligationEvents).values({ obligationId: row.id, at: now, kind: 'not_needed', actorId, detail: { waiver: dutyWaivers[row.completes] ?? null } });
}

import type { ApprovalView } from '@harbor/policy/api';
import { desc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.js';
import { approvalRequests, users } from '../db/schema.js';
import { notFound } from '../http/errors.js';

export interface ChangedField {
  field: string;
  from: string | null;
  to: string | null;
}
/** What the approver reads: the fields with their values before and after, and the reach it gives. */
export interface Summary {
  changes: ChangedField[];
  reachGained: string[];
}

const requester = alias(users, 'requester');
const decider = alias(users, 'decider');

async function select(db: DbOrTx, where: SQL | undefined, me: string): Promise<ApprovalView[]> {
  const rows = await db
    .select({
      r: approvalRequests,
      requesterName: requester.displayName,
      deciderName: decider.displayName,
    })
    .from(approvalRequests)
    .innerJoin(requester, eq(requester.id, approvalRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, approvalRequests.decidedBy))
    .where(where)
    .orderBy(desc(approvalRequests.requestedAt))
    .limit(200);
  return rows.map(({ r, requesterName, deciderName }) => {
    const summary = r.summary as Summary;
    return {
      id: r.id,
      kind: r.kind as ApprovalView['kind'],
      targetType: r.targetType as ApprovalView['targetType'],
      targetId: r.targetId,
      targetLabel: r.targetLabel,
      changes: summary.changes,
      reachGained: summary.reachGained,
      status: r.status as ApprovalView['status'],
      requestedBy: { id: r.requestedBy, displayName: requesterName },
      requestedAt: r.requestedAt.toISOString(),
      decidedBy: r.decidedBy ? { id: r.decidedBy, displayName: deciderName ?? '' } : null,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      reason: r.reason,
      mine: r.requestedBy === me,
    };
  });
}

export async function approvalView(db: DbOrTx, id: string, me: string): Promise<ApprovalView> {
  const [v] = await select(db, eq(approvalRequests.id, id), me);
  if (!v) throw notFound('change');
  return v;
}

export const approvalViews = (db: DbOrTx, where: SQL | undefined, me: string) => select(db, where, me);

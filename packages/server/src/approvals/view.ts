import type { ApprovalView, Page } from '@harbor/policy/api';
import { and, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { afterCursor, orderOf, pageFrom, sortKey, type UnitDb } from '../data/index.js';
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

type Row = { r: typeof approvalRequests.$inferSelect; requesterName: string; deciderName: string | null };
/** Newest asked first, then by id: the keys a page's cursor holds (index approval_requests_status_idx). */
const listKeys = [sortKey<Row>(approvalRequests.requestedAt, 'desc', 'date', (x) => x.r.requestedAt), sortKey<Row>(approvalRequests.id, 'desc', 'text', (x) => x.r.id)];

async function select(db: UnitDb, where: SQL | undefined, me: string, page: { limit: number; cursor?: string | undefined } = { limit: 1 }): Promise<Page<ApprovalView>> {
  const rows = await db
    .select({
      r: approvalRequests,
      requesterName: requester.displayName,
      deciderName: decider.displayName,
    })
    .from(approvalRequests)
    .innerJoin(requester, eq(requester.id, approvalRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, approvalRequests.decidedBy))
    .where(and(where, afterCursor(listKeys, page.cursor)))
    .orderBy(...orderOf(listKeys))
    .limit(page.limit + 1);
  return pageFrom(rows, page.limit, listKeys, ({ r, requesterName, deciderName }) => {
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

export async function approvalView(db: UnitDb, id: string, me: string): Promise<ApprovalView> {
  const [v] = (await select(db, eq(approvalRequests.id, id), me)).items;
  if (!v) throw notFound('change');
  return v;
}

export const approvalViews = (db: UnitDb, where: SQL | undefined, me: string, page: { limit: number; cursor?: string | undefined }) => select(db, where, me, page);

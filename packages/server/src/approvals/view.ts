import type { ApprovalListQuery, ApprovalView, Page } from '@harbor/policy/api';
import { and, eq, sql, type SQL } from 'drizzle-orm';
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
/** A pending change has no decision yet: it sorts by when it was asked (a sort key is never null). */
const decidedOrder = sql`coalesce(${approvalRequests.decidedAt}, ${approvalRequests.requestedAt})`;
/**
 * The keys a page's cursor holds, by `sort` and `dir`, then the id: when asked (index
 * approval_requests_status_idx) or when decided (approval_requests_status_decided_idx); both
 * lead with the status the list filters by.
 */
function listKeys(q: Pick<ApprovalListQuery, 'sort' | 'dir'> = { sort: 'requestedAt', dir: 'desc' }) {
  const first =
    q.sort === 'decidedAt'
      ? sortKey<Row>(decidedOrder, q.dir, 'date', (x) => x.r.decidedAt ?? x.r.requestedAt)
      : sortKey<Row>(approvalRequests.requestedAt, q.dir, 'date', (x) => x.r.requestedAt);
  return [first, sortKey<Row>(approvalRequests.id, q.dir, 'text', (x) => x.r.id)];
}

type PageAsked = Partial<Pick<ApprovalListQuery, 'sort' | 'dir'>> & { limit: number; cursor?: string | undefined };

async function select(db: UnitDb, where: SQL | undefined, me: string, page: PageAsked = { limit: 1 }): Promise<Page<ApprovalView>> {
  const keys = listKeys({ sort: page.sort ?? 'requestedAt', dir: page.dir ?? 'desc' });
  const rows = await db
    .select({
      r: approvalRequests,
      requesterName: requester.displayName,
      deciderName: decider.displayName,
    })
    .from(approvalRequests)
    .innerJoin(requester, eq(requester.id, approvalRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, approvalRequests.decidedBy))
    .where(and(where, afterCursor(keys, page.cursor)))
    .orderBy(...orderOf(keys))
    .limit(page.limit + 1);
  return pageFrom(rows, page.limit, keys, ({ r, requesterName, deciderName }) => {
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

export const approvalViews = (db: UnitDb, where: SQL | undefined, me: string, page: PageAsked) => select(db, where, me, page);

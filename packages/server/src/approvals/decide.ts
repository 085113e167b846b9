import type { ApprovalKind, ApprovalListQuery, ApprovalView, Page, RejectBody } from '@harbor/policy/api';
import { eq, sql } from 'drizzle-orm';
import type { UnitDb, UserRepository } from '../data/index.js';
import { approvalRequests } from '../db/schema.js';
import { conflict, forbidden, notFound } from '../http/errors.js';
import { applyChange } from './apply.js';
import { mailQueued } from '../outbox/index.js';
import { tellDirectorOfDecision, type ApprovalContext, type StoredChange } from './request.js';
import { approvalView, approvalViews, type Summary } from './view.js';

const recordType = 'approval_request';

/** Changes of one status, newest asked first, a page at a time. */
export async function listApprovals(repo: UserRepository, query: ApprovalListQuery): Promise<Page<ApprovalView>> {
  return repo.unit((u) => approvalViews(u.db, eq(approvalRequests.status, query.status), u.user.id, query));
}

async function lockPending(db: UnitDb, id: string) {
  const [row] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, id)).for('update');
  if (!row) throw notFound('change');
  if (row.status !== 'pending') throw conflict(`This change was already ${row.status}.`);
  return row;
}

/** A password hash is kept only until the decision. */
const withoutSecrets = (change: StoredChange): StoredChange => ('passwordHash' in change ? { ...change, passwordHash: '' } : change);

/**
 * CF-1: a second administrator approves a change another administrator asked for; it is applied
 * in the same transaction (or not at all: a failure leaves it pending). Audited, and the HART
 * Director is told. The administrator who asked for it cannot approve it.
 */
export async function approveChange(repo: UserRepository, id: string, ctx: ApprovalContext): Promise<ApprovalView> {
  const me = repo.user;
  const view = await repo.unit(async (u) => {
    const tx = u.db;
    const audit = (entry: Parameters<typeof u.audit>[0]) => u.audit(entry);
    const row = await lockPending(tx, id);
    if (row.requestedBy === me.id) throw forbidden('You asked for this change: a second administrator must approve it.');
    const change = row.change as StoredChange;
    // Told before the change applies: a change of the Director's own address is told at the address in force.
    await tellDirectorOfDecision(tx, id, 'approved', me, { kind: row.kind as ApprovalKind, targetLabel: row.targetLabel, summary: row.summary as Summary }, ctx);
    const targetId = await applyChange(tx, audit, row.id, { id: row.targetId, version: row.targetVersion }, change, ctx.now);
    await tx
      .update(approvalRequests)
      .set({ status: 'approved', decidedBy: me.id, decidedAt: ctx.now, targetId, change: withoutSecrets(change), updatedAt: ctx.now, version: sql`${approvalRequests.version} + 1` })
      .where(eq(approvalRequests.id, id));
    u.audit({ action: 'approval.approve', recordType, recordId: id, detail: { kind: row.kind, targetType: row.targetType, targetId, requestedBy: row.requestedBy } });
    return approvalView(tx, id, me.id);
  });
  // After the commit: the Director's mail goes out now, not at the delivery worker's next poll.
  mailQueued();
  return view;
}

/** CF-1: a pending change is rejected with a reason (by whichever administrator, the one who asked included); nothing of it is applied. */
export async function rejectChange(repo: UserRepository, id: string, body: RejectBody, ctx: ApprovalContext): Promise<ApprovalView> {
  const me = repo.user;
  const view = await repo.unit(async (u) => {
    const tx = u.db;
    const row = await lockPending(tx, id);
    const change = row.change as StoredChange;
    await tx
      .update(approvalRequests)
      .set({ status: 'rejected', decidedBy: me.id, decidedAt: ctx.now, reason: body.reason, change: withoutSecrets(change), updatedAt: ctx.now, version: sql`${approvalRequests.version} + 1` })
      .where(eq(approvalRequests.id, id));
    u.audit({ action: 'approval.reject', recordType, recordId: id, detail: { kind: row.kind, targetType: row.targetType, targetId: row.targetId, requestedBy: row.requestedBy } });
    await tellDirectorOfDecision(tx, id, 'rejected', me, { kind: row.kind as ApprovalKind, targetLabel: row.targetLabel, summary: row.summary as Summary }, ctx);
    return approvalView(tx, id, me.id);
  });
  // After the commit: the Director's mail goes out now, not at the delivery worker's next poll.
  mailQueued();
  return view;
}

import { approvalNeeded, canApprove } from '@harbor/policy';
import type { ApproveNonAcceptanceBody, ReferralView } from '@harbor/policy/api';
import { eq } from 'drizzle-orm';
import type { UserRepository } from '../data/index.js';
import { referrals } from '../db/schema.js';
import { HttpError, conflict } from '../http/errors.js';
import { supervisorNoteAt, recordType, viewOf, type RecordContext } from './service.js';

/**
 * CL-2: a non-acceptance stands only once a Careline supervisor other than the worker who decided
 * approves it. Returned, the referral goes back to the worker to decide again, with the note in
 * the audit trail.
 */
export async function approveNonAcceptance(repo: UserRepository, ctx: RecordContext, id: string, body: ApproveNonAcceptanceBody): Promise<ReferralView> {
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    const current = await u.get('referral', id, { lock: true });
    if (current.status !== 'not_accepted_pending_approval') throw conflict('This referral has no non-acceptance waiting for approval.');
    if (current.version !== body.version) throw conflict('Someone else changed this referral since you opened it. Reload to see their change.');
    const needed = approvalNeeded('not_accepted');
    const may = needed ? canApprove(needed, { userId: user.id, roles: user.roles }, current.decidedBy ?? '') : { ok: true as const };
    if (!may.ok) throw new HttpError(403, 'forbidden', may.message);
    const now = ctx.clock.now();
    const changes = body.approved
      ? { status: 'not_accepted', approvedBy: user.id, approvedAt: now }
      : { status: 'submitted', decision: null, nonAcceptanceReason: null, decisionExplanationSealed: null, decidedBy: null, decidedAt: null };
    const note = body.note ? { supervisorNoteSealed: ctx.vault.seal(body.note, supervisorNoteAt(id)), supervisorNoteAt: now } : {};
    const [row] = await tx
      .update(referrals)
      .set({ ...changes, ...note, updatedAt: now, version: current.version + 1 })
      .where(eq(referrals.id, id))
      .returning();
    u.audit({ action: body.approved ? 'referral.approve_non_acceptance' : 'referral.return_non_acceptance', recordType, recordId: id, detail: { reasonCode: current.nonAcceptanceReason, noted: Boolean(body.note) } });
    return viewOf(tx, ctx.vault, row!);
  });
}

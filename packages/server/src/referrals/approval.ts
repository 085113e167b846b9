import { approvalNeeded, canApprove } from '@harbor/policy';
import type { ApproveNonAcceptanceBody, ReferralView } from '@harbor/policy/api';
import { eq } from 'drizzle-orm';
import type { Actor } from '../access/index.js';
import { audited } from '../audit/index.js';
import type { Db } from '../db/client.js';
import { referrals } from '../db/schema.js';
import { HttpError, conflict, notFound } from '../http/errors.js';
import { supervisorNoteAt, findInScope, recordType, requireUser, viewOf , type RecordContext } from './service.js';

/**
 * CL-2: a non-acceptance stands only once a Careline supervisor other than the worker who decided
 * approves it. Returned, the referral goes back to the worker to decide again, with the note in
 * the audit trail.
 */
export async function approveNonAcceptance(db: Db, ctx: RecordContext, actor: Actor, id: string, body: ApproveNonAcceptanceBody): Promise<ReferralView> {
  const user = requireUser(actor);
  const view = await audited(db, actor, async (tx, audit) => {
    const current = await findInScope(tx, user, id, true);
    if (!current) return null;
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
    await audit({ action: body.approved ? 'referral.approve_non_acceptance' : 'referral.return_non_acceptance', recordType, recordId: id, detail: { reasonCode: current.nonAcceptanceReason, noted: Boolean(body.note) } });
    return viewOf(tx, ctx.vault, row!);
  });
  if (!view) throw notFound('referral');
  return view;
}

import type { PhoneNoticeBody, ReferralView } from '@harbor/policy/api';
import type { UserRepository } from '../data/index.js';
import { HttpError, conflict } from '../http/errors.js';
import { completeObligations } from '../obligations/index.js';
import { obligationContext } from './duties.js';
import { recordType, viewOf, type RecordContext } from './service.js';
import { recordPoliceCall } from './sealed-fields.js';

/**
 * CL-4: local law enforcement is told immediately by phone. Submitting an HT referral leaves that
 * notice awaiting the worker's record of the call (and the worker a duty due at once, escalated
 * like every other): when, the officer's name and badge, the police case number. Recording it closes
 * the duty. It is recorded once; a second record is refused rather than written over the first.
 */
export async function recordPhoneNotice(repo: UserRepository, ctx: RecordContext, id: string, body: PhoneNoticeBody): Promise<ReferralView> {
  const calledAt = new Date(body.calledAt);
  if (calledAt.getTime() > ctx.clock.now().getTime() + 5 * 60_000) {
    throw new HttpError(400, 'validation', 'calledAt: The call cannot be in the future', [{ field: 'calledAt', message: 'The call cannot be in the future' }]);
  }
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    const referral = await u.get('referral', id, { lock: true });
    if (referral.status === 'draft') throw conflict('Submit the referral first; the phone notice is recorded on a submitted referral.');
    const updated = await recordPoliceCall(tx, ctx.vault, id, { calledAt, recordedBy: user.id, officerName: body.officerName, badgeNumber: body.badgeNumber ?? null, policeCaseNumber: body.policeCaseNumber ?? null });
    if (!updated) throw conflict('The phone notice to the police has already been recorded for this referral.');
    // CL-4: recording the call closes the worker's duty to make it (raised at submission).
    await completeObligations(tx, obligationContext(ctx), { subjectType: 'referral', subjectId: id, completes: 'police_phoned' }, user.id, {
      who: user.displayName,
      when: calledAt.toISOString(),
      outcome: 'Phone call to local police recorded',
    });
    u.audit({ action: 'referral.phone_notice', recordType, recordId: id, detail: { notice: updated.key } });
    return viewOf(tx, ctx.vault, referral);
  });
}

import type { CaseView, PhoneNoticeBody } from '@harbor/policy/api';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { UserRepository } from '../data/index.js';
import { caseNotices } from '../db/schema.js';
import { HttpError, conflict, forbidden } from '../http/errors.js';
import { completeObligations, type ObligationContext } from '../obligations/index.js';
import { casePoliceContactAt, caseView, getCase, mayRaise, recordType } from './service.js';

/**
 * OG-2: local law enforcement is told immediately by phone of an HT concern or a new HT allegation
 * on an open case. Raising it leaves a phone notice on the case awaiting the worker's record of
 * the call (and the case's ongoing worker a duty due at once, `police_phoned`, escalated like every
 * other). Recording the call (when; the officer's name and badge and the police case number,
 * sealed, CF-1) answers the oldest allegation's waiting notice; the duty closes when no
 * allegation's call is left unrecorded. Who may record it: who may raise the concern (the case's
 * ongoing worker, the office's supervisor). Nothing is written over: with no call waiting, 409.
 */
export async function recordCasePhoneNotice(repo: UserRepository, ctx: ObligationContext, id: string, body: PhoneNoticeBody): Promise<CaseView> {
  const calledAt = new Date(body.calledAt);
  if (calledAt.getTime() > ctx.clock.now().getTime() + 5 * 60_000) {
    throw new HttpError(400, 'validation', 'calledAt: The call cannot be in the future', [{ field: 'calledAt', message: 'The call cannot be in the future' }]);
  }
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    const row = await getCase(u, id, true);
    if (!mayRaise(user, row)) throw forbidden();
    const waiting = and(eq(caseNotices.caseId, row.id), eq(caseNotices.means, 'phone'), isNull(caseNotices.calledAt));
    const [notice] = await tx.select({ id: caseNotices.id, allegation: caseNotices.allegation }).from(caseNotices).where(waiting).orderBy(asc(caseNotices.allegation)).limit(1).for('update');
    if (!notice) throw conflict('No phone notice to the police is waiting on this case: the call has been recorded, or no HT concern was raised.');
    const contact = { officerName: body.officerName, badgeNumber: body.badgeNumber ?? null, policeCaseNumber: body.policeCaseNumber ?? null };
    await tx
      .update(caseNotices)
      .set({ calledAt, recordedBy: user.id, policeContactSealed: ctx.vault.sealJson(contact, casePoliceContactAt(notice.id)) })
      .where(eq(caseNotices.id, notice.id));
    const [still] = await tx.select({ id: caseNotices.id }).from(caseNotices).where(waiting).limit(1);
    if (!still) {
      await completeObligations(tx, ctx, { subjectType: recordType, subjectId: row.id, completes: 'police_phoned' }, user.id, {
        who: user.displayName,
        when: calledAt.toISOString(),
        outcome: 'Phone call to local police recorded',
      });
    }
    u.audit({ action: 'case.phone_notice', recordType, recordId: row.id, detail: { notice: notice.id, allegation: notice.allegation, clause: 'OG-2' } });
    return caseView(u, ctx.vault, row);
  });
}

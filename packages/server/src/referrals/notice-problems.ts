import type { NoticeProblemView } from '@harbor/policy/api';
import { and, asc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Actor } from '../access/index.js';
import { audited } from '../audit/index.js';
import type { Db } from '../db/client.js';
import { outboxMessages, partnerAgencies, referralNotices, referrals } from '../db/schema.js';
import { statusLabels, type OutboxStatus } from '../outbox/index.js';
import { inScope, recordType, requireUser } from './service.js';

/** Statuses of a message no mail server has taken yet. */
const unsent: OutboxStatus[] = ['queued', 'sending', 'failed_retrying', 'failed', 'held_no_transport'];

/**
 * CL-4: "a failure stays visible and is escalated to the Careline supervisor". The notices of the
 * referrals within the supervisor's reach whose e-mail has failed for good, or still fails after
 * the escalation threshold (or was refused outright), oldest first. A notice leaves the list when
 * its message is sent.
 */
export async function noticeProblems(db: Db, actor: Actor): Promise<NoticeProblemView[]> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const m = outboxMessages;
    const rows = await tx
      .select({
        noticeId: referralNotices.id,
        referralId: referrals.id,
        referralNumber: referrals.number,
        party: referralNotices.party,
        partnerName: partnerAgencies.name,
        means: referralNotices.means,
        status: m.status,
        attempts: m.attempts,
        lastError: m.lastError,
        escalatedAt: m.escalatedAt,
        nextAttemptAt: m.nextAttemptAt,
        createdAt: m.createdAt,
      })
      .from(referralNotices)
      .innerJoin(referrals, eq(referrals.id, referralNotices.referralId))
      .innerJoin(partnerAgencies, eq(partnerAgencies.id, referralNotices.partnerAgencyId))
      .innerJoin(m, eq(m.id, referralNotices.outboxMessageId))
      .where(and(inScope(user), inArray(m.status, unsent), or(isNotNull(m.escalatedAt), eq(m.status, 'failed'))))
      .orderBy(asc(m.escalatedAt), asc(m.createdAt), asc(referralNotices.id))
      .limit(200);
    await audit({ action: 'referral.notice_problems', recordType, detail: { count: rows.length, referrals: [...new Set(rows.map((r) => r.referralId))] } });
    return rows.map((r) => ({
      ...r,
      party: r.party as NoticeProblemView['party'],
      means: r.means as NoticeProblemView['means'],
      statusLabel: statusLabels[r.status as OutboxStatus] ?? r.status,
      escalatedAt: r.escalatedAt?.toISOString() ?? null,
      nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    }));
  });
}

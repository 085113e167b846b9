import type { NoticeProblemView, Page, ReferralQueueQuery } from '@harbor/policy/api';
import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { afterCursor, orderOf, pageFrom, sortKey, type UserRepository } from '../data/index.js';
import { outboxMessages, partnerAgencies, referralNotices, referrals } from '../db/schema.js';
import { statusLabels, type OutboxStatus } from '../outbox/index.js';
import { recordType } from './service.js';

/** Statuses of a message no mail server has taken yet. */
const unsent: OutboxStatus[] = ['queued', 'sending', 'failed_retrying', 'failed', 'held_no_transport'];

/**
 * CL-4: "a failure stays visible and is escalated to the Careline supervisor". The notices of the
 * referrals within the supervisor's reach whose e-mail has failed for good, or still fails after
 * the escalation threshold (or was refused outright), oldest first. A notice leaves the list when
 * its message is sent. A page at a time (issue 11: the page once stopped at 200 of 320).
 */
const m = outboxMessages;
type Row = { noticeId: string; escalatedKey: string; createdKey: string };
/**
 * Escalated first, oldest escalation first (a failure never escalated last), then the oldest
 * message, then the notice. The times travel in the cursor as the database's text, to the
 * microsecond (a time set by the database's now() would not survive a JavaScript Date's
 * milliseconds: the next page would start before the last row, and never end). Read in this
 * order from the partial index outbox_notice_problems_idx (migration 0015): keep its expression
 * and its statuses in step with `escalatedOrder` and `unsent`.
 */
const escalatedOrder = sql`coalesce(${m.escalatedAt}, 'infinity'::timestamptz)`;
const keys = [
  sortKey<Row>(escalatedOrder, 'asc', 'text', (r) => r.escalatedKey),
  sortKey<Row>(m.createdAt, 'asc', 'text', (r) => r.createdKey),
  sortKey<Row>(referralNotices.id, 'asc', 'text', (r) => r.noticeId),
];

export async function noticeProblems(repo: UserRepository, q: ReferralQueueQuery): Promise<Page<NoticeProblemView>> {
  return repo.unit(async (u) => {
    const rows = await u.db
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
        escalatedKey: sql<string>`${escalatedOrder}::text`,
        createdKey: sql<string>`${m.createdAt}::text`,
      })
      .from(referralNotices)
      .innerJoin(referrals, eq(referrals.id, referralNotices.referralId))
      .innerJoin(partnerAgencies, eq(partnerAgencies.id, referralNotices.partnerAgencyId))
      .innerJoin(m, eq(m.id, referralNotices.outboxMessageId))
      .where(and(u.scope('referral'), inArray(m.status, unsent), or(isNotNull(m.escalatedAt), eq(m.status, 'failed')), afterCursor(keys, q.cursor)))
      .orderBy(...orderOf(keys))
      .limit(q.limit + 1);
    const page = pageFrom(rows, q.limit, keys, ({ escalatedKey: _e, createdKey: _c, ...r }) => ({
      ...r,
      party: r.party as NoticeProblemView['party'],
      means: r.means as NoticeProblemView['means'],
      statusLabel: statusLabels[r.status as OutboxStatus] ?? r.status,
      escalatedAt: r.escalatedAt?.toISOString() ?? null,
      nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    }));
    u.audit({ action: 'referral.notice_problems', recordType, detail: { notices: page.items.length } });
    u.shown('referral', page.items.map((r) => r.referralId));
    return page;
  });
}

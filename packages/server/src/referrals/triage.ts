import { entersStatewideQueue } from '@harbor/policy';
import type { Page, ReferralQueueQuery, ReferralView, TriageQueueItem, TriageReferralBody } from '@harbor/policy/api';
import { and, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Vault } from '../crypto/index.js';
import { afterCursor, orderOf, pageFrom, sortKey, type UserRepository } from '../data/index.js';
import { referralNotices, referrals } from '../db/schema.js';
import { conflict, notFound } from '../http/errors.js';
import { recordType, summary, summaryColumns, viewOf, type RecordContext, type SummaryRow } from './service.js';
import { sealText, triageReasonAt } from './sealed-fields.js';

/**
 * DR-1, DR-2: the HART Director's statewide queue: every submitted referral with a DCF-737 sent
 * or HT characteristics, accepted or not, untriaged first; the Director triages each to the
 * regional HART team, the MDT, or no further action with a reason.
 *
 * Issue 11: whether a referral belongs in the queue is the `triage_wanted` flag, kept by triggers
 * on the writes (migration 0014: the HT flag, a DCF-737 notice getting its e-mail), and read
 * through the partial index referrals_triage_queue_idx, in its order; only the shown page asks
 * whether its DCF-737 was sent, in a second query by its ids (an EXISTS beside the queue's own
 * query was planned as one hash over every DCF-737 notice of the history).
 */
const dcf737Sent = sql<boolean>`exists (select 1 from referral_notices n where n.referral_id = "referrals"."id" and n.means = 'dcf737' and n.outbox_message_id is not null)`;

type QueueRow = SummaryRow;
/** Untriaged first, then newest submitted first, then by id: the partial index's expressions, exactly. */
const untriagedFirst = sql`(case when ${referrals.triagedAt} is null then 0 else 1 end)`;
const submittedOrder = sql`coalesce(${referrals.submittedAt}, ${referrals.createdAt})`;
const queueKeys = [
  sortKey<QueueRow>(untriagedFirst, 'asc', 'number', (r) => (r.triagedAt ? 1 : 0)),
  sortKey<QueueRow>(submittedOrder, 'desc', 'date', (r) => r.submittedAt ?? r.createdAt),
  sortKey<QueueRow>(referrals.id, 'asc', 'text', (r) => r.id),
];

export async function triageQueue(repo: UserRepository, vault: Vault, q: ReferralQueueQuery): Promise<Page<TriageQueueItem>> {
  return repo.unit(async (u) => {
    const rows = await u.db
      .select(summaryColumns)
      .from(referrals)
      .where(and(eq(referrals.triageWanted, true), ne(referrals.status, 'draft'), u.scope('referral'), afterCursor(queueKeys, q.cursor)))
      .orderBy(...orderOf(queueKeys))
      .limit(q.limit + 1);
    const ids = rows.slice(0, q.limit).map((r) => r.id);
    const sentTo = new Set(
      ids.length === 0
        ? []
        : (
            await u.db
              .selectDistinct({ id: referralNotices.referralId })
              .from(referralNotices)
              .where(and(inArray(referralNotices.referralId, ids), eq(referralNotices.means, 'dcf737'), isNotNull(referralNotices.outboxMessageId)))
          ).map((r) => r.id),
    );
    const page = pageFrom(rows, q.limit, queueKeys, (r) => {
      const sent = sentTo.has(r.id);
      const entry = entersStatewideQueue({ dcf737Sent: sent, htCharacteristics: r.htCharacteristics });
      return { ...summary(r, vault), dcf737Sent: sent, queueReasons: entry.reasons };
    });
    u.audit({ action: 'referral.triage_queue', recordType });
    u.shown('referral', page.items.map((r) => r.id));
    return page;
  });
}

export async function triageReferral(repo: UserRepository, ctx: RecordContext, id: string, body: TriageReferralBody): Promise<ReferralView> {
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    const current = await u.find('referral', id, { lock: true });
    if (!current || current.status === 'draft') throw notFound('referral');
    const [sent] = await tx.select({ sent: dcf737Sent }).from(referrals).where(eq(referrals.id, id));
    if (!entersStatewideQueue({ dcf737Sent: Boolean(sent?.sent), htCharacteristics: current.htCharacteristics }).enters) {
      throw conflict('This referral is not in the statewide triage queue: no DCF-737 was sent and it has no HT characteristics.');
    }
    if (current.version !== body.version) throw conflict('Someone else changed this referral since you opened it. Reload to see their change.');
    const now = ctx.clock.now();
    const reason = body.reason?.trim() ? body.reason.trim() : null;
    const [row] = await tx
      .update(referrals)
      .set({ triageOutcomes: [...body.outcomes], triageReasonSealed: sealText(ctx.vault, reason, triageReasonAt(id)), triagedBy: user.id, triagedAt: now, updatedAt: now, version: current.version + 1 })
      .where(eq(referrals.id, id))
      .returning();
    u.audit({ action: 'referral.triage', recordType, recordId: id, detail: { outcomes: body.outcomes, withReason: reason !== null, retriage: current.triagedAt !== null } });
    return viewOf(tx, ctx.vault, row!);
  });
}

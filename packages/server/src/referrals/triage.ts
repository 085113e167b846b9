import { entersStatewideQueue } from '@harbor/policy';
import type { ReferralView, TriageQueueItem, TriageReferralBody } from '@harbor/policy/api';
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Actor } from '../access/index.js';
import { audited } from '../audit/index.js';
import type { Db } from '../db/client.js';
import { referrals } from '../db/schema.js';
import { conflict, notFound } from '../http/errors.js';
import type { Vault } from '../crypto/index.js';
import { findInScope, inScope, recordType, requireUser, summary, viewOf , type RecordContext } from './service.js';
import { sealText, triageReasonAt } from './sealed-fields.js';

/**
 * DR-1, DR-2: the HART Director's statewide queue: every submitted referral with a DCF-737 sent
 * or HT characteristics, accepted or not, untriaged first; the Director triages each to the
 * regional HART team, the MDT, or no further action with a reason.
 */
const dcf737Sent = sql<boolean>`exists (select 1 from referral_notices n where n.referral_id = "referrals"."id" and n.means = 'dcf737' and n.outbox_message_id is not null)`;

export async function triageQueue(db: Db, vault: Vault, actor: Actor): Promise<TriageQueueItem[]> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const rows = await tx
      .select({ referral: referrals, dcf737Sent })
      .from(referrals)
      .where(and(ne(referrals.status, 'draft'), inScope(user), sql`(${referrals.htCharacteristics} or ${dcf737Sent})`))
      .orderBy(sql`${referrals.triagedAt} is not null`, desc(referrals.submittedAt), asc(referrals.id))
      .limit(500);
    const items = rows.flatMap(({ referral, dcf737Sent: sent }) => {
      const q = entersStatewideQueue({ dcf737Sent: Boolean(sent), htCharacteristics: referral.htCharacteristics });
      return q.enters ? [{ ...summary(referral, vault), dcf737Sent: Boolean(sent), queueReasons: q.reasons }] : [];
    });
    await audit({ action: 'referral.triage_queue', recordType, detail: { count: items.length, ids: items.map((r) => r.id) } });
    return items;
  });
}

export async function triageReferral(db: Db, ctx: RecordContext, actor: Actor, id: string, body: TriageReferralBody): Promise<ReferralView> {
  const user = requireUser(actor);
  const view = await audited(db, actor, async (tx, audit) => {
    const current = await findInScope(tx, user, id, true);
    if (!current || current.status === 'draft') return null;
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
    await audit({ action: 'referral.triage', recordType, recordId: id, detail: { outcomes: body.outcomes, withReason: reason !== null, retriage: current.triagedAt !== null } });
    return viewOf(tx, ctx.vault, row!);
  });
  if (!view) throw notFound('referral');
  return view;
}

import type { PriorityResult } from '@harbor/policy';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { SealContext, Vault } from '../crypto/index.js';
import { queryRows, type SystemRepository, type UnitDb } from '../data/index.js';
import { referralNotices, referrals } from '../db/schema.js';

/**
 * CF-1: free text that can tell about a child or a police investigation is sealed at rest like
 * the narrative (AES-256-GCM, bound to its table, column and row): a non-acceptance explanation,
 * the reason for a response-priority override, the reason for no further action at triage, and
 * the police officer's name, badge and case number of the CL-4 phone call.
 *
 * The sealed columns (every one ends in `_sealed`; the seal context's column is its name without
 * the suffix, as for `draft_sealed`):
 *   referrals.decision_explanation_sealed       text
 *   referrals.priority_override_reason_sealed   text
 *   referrals.triage_reason_sealed              text
 *   referral_notices.police_contact_sealed      JSON { officerName, badgeNumber, policeCaseNumber }
 */
export const decisionExplanationAt = (id: string): SealContext => ({ table: 'referrals', column: 'decision_explanation', rowId: id });
export const priorityOverrideReasonAt = (id: string): SealContext => ({ table: 'referrals', column: 'priority_override_reason', rowId: id });
export const triageReasonAt = (id: string): SealContext => ({ table: 'referrals', column: 'triage_reason', rowId: id });
export const policeContactAt = (noticeId: string): SealContext => ({ table: 'referral_notices', column: 'police_contact', rowId: noticeId });

export const sealText = (vault: Vault, text: string | null | undefined, at: SealContext): string | null => (text ? vault.seal(text, at) : null);
export const openText = (vault: Vault, sealed: string | null, at: SealContext): string | null => (sealed ? vault.open(sealed, at) : null);

/** The response priority as stored: the tree's result with the override's reason taken out and sealed beside it. */
export function sealPriority(vault: Vault, referralId: string, priority: PriorityResult): { responsePriority: Record<string, unknown>; priorityOverrideReasonSealed: string | null } {
  if (!priority.override) return { responsePriority: { ...priority }, priorityOverrideReasonSealed: null };
  const { reason, ...override } = priority.override;
  return { responsePriority: { ...priority, override }, priorityOverrideReasonSealed: sealText(vault, reason, priorityOverrideReasonAt(referralId)) };
}

/** The response priority as the API shows it: the override's reason put back. */
export function openPriority(vault: Vault, row: { id: string; responsePriority: Record<string, unknown> | null; priorityOverrideReasonSealed: string | null }): Record<string, unknown> | null {
  const stored = row.responsePriority;
  if (!stored || !row.priorityOverrideReasonSealed || typeof stored['override'] !== 'object' || stored['override'] === null) return stored;
  return { ...stored, override: { ...(stored['override'] as Record<string, unknown>), reason: vault.open(row.priorityOverrideReasonSealed, priorityOverrideReasonAt(row.id)) } };
}

export interface PoliceContact {
  officerName: string;
  badgeNumber: string | null;
  policeCaseNumber: string | null;
}
export const sealPoliceContact = (vault: Vault, noticeId: string, c: PoliceContact): string => vault.sealJson(c, policeContactAt(noticeId));
export const openPoliceContact = (vault: Vault, noticeId: string, sealed: string | null): PoliceContact | null =>
  sealed ? vault.openJson<PoliceContact>(sealed, policeContactAt(noticeId)) : null;

/**
 * CL-4: the phone notice's record of the call, written once: the officer's name, badge and the
 * police case number sealed. Answers the notice, or null when the call was already recorded.
 */
export async function recordPoliceCall(
  tx: UnitDb,
  vault: Vault,
  referralId: string,
  call: PoliceContact & { calledAt: Date; recordedBy: string },
): Promise<{ id: string; key: string } | null> {
  const waiting = and(eq(referralNotices.referralId, referralId), eq(referralNotices.means, 'phone'), isNull(referralNotices.calledAt));
  const [notice] = await tx.select({ id: referralNotices.id }).from(referralNotices).where(waiting).limit(1).for('update');
  if (!notice) return null;
  const { calledAt, recordedBy, ...contact } = call;
  const [updated] = await tx
    .update(referralNotices)
    .set({ calledAt, recordedBy, policeContactSealed: sealPoliceContact(vault, notice.id, contact) })
    .where(and(eq(referralNotices.id, notice.id), isNull(referralNotices.calledAt)))
    .returning({ id: referralNotices.id, key: referralNotices.key });
  return updated ?? null;
}

/**
 * The one-time move of values written in plain text before these columns were sealed. SQL
 * cannot seal (the key never reaches the database), so the migration only adds the `_sealed`
 * columns and Harbor fills them at start: each plain value is sealed into its column and the
 * plain one set to null, row by row in one transaction. Idempotent: a row whose plain columns
 * are all null is left alone, so a second start (or a second instance) finds nothing to do.
 * Answers how many rows it sealed.
 */
export async function sealPlainFields(repo: SystemRepository, vault: Vault): Promise<number> {
  return repo.unit(async ({ db: tx }) => {
    let sealed = 0;
    const plainReferrals = await queryRows<{ id: string; explanation: string | null; triage: string | null; priority: Record<string, unknown> | null }>(
      tx,
      sql`select id, decision_explanation as explanation, triage_reason as triage, response_priority as priority from referrals
           where decision_explanation is not null or triage_reason is not null
              or (response_priority -> 'override' -> 'reason') is not null for update`,
    );
    for (const r of plainReferrals) {
      let priority = r.priority;
      let reason: string | null = null;
      const override = priority?.['override'];
      if (priority && typeof override === 'object' && override !== null) {
        const { reason: plain, ...rest } = override as Record<string, unknown>;
        if (typeof plain === 'string') {
          reason = plain;
          priority = { ...priority, override: rest };
        }
      }
      await tx.execute(sql`update ${referrals} set
          decision_explanation_sealed = coalesce(${sealText(vault, r.explanation, decisionExplanationAt(r.id))}, decision_explanation_sealed),
          triage_reason_sealed = coalesce(${sealText(vault, r.triage, triageReasonAt(r.id))}, triage_reason_sealed),
          priority_override_reason_sealed = coalesce(${sealText(vault, reason, priorityOverrideReasonAt(r.id))}, priority_override_reason_sealed),
          response_priority = ${priority === null ? null : JSON.stringify(priority)}::jsonb,
          decision_explanation = null, triage_reason = null
        where id = ${r.id}`);
      sealed += 1;
    }
    const plainNotices = await queryRows<{ id: string; officer: string | null; badge: string | null; caseNumber: string | null }>(
      tx,
      sql`select id, officer_name as officer, badge_number as badge, police_case_number as "caseNumber" from ${referralNotices}
           where officer_name is not null or badge_number is not null or police_case_number is not null for update`,
    );
    for (const n of plainNotices) {
      const contact = sealPoliceContact(vault, n.id, { officerName: n.officer ?? '', badgeNumber: n.badge, policeCaseNumber: n.caseNumber });
      await tx.execute(sql`update ${referralNotices} set police_contact_sealed = ${contact}, officer_name = null, badge_number = null, police_case_number = null where id = ${n.id}`);
      sealed += 1;
    }
    return sealed;
  });
}

import { and, eq, type SQL } from 'drizzle-orm';
import type { OutboxPage, OutboxQuery } from '@harbor/policy/api';
import { can } from '../access/index.js';
import { afterCursor, orderOf, pageFrom, sortKey, type UserRepository } from '../data/index.js';
import { outboxMessages } from '../db/schema.js';
import { statusLabels, type OutboxStatus } from './status.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Outgoing mail, newest first (or oldest first), one keyset page at a time on (created_at, id),
 * which outbox_created_idx holds: every message exactly once across pages, with each message's delivery status. Never the body: it holds case
 * details that a list for operations staff does not need (the notice's own page will show it,
 * within the reader's reach).
 */
export async function listOutbox(repo: UserRepository, q: OutboxQuery, mailServer: OutboxPage['mailServer']): Promise<OutboxPage> {
  const conds: SQL[] = [];
  if (q.status) conds.push(eq(outboxMessages.status, q.status));
  if (q.recordType) conds.push(eq(outboxMessages.recordType, q.recordType));
  if (q.recordId) conds.push(eq(outboxMessages.recordId, q.recordId));
  const keys = [sortKey<{ createdAt: Date; id: string }>(outboxMessages.createdAt, q.dir, 'date', (r) => r.createdAt), sortKey<{ createdAt: Date; id: string }>(outboxMessages.id, q.dir, 'text', (r) => r.id)];
  const after = afterCursor(keys, q.cursor);
  if (after) conds.push(after);
  // Administrators run the mail, not the cases: without referral.read, no referral number and no record id.
  const caseDetails = can(repo.user, 'referral.read');
  return repo.unit(async (u) => {
    const tx = u.db;
    const m = outboxMessages;
    const rows = await tx
      .select({
        id: m.id, kind: m.kind, toName: m.toName, toAddress: m.toAddress, partyKind: m.partyKind, partyRef: m.partyRef, subject: m.subject,
        recordType: m.recordType, recordId: m.recordId, status: m.status, attempts: m.attempts, attachmentDocumentIds: m.attachmentDocumentIds,
        nextAttemptAt: m.nextAttemptAt, lastAttemptAt: m.lastAttemptAt, lastError: m.lastError, sentAt: m.sentAt, acknowledgedAt: m.acknowledgedAt,
        escalatedAt: m.escalatedAt, createdAt: m.createdAt,
      })
      .from(outboxMessages)
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(...orderOf(keys))
      .limit(q.limit + 1);
    const { items: pageRows, nextCursor } = pageFrom(rows, q.limit, keys);
    // The records the page names (a referral's number and id, for readers of referrals) are in the row too.
    const named = caseDetails ? [...new Set(pageRows.map((r) => r.recordId).filter((id): id is string => id !== null))] : [];
    u.audit({ action: 'outbox.list', recordType: 'outbox_message', detail: { filters: Object.keys(q).filter((k) => !['limit', 'cursor', 'sort', 'dir'].includes(k)), count: pageRows.length, ids: named } });
    return {
      items: pageRows.map((r) => {
        const status = r.status as OutboxStatus;
        return {
          id: r.id,
          kind: r.kind,
          toName: r.toName,
          toAddress: r.toAddress,
          partyKind: r.partyKind,
          partyRef: r.partyRef,
          subject: caseDetails ? r.subject : r.subject.replace(/R-\d{4}-\d{6}/g, 'R-…'),
          recordType: r.recordType,
          recordId: caseDetails ? r.recordId : null,
          status,
          statusLabel: statusLabels[status],
          notSent: r.sentAt === null && status !== 'acknowledged',
          attempts: r.attempts,
          attachmentCount: r.attachmentDocumentIds.length,
          nextAttemptAt: iso(r.nextAttemptAt),
          lastAttemptAt: iso(r.lastAttemptAt),
          lastError: r.lastError,
          sentAt: iso(r.sentAt),
          acknowledgedAt: iso(r.acknowledgedAt),
          escalatedAt: iso(r.escalatedAt),
          createdAt: r.createdAt.toISOString(),
        };
      }),
      nextCursor,
      mailServer,
    };
  });
}

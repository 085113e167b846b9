import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { OutboxPage, OutboxQuery } from '@harbor/policy/api';
import { can, type Actor } from '../access/index.js';
import { audited } from '../audit/index.js';
import type { Db } from '../db/client.js';
import { outboxMessages } from '../db/schema.js';
import { statusLabels, type OutboxStatus } from './status.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Outgoing mail, newest first, with each message's delivery status. Never the body: it holds case
 * details that a list for operations staff does not need (the notice's own page will show it,
 * within the reader's reach).
 */
export async function listOutbox(db: Db, actor: Actor, q: OutboxQuery, mailServer: OutboxPage['mailServer']): Promise<OutboxPage> {
  const conds: SQL[] = [];
  if (q.status) conds.push(eq(outboxMessages.status, q.status));
  if (q.recordType) conds.push(eq(outboxMessages.recordType, q.recordType));
  if (q.recordId) conds.push(eq(outboxMessages.recordId, q.recordId));
  // Administrators run the mail, not the cases: without referral.read, no referral number and no record id.
  const caseDetails = can(actor.user, 'referral.read');
  return audited(db, actor, async (tx, audit) => {
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
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(q.limit + 1)
      .offset(q.offset);
    const pageRows = rows.slice(0, q.limit);
    await audit({ action: 'outbox.list', recordType: 'outbox_message', detail: { filters: Object.keys(q).filter((k) => k !== 'limit' && k !== 'offset'), count: pageRows.length } });
    return {
      rows: pageRows.map((r) => {
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
      nextOffset: rows.length > q.limit ? q.offset + q.limit : null,
      mailServer,
    };
  });
}

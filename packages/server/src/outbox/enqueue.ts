import { eq, inArray } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Tx } from '../db/client.js';
import { documents, outboxMessages } from '../db/schema.js';
import type { OutboxStatus } from './status.js';

/** One e-mail to one outside party, as the service that decides it is needed describes it. */
export interface NewEmail {
  /**
   * Names the message for good: enqueuing the same key again (a retried request, a double
   * submission) finds the first message and adds nothing. Build it from what makes the message
   * itself, such as `referral:<id>:dcf737:<party ref>`.
   */
  idempotencyKey: string;
  toAddress: string;
  toName?: string | null;
  /** Which outside party (police, hart_lead, fbi, chief_states_attorney, mdt ...) and the directory's reference. */
  partyKind?: string | null;
  partyRef?: string | null;
  /** Minimum necessary: a form name and a referral number, never a child's name. */
  subject: string;
  /** Plain text. The delivery worker adds the acknowledgment link under it. */
  bodyText: string;
  /** Documents stored in the same transaction (storeDocument), attached in this order. */
  attachmentDocumentIds?: readonly string[];
  recordType?: string | null;
  recordId?: string | null;
}

export interface Enqueued {
  id: string;
  /** False when a message with this idempotency key was already there (it is returned unchanged). */
  created: boolean;
  status: OutboxStatus;
}

export interface EnqueueContext {
  /** With no SMTP_URL the message is kept as "not sent" (held_no_transport) and never claimed. */
  config: Pick<Config, 'smtpUrl'>;
  now: Date;
}

/** Refused input: a bug in the caller or a directory entry that is not an address. */
export class OutboxInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'OutboxInputError';
  }
}

const addressRe = /^[^\s@<>(),;:"[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();

function check(message: NewEmail): void {
  if (!message.idempotencyKey || message.idempotencyKey.length > 300) throw new OutboxInputError('idempotencyKey', 'Give a key of 1 to 300 characters');
  if (message.toAddress.length > 254 || !addressRe.test(message.toAddress)) throw new OutboxInputError('toAddress', 'Not an e-mail address');
  if (!oneLine(message.subject) || message.subject.length > 300) throw new OutboxInputError('subject', 'Give a subject of 1 to 300 characters');
  if ((message.toName ?? '').length > 200) throw new OutboxInputError('toName', 'Too long');
}

/**
 * Puts one e-mail in the outbox, inside the caller's transaction: it goes out only if that
 * transaction commits, and at most once per idempotency key. Nothing is sent here.
 */
export async function enqueueEmail(tx: Tx, message: NewEmail, ctx: EnqueueContext): Promise<Enqueued> {
  check(message);
  const attachmentIds = [...(message.attachmentDocumentIds ?? [])];
  if (attachmentIds.length > 0) {
    const found = await tx.select({ id: documents.id }).from(documents).where(inArray(documents.id, attachmentIds));
    if (found.length !== new Set(attachmentIds).size) throw new OutboxInputError('attachmentDocumentIds', 'No such document');
  }
  const held = ctx.config.smtpUrl === null;
  const status: OutboxStatus = held ? 'held_no_transport' : 'queued';
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      idempotencyKey: message.idempotencyKey,
      kind: 'email',
      toAddress: message.toAddress.trim(),
      toName: message.toName ? oneLine(message.toName) : null,
      partyKind: message.partyKind ?? null,
      partyRef: message.partyRef ?? null,
      subject: oneLine(message.subject),
      bodyText: message.bodyText,
      attachmentDocumentIds: attachmentIds,
      recordType: message.recordType ?? null,
      recordId: message.recordId ?? null,
      status,
      attempts: 0,
      nextAttemptAt: held ? null : ctx.now,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .onConflictDoNothing({ target: outboxMessages.idempotencyKey })
    .returning({ id: outboxMessages.id, status: outboxMessages.status });
  if (row) return { id: row.id, created: true, status: row.status as OutboxStatus };
  const [existing] = await tx
    .select({ id: outboxMessages.id, status: outboxMessages.status })
    .from(outboxMessages)
    .where(eq(outboxMessages.idempotencyKey, message.idempotencyKey));
  if (!existing) throw new Error('outbox: conflicting message not found');
  return { id: existing.id, created: false, status: existing.status as OutboxStatus };
}

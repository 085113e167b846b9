import { inArray } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { UnitDb } from '../data/index.js';
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
 * Puts e-mails in the outbox, inside the caller's transaction, in one statement: they go out only
 * if that transaction commits, and at most once per idempotency key (a key already there keeps
 * its first message, answered unchanged). Nothing is sent here; after the commit the caller wakes
 * the delivery worker (`mailQueued`). Answers one result per message, in order.
 * `attachmentsStoredHere`: the caller stored the attached documents itself in this transaction
 * (storeDocuments answered their ids), so they are not looked up again.
 */
export async function enqueueEmails(tx: UnitDb, messages: readonly NewEmail[], ctx: EnqueueContext, opts: { attachmentsStoredHere?: boolean } = {}): Promise<Enqueued[]> {
  if (messages.length === 0) return [];
  for (const m of messages) check(m);
  const attachmentIds = [...new Set(messages.flatMap((m) => m.attachmentDocumentIds ?? []))];
  if (attachmentIds.length > 0 && !opts.attachmentsStoredHere) {
    const found = await tx.select({ id: documents.id }).from(documents).where(inArray(documents.id, attachmentIds));
    if (found.length !== attachmentIds.length) throw new OutboxInputError('attachmentDocumentIds', 'No such document');
  }
  const held = ctx.config.smtpUrl === null;
  const status: OutboxStatus = held ? 'held_no_transport' : 'queued';
  const rows = await tx
    .insert(outboxMessages)
    .values(
      messages.map((message) => ({
        idempotencyKey: message.idempotencyKey,
        kind: 'email',
        toAddress: message.toAddress.trim(),
        toName: message.toName ? oneLine(message.toName) : null,
        partyKind: message.partyKind ?? null,
        partyRef: message.partyRef ?? null,
        subject: oneLine(message.subject),
        bodyText: message.bodyText,
        attachmentDocumentIds: [...(message.attachmentDocumentIds ?? [])],
        recordType: message.recordType ?? null,
        recordId: message.recordId ?? null,
        status,
        attempts: 0,
        nextAttemptAt: held ? null : ctx.now,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })),
    )
    .onConflictDoNothing({ target: outboxMessages.idempotencyKey })
    .returning({ id: outboxMessages.id, key: outboxMessages.idempotencyKey, status: outboxMessages.status });
  const byKey = new Map<string, Enqueued>(rows.map((r) => [r.key, { id: r.id, created: true, status: r.status as OutboxStatus }]));
  const missing = messages.map((m) => m.idempotencyKey).filter((k) => !byKey.has(k));
  if (missing.length > 0) {
    // Keys already in the outbox (a retried request): their first messages, unchanged.
    const existing = await tx
      .select({ id: outboxMessages.id, key: outboxMessages.idempotencyKey, status: outboxMessages.status })
      .from(outboxMessages)
      .where(inArray(outboxMessages.idempotencyKey, missing));
    for (const e of existing) if (!byKey.has(e.key)) byKey.set(e.key, { id: e.id, created: false, status: e.status as OutboxStatus });
  }
  return messages.map((m) => {
    const r = byKey.get(m.idempotencyKey);
    if (!r) throw new Error('outbox: conflicting message not found');
    return r;
  });
}

/** Puts one e-mail in the outbox (enqueueEmails of one). */
export async function enqueueEmail(tx: UnitDb, message: NewEmail, ctx: EnqueueContext): Promise<Enqueued> {
  const [r] = await enqueueEmails(tx, [message], ctx);
  return r!;
}

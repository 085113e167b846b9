import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditEntry } from '../audit/index.js';
import type { Config } from '../config.js';
import type { DataLayer, SystemRepository } from '../data/index.js';
import { outboxMessages } from '../db/schema.js';
import type { Vault } from '../crypto/index.js';
import { loadDocuments } from '../documents/index.js';
import { ackUrl, issueToken, linkKeys, sealToken, unsealToken, verifyToken, type LinkKeys } from './links.js';
import { afterFailure, classifyFailure, claimableStatuses, type DeliveryFailure } from './status.js';
import { messageIdFor, type MailTransport, type OutgoingMail } from './transport.js';

export type Log = Pick<FastifyBaseLogger, 'debug' | 'info' | 'warn' | 'error'>;

export interface DeliveryOptions {
  /** Opens the sealed attachments (documents are encrypted at rest). */
  vault: Vault;
  mailFrom: string;
  publicUrl: string;
  /** The agency's time zone, for the link's expiry date in the message. */
  timeZone: string;
  keys: LinkKeys;
  ackLinkTtlMs: number;
  maxAttempts: number;
  /** Failed attempts after which a message still retrying is escalated (CL-4). */
  escalateAfter?: number;
  /** Messages claimed per pass (default 10). */
  batchSize?: number;
  /** How long a claimed message stays with its sender before another may take it (default 5 min). */
  leaseMs?: number;
  log?: Log;
  /** Asked between messages: when true, the rest of the batch is given back unsent. */
  shouldStop?: () => boolean;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  released: number;
}

export const defaultLeaseMs = 5 * 60_000;

/** The delivery settings of a configuration (the link keys come from the database when no secret is set). */
export async function deliveryOptionsFrom(data: DataLayer, config: Config, vault: Vault, extra: Partial<DeliveryOptions> = {}): Promise<DeliveryOptions> {
  return {
    vault,
    mailFrom: config.mailFrom,
    publicUrl: config.publicUrl,
    timeZone: config.timeZone,
    keys: await linkKeys(data, config.secretKey),
    ackLinkTtlMs: config.ackLinkTtlMs,
    maxAttempts: config.outboxMaxAttempts,
    escalateAfter: config.outboxEscalateAfter,
    ...extra,
  };
}

type Row = typeof outboxMessages.$inferSelect;
interface Claimed {
  row: Row;
  token: string;
  expiresAt: Date;
}

/** A short transaction: takes due messages no other worker holds, marks them sending, gives each its link token. */
async function claimDue(repo: SystemRepository, now: Date, opts: DeliveryOptions): Promise<Claimed[]> {
  const leaseEnd = new Date(now.getTime() + (opts.leaseMs ?? defaultLeaseMs));
  return repo.unit(async ({ db: tx }) => {
    const due = await tx
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(and(inArray(outboxMessages.status, [...claimableStatuses]), lte(outboxMessages.nextAttemptAt, now)))
      .orderBy(asc(outboxMessages.nextAttemptAt), asc(outboxMessages.id))
      .limit(opts.batchSize ?? 10)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const rows = await tx
      .update(outboxMessages)
      .set({ status: 'sending', attempts: sql`${outboxMessages.attempts} + 1`, lastAttemptAt: now, nextAttemptAt: leaseEnd, updatedAt: now })
      .where(inArray(outboxMessages.id, due.map((d) => d.id)))
      .returning();
    const claimed: Claimed[] = [];
    for (const row of rows) {
      // The same link on every retry; a new one only when the old cannot be opened or has expired.
      const kept = row.ackTokenSealed ? unsealToken(opts.keys, row.id, row.ackTokenSealed) : null;
      if (kept && row.ackExpiresAt && verifyToken(opts.keys, kept, now).ok) {
        claimed.push({ row, token: kept, expiresAt: row.ackExpiresAt });
        continue;
      }
      const issued = issueToken(opts.keys, row.id, new Date(now.getTime() + opts.ackLinkTtlMs));
      await tx
        .update(outboxMessages)
        .set({ ackTokenHash: issued.hash, ackTokenSealed: sealToken(opts.keys, row.id, issued.token), ackExpiresAt: issued.expiresAt })
        .where(eq(outboxMessages.id, row.id));
      claimed.push({ row, token: issued.token, expiresAt: issued.expiresAt });
    }
    return claimed;
  });
}

/** The message body with the acknowledgment link under it. */
export function composeText(bodyText: string, link: string, expiresAt: Date, timeZone: string): string {
  const until = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'long' }).format(expiresAt);
  return [
    bodyText.replace(/\s+$/, ''),
    '',
    '--',
    'Please confirm that you received this notice by opening this link:',
    link,
    `The link works once and until ${until}. It shows no case information.`,
    '',
  ].join('\n');
}

async function compose(repo: SystemRepository, c: Claimed, opts: DeliveryOptions): Promise<OutgoingMail> {
  const attachments: OutgoingMail['attachments'] = [];
  if (c.row.attachmentDocumentIds.length > 0) {
    const docs = await repo.unit((u) => loadDocuments(u, opts.vault, c.row.attachmentDocumentIds));
    for (const id of c.row.attachmentDocumentIds) {
      const doc = docs.get(id);
      if (!doc) throw Object.assign(new Error('attachment missing'), { code: 'ATTACHMENT_MISSING' });
      attachments.push({ filename: doc.fileName, content: doc.bytes, contentType: doc.mediaType });
    }
  }
  return {
    from: opts.mailFrom,
    to: { name: c.row.toName, address: c.row.toAddress },
    subject: c.row.subject,
    text: composeText(c.row.bodyText, ackUrl(opts.publicUrl, c.token), c.expiresAt, opts.timeZone),
    messageId: messageIdFor(c.row.idempotencyKey, opts.mailFrom),
    date: c.row.createdAt,
    attachments,
  };
}

/** This worker's claim on the row: still sending, and no other worker has taken it since. */
const stillOurs = (row: Row) => and(eq(outboxMessages.id, row.id), eq(outboxMessages.status, 'sending'), eq(outboxMessages.attempts, row.attempts));

async function finish(repo: SystemRepository, row: Row, set: Partial<Row>, audits: AuditEntry[], now: Date): Promise<boolean> {
  return repo.unit(async (u) => {
    const done = await u.db.update(outboxMessages).set({ ...set, updatedAt: now }).where(stillOurs(row)).returning({ id: outboxMessages.id });
    if (done.length === 0) return false;
    for (const entry of audits) u.audit(entry);
    return true;
  });
}

async function recordFailure(repo: SystemRepository, row: Row, failure: DeliveryFailure, now: Date, opts: DeliveryOptions): Promise<'retrying' | 'failed' | null> {
  const next = afterFailure(row.attempts, opts.maxAttempts, failure, now, opts.escalateAfter);
  const firstEscalation = next.escalate && row.escalatedAt === null;
  const audits: AuditEntry[] = [];
  const about = { recordType: 'outbox_message', recordId: row.id };
  if (next.status === 'failed') audits.push({ action: 'notice.failed', ...about, outcome: 'failure', detail: { attempts: row.attempts, error: failure.summary } });
  if (firstEscalation) audits.push({ action: 'notice.escalated', ...about, detail: { attempts: row.attempts, error: failure.summary } });
  const ok = await finish(
    repo,
    row,
    { status: next.status, nextAttemptAt: next.nextAttemptAt, lastError: failure.summary, ...(firstEscalation ? { escalatedAt: now } : {}) },
    audits,
    now,
  );
  return ok ? (next.status === 'failed' ? 'failed' : 'retrying') : null;
}

/** Gives an unsent claimed message back, as if this pass had not taken it. */
async function release(repo: SystemRepository, row: Row, now: Date): Promise<void> {
  await repo.unit((u) =>
    u.db
    .update(outboxMessages)
    .set({ status: row.attempts > 1 ? 'failed_retrying' : 'queued', attempts: row.attempts - 1, nextAttemptAt: now, updatedAt: now })
    .where(stillOurs(row)),
  );
}

/**
 * One delivery pass, as the system (`repo`: `data.forSystem('outbox')`, every row it writes
 * audited as `system:outbox`): claims due messages (FOR UPDATE SKIP LOCKED, so workers, however
 * many, run side by side), sends each outside a transaction, then records sent, or failed with back-off, or failed
 * for good after `maxAttempts`. A message whose sender died stays `sending` until its lease ends,
 * then is due again; its retry carries the same Message-ID and link.
 */
export async function deliverDue(repo: SystemRepository, transport: MailTransport, now: Date, opts: DeliveryOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { claimed: 0, sent: 0, retrying: 0, failed: 0, released: 0 };
  const claimed = await claimDue(repo, now, opts);
  report.claimed = claimed.length;
  for (const c of claimed) {
    const { row } = c;
    if (opts.shouldStop?.()) {
      await release(repo, row, now);
      report.released++;
      continue;
    }
    let failure: DeliveryFailure | null = null;
    try {
      await transport.send(await compose(repo, c, opts));
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      failure = code === 'ATTACHMENT_MISSING' || (err as Error).name === 'DocumentIntegrityError'
        ? { permanent: true, summary: code === 'ATTACHMENT_MISSING' ? 'ATTACHMENT_MISSING document not found' : 'ATTACHMENT_CORRUPT document hash mismatch' }
        : classifyFailure(err);
    }
    if (!failure) {
      const ok = await finish(repo, row, { status: 'sent', sentAt: now, nextAttemptAt: null, lastError: null }, [
        { action: 'notice.sent', recordType: 'outbox_message', recordId: row.id, detail: { attempts: row.attempts } },
      ], now);
      if (ok) report.sent++;
      opts.log?.info({ outboxId: row.id, attempts: row.attempts, recorded: ok }, 'outbox message sent');
      continue;
    }
    const outcome = await recordFailure(repo, row, failure, now, opts);
    if (outcome === 'failed') report.failed++;
    else if (outcome === 'retrying') report.retrying++;
    opts.log?.warn({ outboxId: row.id, attempts: row.attempts, error: failure.summary, outcome }, 'outbox delivery failed');
  }
  return report;
}

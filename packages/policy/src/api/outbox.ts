import { z } from 'zod';
import { pageOf, pageQueryFields, sortDirection } from './common.js';

/**
 * The outgoing-mail page's API (CL-4, issue 3 item 12): every message with its delivery status,
 * never its body. Without a mail server nothing is sent, and the page says so.
 */
export const outboxStatuses = ['queued', 'sending', 'sent', 'failed_retrying', 'failed', 'held_no_transport', 'acknowledged'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export const outboxQuery = z.strictObject({
  status: z.enum(outboxStatuses).optional(),
  recordType: z.string().min(1).max(40).optional(),
  recordId: z.string().min(1).max(80).optional(),
  ...pageQueryFields,
  /** Newest first by default; `created` is the time the message was queued. */
  sort: z.enum(['created']).default('created'),
  dir: sortDirection.default('desc'),
});
export type OutboxQuery = z.infer<typeof outboxQuery>;

export const outboxRowView = z.object({
  id: z.string(),
  kind: z.string(),
  toName: z.string().nullable(),
  toAddress: z.string(),
  partyKind: z.string().nullable(),
  partyRef: z.string().nullable(),
  subject: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  status: z.enum(outboxStatuses),
  /** The server's plain words for the status ("Not sent — no mail server configured"). */
  statusLabel: z.string(),
  /** True for every message no mail server has accepted (queued, failing, held). */
  notSent: z.boolean(),
  attempts: z.number().int(),
  attachmentCount: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type OutboxRowView = z.infer<typeof outboxRowView>;

/** `none`: no SMTP_URL is configured, so messages are kept in Harbor and not sent. */
export const mailServerKinds = ['smtp', 'none'] as const;
export const outboxPage = pageOf(outboxRowView).extend({ mailServer: z.enum(mailServerKinds) });
export type OutboxPage = z.infer<typeof outboxPage>;

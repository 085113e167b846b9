import type { OutboxStatus } from '@harbor/policy/api';

/** Where a message is on its way out (the list is shared with the web app). */
export { outboxStatuses, type OutboxStatus } from '@harbor/policy/api';

/** What the outgoing-mail page shows for each status. Nothing claims a delivery that did not happen. */
export const statusLabels: Readonly<Record<OutboxStatus, string>> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed_retrying: 'Failed — retrying',
  failed: 'Failed — escalated',
  held_no_transport: 'Not sent — no mail server configured',
  acknowledged: 'Acknowledged by recipient',
};

/** Statuses the delivery worker picks up once their next_attempt_at has come (sending: a lapsed lease). */
export const claimableStatuses: readonly OutboxStatus[] = ['queued', 'failed_retrying', 'sending'];

export const minuteMs = 60_000;
export const backoffCapMs = 60 * minuteMs;

/** Wait before the next attempt after `attempts` failed ones: 1 min, 2, 4, 8 ... capped at 1 hour. */
export function backoffMs(attempts: number, baseMs = minuteMs, capMs = backoffCapMs): number {
  const n = Math.max(1, Math.floor(attempts));
  if (n > 30) return capMs;
  return Math.min(capMs, baseMs * 2 ** (n - 1));
}

export interface DeliveryFailure {
  /** A 5xx reply: the mail server refused the message; retrying as it is will not help. */
  permanent: boolean;
  /** For last_error: the SMTP reply code and class or the error code. Never the reply's text. */
  summary: string;
}

const knownCodes = /^[A-Z][A-Z_]{1,23}$/;

/**
 * Classifies a sending error without keeping anything the server said in words (a reply may quote
 * the address or the message). nodemailer puts the SMTP reply code in `responseCode` and its own
 * kind of failure in `code` (ECONNECTION, ETIMEDOUT, EENVELOPE, ...).
 */
export function classifyFailure(err: unknown): DeliveryFailure {
  const e = (err ?? {}) as { responseCode?: unknown; code?: unknown };
  const code = typeof e.code === 'string' && knownCodes.test(e.code) ? e.code : null;
  const reply = typeof e.responseCode === 'number' && Number.isInteger(e.responseCode) && e.responseCode >= 200 && e.responseCode < 600 ? e.responseCode : null;
  // Required TLS not offered, or a certificate not trusted: the mail server's (or the address's)
  // configuration, which can be fixed; retry, whatever reply code came with it.
  if (code === 'ETLS') return { permanent: false, summary: 'ETLS the mail server offered no TLS (STARTTLS) or a certificate that is not trusted' };
  if (reply !== null && reply >= 500) return { permanent: true, summary: `SMTP ${reply} permanent rejection${code ? ` (${code})` : ''}` };
  if (reply !== null && reply >= 400) return { permanent: false, summary: `SMTP ${reply} temporary failure${code ? ` (${code})` : ''}` };
  if (code) return { permanent: false, summary: `${code} mail server unreachable or connection failed` };
  return { permanent: false, summary: 'UNKNOWN sending failed' };
}

/** The outcome of one delivery attempt, as the row records it. */
export interface AttemptOutcome {
  status: Extract<OutboxStatus, 'failed_retrying' | 'failed'>;
  nextAttemptAt: Date | null;
  escalate: boolean;
}

/** Failed attempts after which a notice still retrying is escalated to the Careline supervisor (CL-4). */
export const defaultEscalateAfter = 3;

/**
 * After a failed attempt: retry with back-off, or give up once `maxAttempts` are spent. The failure
 * is escalated (CL-4: to the Careline supervisor's list) when it is final, at once when the server
 * refused the message outright, and once `escalateAfter` attempts have failed: an outage of a few
 * minutes passes quietly, a longer one reaches a person while the retries go on.
 */
export function afterFailure(attempts: number, maxAttempts: number, failure: DeliveryFailure, now: Date, escalateAfter = defaultEscalateAfter): AttemptOutcome {
  if (attempts >= maxAttempts) return { status: 'failed', nextAttemptAt: null, escalate: true };
  return { status: 'failed_retrying', nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)), escalate: failure.permanent || attempts >= escalateAfter };
}

import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { SystemRepository } from '../data/index.js';
import { outboxMessages } from '../db/schema.js';
import { verifyToken, type LinkKeys } from './links.js';

/** `pending`: a good link whose notice is not acknowledged yet (the page asks to confirm). */
export type AckResult = 'pending' | 'recorded' | 'already_recorded' | 'invalid' | 'expired';

/** A message that went out (or may have: an attempt can fail after the server took it) can be acknowledged. */
const acknowledgeable = ['sent', 'sending', 'failed_retrying', 'failed'];

/**
 * What a link stands for, changing nothing (GET and HEAD: mail scanners and link previews open
 * links, and must not acknowledge anything): `pending` for a good link not yet confirmed.
 * `repo`: the system's, for the partner who opened the link (`forSystem('ack-link', request)`):
 * nobody is signed in. It reads the message's state only, shows nothing of it, and writes no row.
 */
export async function ackStatus(repo: SystemRepository, keys: LinkKeys, token: string, now: Date): Promise<AckResult> {
  const check = verifyToken(keys, token, now);
  if (!check.ok) return check.reason;
  const [row] = await repo.unit((u) =>
    u.db
      .select({ acknowledgedAt: outboxMessages.acknowledgedAt, status: outboxMessages.status })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.id, check.messageId), eq(outboxMessages.ackTokenHash, check.hash))),
  );
  if (!row) return 'invalid';
  if (row.acknowledgedAt) return 'already_recorded';
  return acknowledgeable.includes(row.status) ? 'pending' : 'invalid';
}

/**
 * Records that the recipient confirmed receipt (the POST of the link's page): once (a second opening changes
 * nothing), in the audit trail as `notice.acknowledged`, by the system for the partner
 * (`system:ack-link`, with the request's id and address; no user). A token that is altered, signed with
 * another key, no longer the message's, or for no message is `invalid`; an old one `expired`.
 */
export async function acknowledge(repo: SystemRepository, keys: LinkKeys, token: string, now: Date): Promise<AckResult> {
  const check = verifyToken(keys, token, now);
  if (!check.ok) return check.reason;
  return repo.unit(async (u) => {
    const tx = u.db;
    const mine = and(eq(outboxMessages.id, check.messageId), eq(outboxMessages.ackTokenHash, check.hash));
    const [done] = await tx
      .update(outboxMessages)
      .set({ status: 'acknowledged', acknowledgedAt: now, updatedAt: now })
      .where(and(mine, isNull(outboxMessages.acknowledgedAt), inArray(outboxMessages.status, acknowledgeable)))
      .returning({ id: outboxMessages.id, recordType: outboxMessages.recordType, recordId: outboxMessages.recordId, partyKind: outboxMessages.partyKind });
    if (done) {
      u.audit({
        action: 'notice.acknowledged',
        recordType: 'outbox_message',
        recordId: done.id,
        detail: { aboutType: done.recordType, aboutId: done.recordId, partyKind: done.partyKind },
      });
      return 'recorded';
    }
    const [row] = await tx.select({ acknowledgedAt: outboxMessages.acknowledgedAt }).from(outboxMessages).where(mine);
    return row?.acknowledgedAt ? 'already_recorded' : 'invalid';
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A page with nothing of the case on it: no names, no numbers, not even which agency sent it.
 * `confirm`: the "Confirm receipt" form, posted to the page's own address (CSP form-action 'self').
 */
function page(title: string, text: string, confirm = false): string {
  const form = confirm ? '<form method="post"><button type="submit">Confirm receipt</button></form>' : '';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${form}</main></body>`,
    '</html>',
    '',
  ].join('\n');
}

export function ackPage(result: AckResult): { status: number; html: string } {
  switch (result) {
    case 'pending':
      return { status: 200, html: page('Confirm receipt of this notice', 'Press the button to confirm that you received this notice. Nothing is recorded until you do.', true) };
    case 'recorded':
    case 'already_recorded':
      return { status: 200, html: page('Thank you — receipt recorded', 'Your receipt of this notice has been recorded. You may close this page.') };
    case 'expired':
      return { status: 410, html: page('This link has expired', 'This acknowledgment link is no longer valid. If you need to confirm receipt, contact the sender by telephone.') };
    case 'invalid':
      return { status: 404, html: page('Link not valid', 'This acknowledgment link is not valid. Check that the whole link was copied, or contact the sender by telephone.') };
  }
}

import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../access/index.js';
import { audited } from '../audit/index.js';
import type { Db } from '../db/client.js';
import { outboxMessages } from '../db/schema.js';
import { verifyToken, type LinkKeys } from './links.js';

export type AckResult = 'recorded' | 'already_recorded' | 'invalid' | 'expired';

/** A message that went out (or may have: an attempt can fail after the server took it) can be acknowledged. */
const acknowledgeable = ['sent', 'sending', 'failed_retrying', 'failed'];

/**
 * Records that the recipient opened the acknowledgment link: once (a second opening changes
 * nothing), in the audit trail as `notice.acknowledged`. A token that is altered, signed with
 * another key, no longer the message's, or for no message is `invalid`; an old one `expired`.
 */
export async function acknowledge(db: Db, keys: LinkKeys, token: string, now: Date, actor: Actor): Promise<AckResult> {
  const check = verifyToken(keys, token, now);
  if (!check.ok) return check.reason;
  return audited(db, actor, async (tx, audit) => {
    const mine = and(eq(outboxMessages.id, check.messageId), eq(outboxMessages.ackTokenHash, check.hash));
    const [done] = await tx
      .update(outboxMessages)
      .set({ status: 'acknowledged', acknowledgedAt: now, updatedAt: now })
      .where(and(mine, isNull(outboxMessages.acknowledgedAt), inArray(outboxMessages.status, acknowledgeable)))
      .returning({ id: outboxMessages.id, recordType: outboxMessages.recordType, recordId: outboxMessages.recordId, partyKind: outboxMessages.partyKind });
    if (done) {
      await audit({
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

/** A page with nothing of the case on it: no names, no numbers, not even which agency sent it. */
function page(title: string, text: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body>`,
    '</html>',
    '',
  ].join('\n');
}

export function ackPage(result: AckResult): { status: number; html: string } {
  switch (result) {
    case 'recorded':
    case 'already_recorded':
      return { status: 200, html: page('Thank you — receipt recorded', 'Your receipt of this notice has been recorded. You may close this page.') };
    case 'expired':
      return { status: 410, html: page('This link has expired', 'This acknowledgment link is no longer valid. If you need to confirm receipt, contact the sender by telephone.') };
    case 'invalid':
      return { status: 404, html: page('Link not valid', 'This acknowledgment link is not valid. Check that the whole link was copied, or contact the sender by telephone.') };
  }
}

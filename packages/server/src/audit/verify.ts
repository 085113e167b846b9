import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditEvents } from '../db/schema.js';
import { auditHash, genesisHash } from './chain.js';

export type VerifyResult =
  | { ok: true; rows: number; lastId: number | null }
  | { ok: false; rows: number; badId: number; reason: 'content' | 'link' };

/** Walks the chain in id order; names the first row whose hash or link does not match. */
export async function verifyAuditChain(db: Db, batch = 2000): Promise<VerifyResult> {
  let prev = genesisHash;
  let after = 0;
  let count = 0;
  let lastId: number | null = null;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.id, after)).orderBy(asc(auditEvents.id)).limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      count++;
      if (r.prevHash !== prev) return { ok: false, rows: count, badId: r.id, reason: 'link' };
      const expected = auditHash(
        {
          id: r.id,
          occurredAt: r.occurredAt,
          userId: r.userId,
          username: r.username,
          roles: r.roles,
          officeCode: r.officeCode,
          action: r.action,
          recordType: r.recordType,
          recordId: r.recordId,
          outcome: r.outcome,
          requestId: r.requestId,
          clientAddress: r.clientAddress,
          detail: r.detail ?? null,
        },
        r.prevHash,
      );
      if (expected !== r.hash) return { ok: false, rows: count, badId: r.id, reason: 'content' };
      prev = r.hash;
      after = r.id;
      lastId = r.id;
    }
  }
  return { ok: true, rows: count, lastId };
}

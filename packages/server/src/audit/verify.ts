import { timingSafeEqual } from 'node:crypto';
import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditEvents } from '../db/schema.js';
import { auditHash, genesisHash, keyedMarkerAction, signCheckpoint } from './chain.js';
import { checkpointFileName, readCheckpoints, type Checkpoint } from './checkpoint.js';
import { currentAuditKey } from './key.js';

export type BreakReason = 'content' | 'link' | 'gap' | 'marker' | 'unkeyed' | 'checkpoint' | 'truncated';

export type VerifyResult =
  | { ok: true; rows: number; lastId: number | null; legacyRows: number; checkpoints: number }
  | { ok: false; rows: number; badId: number | null; reason: BreakReason; message: string };

export interface VerifyOptions {
  /** The audit key; the process's own by default. */
  key?: Buffer;
  /** The folder of the signed checkpoints (none checked when not given). */
  checkpointDir?: string;
  batch?: number;
}

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Walks the chain in id order and names the first thing wrong: a row whose content does not match
 * its hash (a keyed HMAC from the `audit.chain_keyed` marker on, plain SHA-256 only before it; see
 * writer.ts), a row that does not link to the one before, an id gap (rows deleted), and then the
 * signed checkpoints: a checkpointed row whose hash changed, or a table that ends before the
 * newest checkpoint (its tail cut off).
 */
export async function verifyAuditChain(db: Db, options: VerifyOptions = {}): Promise<VerifyResult> {
  const key = options.key ?? currentAuditKey();
  const batch = options.batch ?? 2000;
  const fail = (rows: number, badId: number | null, reason: BreakReason, message: string): VerifyResult => ({ ok: false, rows, badId, reason, message });

  // The checkpoints first: a line not signed with this key is itself a finding.
  const checkpoints: Checkpoint[] = [];
  const file = options.checkpointDir ? `${options.checkpointDir}/${checkpointFileName}` : '';
  for (const c of options.checkpointDir ? readCheckpoints(options.checkpointDir) : []) {
    if (!('checkpoint' in c)) return fail(0, null, 'checkpoint', `Checkpoint line ${c.line} of ${file} cannot be read.`);
    if (!sameHex(signCheckpoint(c.checkpoint, key), c.checkpoint.sig)) {
      return fail(0, null, 'checkpoint', `Checkpoint line ${c.line} of ${file} is not signed with this audit key (forged, or from another key).`);
    }
    checkpoints.push(c.checkpoint);
  }
  const atId = new Map<number, Checkpoint[]>();
  for (const c of checkpoints) atId.set(c.lastId, [...(atId.get(c.lastId) ?? []), c]);

  let prev = genesisHash;
  let prevId = 0;
  let count = 0;
  let legacy = 0;
  let marker: number | null = null;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.id, prevId)).orderBy(asc(auditEvents.id)).limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      count++;
      // Ids are given without gaps from the marker on (writer.ts); before it a sequence gave them,
      // and a rolled-back transaction left a gap there, so only the links count in that prefix.
      if (marker !== null && r.id !== prevId + 1) {
        return fail(count, prevId + 1, 'gap', `rows ${prevId + 1} to ${r.id - 1} are missing (deleted): row ${r.id} follows row ${prevId}.`);
      }
      if (r.prevHash !== prev) return fail(count, r.id, 'link', `row ${r.id} does not link to the row before it.`);
      const isMarker = r.action === keyedMarkerAction;
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
        marker !== null || isMarker ? key : null,
      );
      if (!sameHex(expected, r.hash)) {
        // The first keyed row failing is what a wrong key looks like too: say so.
        const hint = isMarker && marker === null ? ' (or this is not the audit key the chain was written with: check HARBOR_AUDIT_KEY and the data key)' : '';
        return fail(count, r.id, 'content', `row ${r.id}: its content does not match its hash${hint}.`);
      }
      if (isMarker) {
        if (marker !== null) return fail(count, r.id, 'marker', `row ${r.id} is a second keyed-chain marker (the first is row ${marker}).`);
        if (r.detail?.['legacyRows'] !== legacy) {
          return fail(count, r.id, 'marker', `row ${r.id} marks ${String(r.detail?.['legacyRows'])} unkeyed rows before it, but ${legacy} are there.`);
        }
        marker = r.id;
      } else if (marker === null) {
        legacy++;
      }
      for (const c of atId.get(r.id) ?? []) {
        if (!sameHex(c.hash, r.hash)) return fail(count, r.id, 'checkpoint', `row ${r.id} no longer has the hash checkpointed at ${c.at}.`);
        if (c.keyedFrom !== marker) {
          return fail(count, r.id, 'checkpoint', `the checkpoint of ${c.at} has the chain keyed from row ${c.keyedFrom}, the table from row ${marker ?? 'none'} (re-written).`);
        }
      }
      prev = r.hash;
      prevId = r.id;
    }
  }
  if (count > 0 && marker === null) {
    return fail(count, null, 'unkeyed', `no row is keyed: the ${count} rows use the old unkeyed chain. Start Harbor once with its audit key to mark them; if it already ran with the key, the chain was re-written.`);
  }
  const newest = checkpoints.reduce((m, c) => Math.max(m, c.lastId), 0);
  if (newest > prevId) {
    return fail(count, prevId + 1, 'truncated', `the table ends at row ${prevId || 'none'} but a checkpoint vouches for row ${newest}: rows ${prevId + 1} to ${newest} (at least) are missing.`);
  }
  return { ok: true, rows: count, lastId: count > 0 ? prevId : null, legacyRows: legacy, checkpoints: checkpoints.length };
}

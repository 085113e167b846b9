import { createHash, createHmac } from 'node:crypto';

/** The previous hash of the first row. */
export const genesisHash = '0'.repeat(64);

/**
 * The row that starts the keyed chain (see writer.ts): every row after it is hashed with the audit
 * key; rows before it are the old unkeyed chain (plain SHA-256), pinned by this row's keyed hash.
 */
export const keyedMarkerAction = 'audit.chain_keyed';

export interface AuditContent {
  id: number;
  occurredAt: Date;
  userId: string | null;
  username: string | null;
  roles: string | null;
  officeCode: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  outcome: string;
  requestId: string | null;
  clientAddress: string | null;
  detail: Record<string, unknown> | null;
}

/** JSON with object keys sorted at every level, so jsonb's reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

const contentOf = (row: AuditContent, prevHash: string) => canonicalJson({ ...row, occurredAt: row.occurredAt.toISOString(), prevHash });

/**
 * A row's hash: HMAC-SHA256 under the audit key, which lives outside the database, so someone
 * who edits a row and recomputes the hashes with database rights alone cannot make them match.
 * Without a key: the old plain SHA-256 (legacy rows written before the chain was keyed).
 */
export function auditHash(row: AuditContent, prevHash: string, key: Buffer | null): string {
  const content = contentOf(row, prevHash);
  if (!key) return createHash('sha256').update(content).digest('hex');
  return createHmac('sha256', key).update(`harbor audit row v1|${content}`).digest('hex');
}

/** What a checkpoint vouches for: the chain's head at one moment. */
export interface CheckpointBody {
  /** The last row's id and hash when the checkpoint was taken. */
  lastId: number;
  hash: string;
  /** The id of the keyed-chain marker row (the chain is keyed from it on). */
  keyedFrom: number;
  /** When it was taken (ISO, UTC). */
  at: string;
}

export function signCheckpoint(body: CheckpointBody, key: Buffer): string {
  const content = canonicalJson({ lastId: body.lastId, hash: body.hash, keyedFrom: body.keyedFrom, at: body.at });
  return createHmac('sha256', key).update(`harbor audit checkpoint v1|${content}`).digest('hex');
}

import { createHash } from 'node:crypto';

/** The previous hash of the first row. */
export const genesisHash = '0'.repeat(64);

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

export function auditHash(row: AuditContent, prevHash: string): string {
  const content = canonicalJson({ ...row, occurredAt: row.occurredAt.toISOString(), prevHash });
  return createHash('sha256').update(content).digest('hex');
}

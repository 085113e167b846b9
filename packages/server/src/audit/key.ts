import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { dataKeyFile } from '../crypto/index.js';

/**
 * The audit key keys the audit chain's hashes and signs its checkpoints. It never goes to the
 * database: HARBOR_AUDIT_KEY when set, otherwise derived from the data key (HARBOR_DATA_KEY or
 * `data.key` in the data folder) by HMAC of a fixed label, so a key for the data is a key for the
 * trail without a second secret to keep. Set HARBOR_AUDIT_KEY to keep the trail verifiable across
 * a rotation of the data key (the derived key changes with it).
 */
export function auditKeyFrom(config: Pick<Config, 'auditKey' | 'dataKey' | 'dataDir'>): Buffer {
  if (config.auditKey) return parseAuditKey(config.auditKey);
  let secret = config.dataKey;
  if (!secret) {
    const file = path.join(config.dataDir, dataKeyFile);
    try {
      secret = readFileSync(file, 'utf8').trim();
    } catch {
      throw new Error(`No audit key: set HARBOR_AUDIT_KEY (at least 32 characters), or HARBOR_DATA_KEY, or restore ${file}`);
    }
  }
  if (secret.length < 32) throw new Error('No audit key: the data key is shorter than 32 characters; set HARBOR_AUDIT_KEY');
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update('harbor audit chain key v1').digest();
}

/**
 * HARBOR_AUDIT_KEY as written: text, or `base64:` and the key's bytes in base64, the form
 * `harbor audit key` prints of a derived key, so a deployment that began on the derived key can
 * pin that very key before rotating the data key and keep its chain verifiable.
 */
export const pinnedKeyPrefix = 'base64:';
export function parseAuditKey(text: string): Buffer {
  if (!text.startsWith(pinnedKeyPrefix)) return Buffer.from(text, 'utf8');
  const bytes = Buffer.from(text.slice(pinnedKeyPrefix.length), 'base64');
  if (bytes.length < 32) throw new Error('HARBOR_AUDIT_KEY: a base64: key must hold at least 32 bytes');
  return bytes;
}

/** The audit key in the form HARBOR_AUDIT_KEY accepts (`base64:...`), for pinning a derived key. */
export const pinnableAuditKey = (key: Buffer): string => `${pinnedKeyPrefix}${key.toString('base64')}`;

let current: Buffer | null = null;

/**
 * The process's audit key, set once at start (`harbor start`, each CLI command, the test
 * harness) before anything is audited. Every writer of audit rows reads it here rather than
 * being handed it, so no call site can forget it or pass another.
 */
export function useAuditKey(key: Buffer): void {
  current = key;
}

export function currentAuditKey(): Buffer {
  if (!current) throw new Error('The audit key is not loaded (useAuditKey is called at start); nothing can be audited without it');
  return current;
}

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
  if (config.auditKey) return Buffer.from(config.auditKey, 'utf8');
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

import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Encryption at rest (DESIGN: narratives and identifying fields of children are sealed with
 * AES-256-GCM; search uses keyed blind indexes, never plaintext copies). One secret, from the
 * environment (HARBOR_DATA_KEY) or the data folder, gives two keys by HKDF-SHA256: one seals,
 * one indexes, so a blind index never reveals the sealing key. The keys never go to the database.
 *
 * A sealed value is `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url). Its associated data names the
 * table, column and row it belongs to, so a value copied into another row or column does not open.
 */
export interface SealContext {
  table: string;
  column: string;
  rowId: string;
}

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

export interface Vault {
  /** Names the key (not secret): which key sealed a value. */
  readonly keyId: string;
  /**
   * The key check value (R2): a fingerprint of the key, recorded in the database on first start
   * and compared on every start. An HMAC of a fixed label under a key derived for this alone, so
   * it reveals neither the sealing nor the index key.
   */
  readonly checkValue: string;
  /** During a rotation: the key being replaced (still opened, never used to seal); else null. */
  readonly previous: { readonly keyId: string; readonly checkValue: string } | null;
  seal(plaintext: string, at: SealContext): string;
  open(envelope: string, at: SealContext): string;
  sealJson(value: unknown, at: SealContext): string;
  openJson<T>(envelope: string, at: SealContext): T;
  /** A keyed blind index (HMAC-SHA256) of an already normalized value of one kind. */
  index(kind: string, normalized: string): string;
}

const version = 'v1';
const b64 = (b: Buffer) => b.toString('base64url');
const derive = (secret: Buffer, info: string) => Buffer.from(hkdfSync('sha256', secret, 'harbor data keys', info, 32));

function associatedData(keyId: string, at: SealContext): Buffer {
  return Buffer.from(`${version}.${keyId}|${at.table}|${at.column}|${at.rowId}`, 'utf8');
}

interface KeySet {
  keyId: string;
  checkValue: string;
  sealKey: Buffer;
  indexKey: Buffer;
}

function keySet(secret: string | Buffer): KeySet {
  const ikm = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (ikm.length < 32) throw new Error('The data key must be at least 32 characters');
  return {
    sealKey: derive(ikm, 'harbor seal v1'),
    indexKey: derive(ikm, 'harbor blind index v1'),
    keyId: b64(createHash('sha256').update(derive(ikm, 'harbor key id v1')).digest()).slice(0, 8),
    checkValue: `kcv1.${b64(createHmac('sha256', derive(ikm, 'harbor key check v1')).update('harbor data key check value').digest())}`,
  };
}

/** The key check value of a secret (see Vault.checkValue). */
export const keyCheckValue = (secret: string | Buffer): string => keySet(secret).checkValue;

/** The key id a sealed value names (its second part), or null when it is not a sealed value. */
export function sealedKeyId(envelope: string): string | null {
  const parts = envelope.split('.');
  return parts.length === 4 && parts[0] === version ? (parts[1] ?? null) : null;
}

/**
 * The vault of one secret (at least 32 characters, or 32 random bytes). During a key rotation it
 * also holds the previous secret: values sealed with it still open (the envelope names its key),
 * but everything is sealed and indexed with the current one.
 */
export function createVault(secret: string | Buffer, previousSecret?: string | Buffer | null): Vault {
  const current = keySet(secret);
  const old = previousSecret ? keySet(previousSecret) : null;
  const { keyId, sealKey, indexKey } = current;
  const sameId = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

  const seal = (plaintext: string, at: SealContext): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
    cipher.setAAD(associatedData(keyId, at));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${version}.${keyId}.${b64(iv)}.${b64(body)}`;
  };

  const open = (envelope: string, at: SealContext): string => {
    const parts = envelope.split('.');
    if (parts.length !== 4 || parts[0] !== version) throw new SealError(`A sealed ${at.table}.${at.column} value is not in the ${version} format`);
    const [, id = '', ivText = '', bodyText = ''] = parts;
    const keys = sameId(id, keyId) ? current : old && sameId(id, old.keyId) ? old : null;
    if (!keys) {
      throw new SealError(`A sealed ${at.table}.${at.column} value was sealed with another key (${id}); this server has ${keyId}. Check HARBOR_DATA_KEY`);
    }
    const iv = Buffer.from(ivText, 'base64url');
    const body = Buffer.from(bodyText, 'base64url');
    if (iv.length !== 12 || body.length < 16) throw new SealError(`A sealed ${at.table}.${at.column} value is damaged`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', keys.sealKey, iv);
      decipher.setAAD(associatedData(keys.keyId, at));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      // Tampered with, or moved from another row or column: GCM refuses it.
      throw new SealError(`A sealed ${at.table}.${at.column} value does not open for its row (tampered with or moved)`);
    }
  };

  return {
    keyId,
    checkValue: current.checkValue,
    previous: old ? { keyId: old.keyId, checkValue: old.checkValue } : null,
    seal,
    open,
    sealJson: (value, at) => seal(JSON.stringify(value), at),
    openJson: <T>(envelope: string, at: SealContext) => JSON.parse(open(envelope, at)) as T,
    index: (kind, normalized) => b64(createHmac('sha256', indexKey).update(`${kind}\u0000${normalized}`, 'utf8').digest()),
  };
}

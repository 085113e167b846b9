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

/** The vault of one secret (at least 32 characters, or 32 random bytes). */
export function createVault(secret: string | Buffer): Vault {
  const ikm = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (ikm.length < 32) throw new Error('The data key must be at least 32 characters');
  const sealKey = derive(ikm, 'harbor seal v1');
  const indexKey = derive(ikm, 'harbor blind index v1');
  const keyId = b64(createHash('sha256').update(derive(ikm, 'harbor key id v1')).digest()).slice(0, 8);

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
    if (id.length !== keyId.length || !timingSafeEqual(Buffer.from(id), Buffer.from(keyId))) {
      throw new SealError(`A sealed ${at.table}.${at.column} value was sealed with another key (${id}); this server has ${keyId}. Check HARBOR_DATA_KEY`);
    }
    const iv = Buffer.from(ivText, 'base64url');
    const body = Buffer.from(bodyText, 'base64url');
    if (iv.length !== 12 || body.length < 16) throw new SealError(`A sealed ${at.table}.${at.column} value is damaged`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', sealKey, iv);
      decipher.setAAD(associatedData(keyId, at));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      // Tampered with, or moved from another row or column: GCM refuses it.
      throw new SealError(`A sealed ${at.table}.${at.column} value does not open for its row (tampered with or moved)`);
    }
  };

  return {
    keyId,
    seal,
    open,
    sealJson: (value, at) => seal(JSON.stringify(value), at),
    openJson: <T>(envelope: string, at: SealContext) => JSON.parse(open(envelope, at)) as T,
    index: (kind, normalized) => b64(createHmac('sha256', indexKey).update(`${kind}\u0000${normalized}`, 'utf8').digest()),
  };
}

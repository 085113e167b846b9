import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DataLayer, UnitDb } from '../data/index.js';
import { systemSecrets } from '../db/schema.js';

/**
 * Acknowledgment links. A token is `<message id>.<expiry, unix seconds>.<random nonce>.<HMAC>`
 * (id, nonce and HMAC in base64url, 128 bits each; about 80 characters, within the router's
 * 100-character limit for a path parameter): random, signed (HMAC-SHA256 over the message id, the
 * expiry and the nonce, truncated to 128 bits) and expiring. The
 * database keeps its SHA-256 (to find and spend it) and the token sealed with AES-256-GCM (so a
 * retried send carries the same link); neither lets someone who reads the database open the link
 * without the key.
 */
export interface LinkKeys {
  readonly sign: Buffer;
  readonly seal: Buffer;
}

const generatedKeyName = 'ack_link_key';

/** Both keys from one secret, each for its own purpose. */
export function deriveLinkKeys(secret: string | Buffer): LinkKeys {
  const ikm = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', ikm, 'harbor', info, 32));
  return { sign: derive('ack-link-sign-v1'), seal: derive('ack-link-seal-v1') };
}

/** The generated secret kept in the database (made once; several instances starting agree on one). */
async function storedSecret(db: UnitDb): Promise<Buffer> {
  await db.insert(systemSecrets).values({ name: generatedKeyName, value: randomBytes(32).toString('base64') }).onConflictDoNothing();
  const [row] = await db.select({ value: systemSecrets.value }).from(systemSecrets).where(eq(systemSecrets.name, generatedKeyName));
  if (!row) throw new Error('link key missing after insert');
  return Buffer.from(row.value, 'base64');
}

const cache = new WeakMap<DataLayer, Map<string, Promise<LinkKeys>>>();

/**
 * The link keys: from HARBOR_SECRET_KEY when set, else from the generated, persisted secret (read
 * once per data layer, as the system: the secret is no child's record, so no audit row).
 */
export function linkKeys(data: DataLayer, secretKey: string | null): Promise<LinkKeys> {
  let byLayer = cache.get(data);
  if (!byLayer) cache.set(data, (byLayer = new Map<string, Promise<LinkKeys>>()));
  const key = secretKey === null ? 'generated' : `env:${createHash('sha256').update(secretKey).digest('hex')}`;
  let found = byLayer.get(key);
  if (!found) {
    found = secretKey !== null ? Promise.resolve(deriveLinkKeys(secretKey)) : data.forSystem('link-keys').unit((u) => storedSecret(u.db)).then(deriveLinkKeys);
    found.catch(() => byLayer.delete(key));
    byLayer.set(key, found);
  }
  return found;
}

const b64 = (b: Buffer) => b.toString('base64url');
const part22 = /^[A-Za-z0-9_-]{22}$/;

/** 16 bytes as 22 base64url characters, and back (only the one canonical spelling is taken). */
const compactUuid = (uuid: string) => b64(Buffer.from(uuid.replace(/-/g, ''), 'hex'));
function expandUuid(compact: string): string | null {
  const bytes = Buffer.from(compact, 'base64url');
  if (bytes.length !== 16 || b64(bytes) !== compact) return null;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function signature(keys: LinkKeys, messageId: string, expSeconds: number, nonce: string): Buffer {
  return createHmac('sha256', keys.sign).update(`v1|${messageId}|${expSeconds}|${nonce}`).digest().subarray(0, 16);
}

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface IssuedToken {
  token: string;
  hash: string;
  expiresAt: Date;
}

export function issueToken(keys: LinkKeys, messageId: string, expiresAt: Date): IssuedToken {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  const nonce = b64(randomBytes(16));
  const token = `${compactUuid(messageId)}.${exp}.${nonce}.${b64(signature(keys, messageId, exp, nonce))}`;
  return { token, hash: tokenHash(token), expiresAt: new Date(exp * 1000) };
}

export type TokenCheck = { ok: true; messageId: string; hash: string } | { ok: false; reason: 'invalid' | 'expired' };

/** Checks form, signature and expiry. Whether the message still holds this token is the caller's. */
export function verifyToken(keys: LinkKeys, token: string, now: Date): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 4) return { ok: false, reason: 'invalid' };
  const [compactId = '', expText = '', nonce = '', sig = ''] = parts;
  const messageId = part22.test(compactId) ? expandUuid(compactId) : null;
  if (!messageId || !/^\d{1,12}$/.test(expText) || !part22.test(nonce) || !part22.test(sig)) return { ok: false, reason: 'invalid' };
  const exp = Number(expText);
  const expected = signature(keys, messageId, exp, nonce);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || b64(given) !== sig) return { ok: false, reason: 'invalid' };
  if (now.getTime() >= exp * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, messageId, hash: tokenHash(token) };
}

/** Seals the token for storage (AES-256-GCM, bound to the message id). */
export function sealToken(keys: LinkKeys, messageId: string, token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.seal, iv);
  cipher.setAAD(Buffer.from(messageId));
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return `v1.${b64(iv)}.${b64(body)}.${b64(cipher.getAuthTag())}`;
}

/** The sealed token, or null when it cannot be opened (another key, altered). */
export function unsealToken(keys: LinkKeys, messageId: string, sealed: string): string | null {
  const [v, iv, body, tag] = sealed.split('.');
  if (v !== 'v1' || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.seal, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(messageId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export const ackUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/+$/, '')}/ack/${token}`;

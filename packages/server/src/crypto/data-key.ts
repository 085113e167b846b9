import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config.js';
import { createVault, type Vault } from './vault.js';

/**
 * Where the data key comes from: HARBOR_DATA_KEY when set (production on PostgreSQL refuses to
 * start without it, see config.ts); otherwise a random key Harbor makes once and keeps in
 * `data.key` (mode 0600) in the data folder, beside the embedded database, so `npm start` works
 * on a fresh machine. Never in the database.
 */
export const dataKeyFile = 'data.key';

export function loadVault(config: Pick<Config, 'dataKey' | 'dataDir'>): Vault {
  if (config.dataKey) return createVault(config.dataKey);
  const file = path.join(config.dataDir, dataKeyFile);
  mkdirSync(config.dataDir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  // A key file others can read is tightened, not trusted as it is.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < 32) throw new Error(`${file} does not hold a data key; restore it from your backup (without it the sealed records cannot be read)`);
  return createVault(key);
}

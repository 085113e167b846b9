import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadVault } from './data-key.js';
import { createVault, keyCheckValue, SealError, sealedKeyId } from './vault.js';

const key = 'a-synthetic-data-key-for-unit-tests-only';
const at = { table: 'referrals', column: 'draft', rowId: '11111111-1111-4111-8111-111111111111' };

describe('encryption at rest', () => {
  it('seals a value into a versioned envelope that opens only for its row', () => {
    const vault = createVault(key);
    const sealed = vault.sealJson({ narrative: 'She sleeps in the barn.' }, at);
    expect(sealed).toMatch(/^v1\.[\w-]{8}\.[\w-]{16}\.[\w-]+$/);
    expect(sealed).not.toContain('barn');
    expect(vault.openJson(sealed, at)).toEqual({ narrative: 'She sleeps in the barn.' });
    // Random IV: sealing twice gives two different envelopes.
    expect(vault.sealJson({ narrative: 'She sleeps in the barn.' }, at)).not.toBe(sealed);
  });

  it('refuses a tampered ciphertext', () => {
    const vault = createVault(key);
    const sealed = vault.seal('Jamie Doeski', at);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    const tampered = [...parts.slice(0, 3), body.toString('base64url')].join('.');
    expect(() => vault.open(tampered, at)).toThrow(SealError);
    expect(() => vault.open(sealed.slice(0, -2), at)).toThrow(SealError);
    expect(() => vault.open('Jamie Doeski', at)).toThrow(/not in the v1 format/);
  });

  it('refuses a ciphertext moved to another row or column', () => {
    const vault = createVault(key);
    const sealed = vault.seal('Jamie Doeski', at);
    expect(() => vault.open(sealed, { ...at, rowId: '22222222-2222-4222-8222-222222222222' })).toThrow(/does not open for its row/);
    expect(() => vault.open(sealed, { ...at, column: 'identity' })).toThrow(SealError);
    expect(() => vault.open(sealed, { ...at, table: 'people' })).toThrow(SealError);
  });

  it('names the key a value was sealed with, and refuses to open it with another', () => {
    const sealed = createVault(key).seal('Jamie', at);
    expect(() => createVault(`${key}-rotated`).open(sealed, at)).toThrow(/sealed with another key.*HARBOR_DATA_KEY/);
  });

  it('keys the blind index: the same value under another key gives another index, and it is not a plain hash', () => {
    const a = createVault(key);
    const b = createVault(`${key}-other`);
    expect(a.index('name', 'jamie')).toBe(a.index('name', 'jamie'));
    expect(a.index('name', 'jamie')).not.toBe(b.index('name', 'jamie'));
    expect(a.index('name', 'jamie')).not.toBe(a.index('alias', 'jamie'));
    expect(a.index('name', 'jamie')).not.toBe(createHash('sha256').update('name\u0000jamie').digest('base64url'));
  });

  it('refuses a key shorter than 32 characters', () => {
    expect(() => createVault('short')).toThrow(/at least 32/);
  });

  it('without HARBOR_DATA_KEY, makes a key once in the data folder (mode 0600) and reads the same one after', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-key-'));
    try {
      const dataDir = path.join(dir, 'data');
      const first = loadVault({ dataKey: null, dataDir });
      const file = path.join(dataDir, 'data.key');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const sealed = first.seal('Jamie', at);
      expect(loadVault({ dataKey: null, dataDir }).open(sealed, at)).toBe('Jamie');
      expect(fs.readFileSync(file, 'utf8')).not.toContain('Jamie');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the key check value and rotation (R2)', () => {
  const newKey = 'a-second-synthetic-data-key-for-unit-tests';

  it('fingerprints the key without revealing it: the same key gives the same check value, another key another', () => {
    const v = createVault(key);
    expect(v.checkValue).toBe(keyCheckValue(key));
    expect(v.checkValue).toMatch(/^kcv1\.[\w-]{43}$/);
    expect(v.checkValue).not.toContain(key);
    expect(keyCheckValue(newKey)).not.toBe(v.checkValue);
  });

  it('during a rotation opens values of both keys, and seals and indexes with the new one only', () => {
    const before = createVault(key).seal('Jamie Doeski', at);
    const rotating = createVault(newKey, key);
    expect(rotating.previous?.checkValue).toBe(keyCheckValue(key));
    expect(rotating.open(before, at)).toBe('Jamie Doeski');
    const after = rotating.seal('Jamie Doeski', at);
    expect(sealedKeyId(after)).toBe(createVault(newKey).keyId);
    expect(createVault(newKey).open(after, at)).toBe('Jamie Doeski');
    expect(() => createVault(key).open(after, at)).toThrow(SealError);
    expect(rotating.index('name', 'jamie')).toBe(createVault(newKey).index('name', 'jamie'));
    // After the rotation, the new key alone no longer opens what was left under the old one.
    expect(() => createVault(newKey).open(before, at)).toThrow(/sealed with another key/);
  });
});

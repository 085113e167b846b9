import { describe, expect, it } from 'vitest';
import { auditKeyFrom, parseAuditKey, pinnableAuditKey } from './key.js';

describe('the audit key (R8)', () => {
  const dataKey = 'd'.repeat(40);

  it('a key derived from the data key, printed by `harbor audit key`, pins the very same key as HARBOR_AUDIT_KEY', () => {
    const derived = auditKeyFrom({ auditKey: null, dataKey, dataDir: '' });
    const pinned = pinnableAuditKey(derived);
    expect(pinned).toMatch(/^base64:/);
    expect(auditKeyFrom({ auditKey: pinned, dataKey: 'e'.repeat(40), dataDir: '' }).equals(derived)).toBe(true);
  });

  it('takes a text HARBOR_AUDIT_KEY as its bytes, and refuses a base64 key shorter than 32 bytes', () => {
    expect(parseAuditKey('a'.repeat(32)).equals(Buffer.from('a'.repeat(32)))).toBe(true);
    expect(() => parseAuditKey(`base64:${Buffer.alloc(16).toString('base64')}`)).toThrow(/at least 32 bytes/);
  });
});

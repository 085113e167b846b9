import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, genesisHash, signCheckpoint, type AuditContent } from './chain.js';

const row: AuditContent = {
  id: 7,
  occurredAt: new Date('2026-11-23T13:00:00.123Z'),
  userId: '6f1c1d5e-6b0c-4f49-9a8e-3f0b7b5d2c11',
  username: 'demo.hart-liaison',
  roles: 'hart_liaison',
  officeCode: 'HFD',
  action: 'person.read',
  recordType: 'person',
  recordId: 'a1',
  outcome: 'success',
  requestId: 'r1',
  clientAddress: '127.0.0.1',
  detail: { b: 1, a: { d: [1, 2], c: null } },
};

describe('audit chain hashing', () => {
  it('canonical JSON sorts keys at every level, so jsonb reordering cannot change a hash', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(canonicalJson({ a: { c: 3, d: 2 }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: 2, c: 3 } }));
  });

  it('a row hash changes when any field or the previous hash changes', () => {
    const h = auditHash(row, genesisHash, null);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...row }, genesisHash, null)).toBe(h);
    expect(auditHash({ ...row, outcome: 'denied' }, genesisHash, null)).not.toBe(h);
    expect(auditHash({ ...row, recordId: 'a2' }, genesisHash, null)).not.toBe(h);
    expect(auditHash({ ...row, occurredAt: new Date(row.occurredAt.getTime() + 1) }, genesisHash, null)).not.toBe(h);
    expect(auditHash({ ...row, detail: { b: 2, a: { d: [1, 2], c: null } } }, genesisHash, null)).not.toBe(h);
    expect(auditHash(row, 'f'.repeat(64), null)).not.toBe(h);
  });

  it('a keyed hash cannot be recomputed without the key: it differs from the plain hash and from another key', () => {
    const key = Buffer.alloc(32, 7);
    const keyed = auditHash(row, genesisHash, key);
    expect(keyed).toMatch(/^[0-9a-f]{64}$/);
    expect(keyed).not.toBe(auditHash(row, genesisHash, null));
    expect(keyed).not.toBe(auditHash(row, genesisHash, Buffer.alloc(32, 8)));
    expect(auditHash({ ...row, username: 'someone.else' }, genesisHash, key)).not.toBe(keyed);
  });

  it('a checkpoint signature covers the row id, its hash and the keyed marker', () => {
    const key = Buffer.alloc(32, 7);
    const body = { lastId: 40, hash: 'a'.repeat(64), keyedFrom: 1, at: '2026-12-07T13:00:00.000Z' };
    const sig = signCheckpoint(body, key);
    expect(signCheckpoint({ ...body, lastId: 39 }, key)).not.toBe(sig);
    expect(signCheckpoint({ ...body, hash: 'b'.repeat(64) }, key)).not.toBe(sig);
    expect(signCheckpoint({ ...body, keyedFrom: 2 }, key)).not.toBe(sig);
    expect(signCheckpoint(body, Buffer.alloc(32, 8))).not.toBe(sig);
  });
});

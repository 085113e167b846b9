import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault } from '../crypto/index.js';
import { documents } from '../db/schema.js';
import { loadDocument, storeDocument } from '../documents/index.js';
import { createTestDatabase, testDataKey, type TestDatabase } from '../test/harness.js';
import { rotateDataKey } from './rotate.js';

/**
 * Documents are immutable; the one change migration 0013 lets through is `harbor keys rotate`
 * re-sealing their bytes (R2), in a transaction that says so, with every other column unchanged.
 */
let tdb: TestDatabase;
const db = () => tdb.database.db;
const vault = createVault(testDataKey);
const newKey = 'documents-rekey-test-new-key-synthetic-only';
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});

describe('stored documents under key rotation', () => {
  it('stay immutable: a changed column is refused even while re-keying, and bytes only change when re-keying', async () => {
    const id = await storeDocument(db(), vault, { kind: 'DCF-737', recordType: 'referral', recordId: 'r', fileName: 'a.pdf', bytes: Buffer.from('%PDF-1.7 original'), createdBy: null });
    await expect(db().update(documents).set({ bytes: Buffer.from('%PDF-1.7 forged') }).where(eq(documents.id, id))).rejects.toThrow();
    await expect(
      db().transaction(async (tx) => {
        await tx.execute(sql`set local harbor.rekey = 'on'`);
        await tx.execute(sql`update documents set file_name = 'other.pdf' where id = ${id}`);
      }),
    ).rejects.toThrow();
    expect((await loadDocument(db(), vault, id))!.bytes.toString()).toBe('%PDF-1.7 original');
  });

  it('are re-sealed by the rotation, same content and hash, opened with the new key alone', async () => {
    const id = await storeDocument(db(), vault, { kind: 'DCF-823', recordType: 'referral', recordId: 'r2', fileName: 'b.pdf', bytes: Buffer.from('%PDF-1.7 critical incident'), createdBy: null });
    const before = (await db().select().from(documents).where(eq(documents.id, id)))[0]!;
    const result = await rotateDataKey(db(), { dataKey: newKey, dataKeyPrevious: testDataKey, auditKey: 'pinned-audit-key-of-at-least-32-chars' }, { batchSize: 1 });
    expect(result.state).toBe('rotated');
    const after = (await db().select().from(documents).where(eq(documents.id, id)))[0]!;
    expect(after.bytes.equals(before.bytes)).toBe(false);
    expect({ ...after, bytes: null }).toEqual({ ...before, bytes: null });
    expect((await loadDocument(db(), createVault(newKey), id))!.bytes.toString()).toBe('%PDF-1.7 critical incident');
  });
});

import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../db/schema.js';
import { createVault } from '../crypto/index.js';
import { createTestDatabase, testDataKey, type TestDatabase } from '../test/harness.js';
import { DocumentIntegrityError, extractPdfText, loadDocument, renderPdf, sha256Hex, storeDocument } from './index.js';

const vault = createVault(testDataKey);

let tdb: TestDatabase;
const db = () => tdb.database.db;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});

describe('stored documents', () => {
  it('keeps the bytes and their SHA-256, and gives them back unchanged', async () => {
    const bytes = await renderPdf({ title: 'DCF-823 Critical Incident', sections: [{ heading: 'Incident', rows: [['Referral', 'R-1']] }] }, { date: new Date('2026-03-02T00:00:00Z') });
    const recordId = randomUUID();
    const id = await db().transaction((tx) => storeDocument(tx, vault, { kind: 'DCF-823', recordType: 'referral', recordId, fileName: 'DCF-823 R-1.pdf', bytes, createdBy: null }));
    const doc = await loadDocument(db(), vault, id);
    expect(doc).toMatchObject({ id, kind: 'DCF-823', recordType: 'referral', recordId, fileName: 'DCF-823_R-1.pdf', mediaType: 'application/pdf', sha256: sha256Hex(bytes), byteSize: bytes.length });
    expect(Buffer.isBuffer(doc!.bytes)).toBe(true);
    expect(doc!.bytes.equals(Buffer.from(bytes))).toBe(true);
    expect(await loadDocument(db(), vault, randomUUID())).toBeNull();
  });

  it('keeps the bytes sealed at rest: a child’s name in a DCF-823 is not in the row, and sealed bytes open only for their own row', async () => {
    const bytes = await renderPdf({ title: 'DCF-823 Critical Incident', sections: [{ heading: 'Children', rows: [['Name', 'Quenby Sealedtest']] }] }, { date: new Date('2026-03-02T00:00:00Z') });
    expect(extractPdfText(bytes)).toContain('Quenby Sealedtest');
    const a = await storeDocument(db(), vault, { kind: 'DCF-823', recordType: 'referral', recordId: randomUUID(), fileName: 'a.pdf', bytes, createdBy: null });
    const [raw] = await db().select({ bytes: documents.bytes }).from(documents).where(eq(documents.id, a));
    expect(raw!.bytes.toString('latin1')).not.toContain('Quenby');
    expect(raw!.bytes.toString('latin1')).not.toContain('%PDF');
    expect(raw!.bytes.toString('utf8')).toMatch(/^v1\./);
    // The same sealed bytes under another row's id do not open: integrity error, nothing leaks.
    const b = randomUUID();
    await db().insert(documents).values({ id: b, kind: 'DCF-823', recordType: 'referral', recordId: 'moved', fileName: 'b.pdf', mediaType: 'application/pdf', sha256: sha256Hex(bytes), byteSize: bytes.length, bytes: raw!.bytes, createdBy: null });
    await expect(loadDocument(db(), vault, b)).rejects.toBeInstanceOf(DocumentIntegrityError);
    expect(extractPdfText((await loadDocument(db(), vault, a))!.bytes)).toContain('Quenby Sealedtest');
  });

  it('stores binary data of every byte value intact', async () => {
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    const id = await storeDocument(db(), vault, { kind: 'test', recordType: 'test', recordId: 'x', fileName: 'bytes.bin', bytes, createdBy: null, mediaType: 'application/octet-stream' });
    expect((await loadDocument(db(), vault, id))!.bytes.equals(bytes)).toBe(true);
  });

  it('refuses to change a stored document', async () => {
    const id = await storeDocument(db(), vault, { kind: 'DCF-737', recordType: 'referral', recordId: 'r', fileName: 'a.pdf', bytes: Buffer.from('%PDF-1.7 original'), createdBy: null });
    await expect(db().update(documents).set({ bytes: Buffer.from('%PDF-1.7 forged') }).where(eq(documents.id, id))).rejects.toThrow();
    await expect(db().execute(sql`update documents set file_name = 'other.pdf' where id = ${id}`)).rejects.toThrow();
    expect((await loadDocument(db(), vault, id))!.bytes.toString()).toBe('%PDF-1.7 original');
  });

  it('rolls back with the caller', async () => {
    const recordId = randomUUID();
    await expect(
      db().transaction(async (tx) => {
        await storeDocument(tx, vault, { kind: 'DCF-737', recordType: 'referral', recordId, fileName: 'a.pdf', bytes: Buffer.from('x'), createdBy: null });
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await db().select().from(documents).where(eq(documents.recordId, recordId))).toEqual([]);
  });
});

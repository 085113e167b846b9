import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { documents } from '../db/schema.js';

export interface NewDocument {
  /** The form: 'DCF-737', 'DCF-823', 'case-summary'. */
  kind: string;
  recordType: string;
  recordId: string;
  fileName: string;
  bytes: Uint8Array;
  /** The user whose action generated it; null for the system. */
  createdBy: string | null;
  mediaType?: string;
}

export interface StoredDocument {
  id: string;
  kind: string;
  recordType: string;
  recordId: string;
  fileName: string;
  mediaType: string;
  sha256: string;
  byteSize: number;
  bytes: Buffer;
  createdAt: Date;
  createdBy: string | null;
}

/** The stored bytes no longer match the hash taken when the document was generated. */
export class DocumentIntegrityError extends Error {
  constructor(readonly documentId: string) {
    super(`document ${documentId}: content does not match its SHA-256`);
    this.name = 'DocumentIntegrityError';
  }
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A file name any mail client and file system takes: letters, digits, dot, dash, underscore. */
export function safeFileName(name: string): string {
  const cleaned = name.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 120);
  return cleaned.length > 0 ? cleaned : 'document';
}

/** Stores a generated document inside the caller's transaction; answers its id. */
export async function storeDocument(tx: DbOrTx, doc: NewDocument): Promise<string> {
  const bytes = Buffer.from(doc.bytes);
  const [row] = await tx
    .insert(documents)
    .values({
      kind: doc.kind,
      recordType: doc.recordType,
      recordId: doc.recordId,
      fileName: safeFileName(doc.fileName),
      mediaType: doc.mediaType ?? 'application/pdf',
      sha256: sha256Hex(bytes),
      byteSize: bytes.length,
      bytes,
      createdBy: doc.createdBy,
    })
    .returning({ id: documents.id });
  if (!row) throw new Error('document insert returned no row');
  return row.id;
}

/** One document with its bytes, checked against its hash; null when there is none. */
export async function loadDocument(db: DbOrTx, id: string): Promise<StoredDocument | null> {
  const [row] = await db.select().from(documents).where(eq(documents.id, id));
  if (!row) return null;
  if (sha256Hex(row.bytes) !== row.sha256 || row.bytes.length !== row.byteSize) throw new DocumentIntegrityError(row.id);
  return row;
}

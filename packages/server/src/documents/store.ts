import { createHash, randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Vault } from '../crypto/index.js';
import type { UnitDb } from '../data/index.js';
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
  /** A new version of a stored document (CL-5: the Critical Incident updated): the version it follows. */
  previous?: { id: string; version: number };
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
  version: number;
  previousId: string | null;
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

/** A file name every mail client and file system takes: letters, digits, dot, dash, underscore. */
export function safeFileName(name: string): string {
  const cleaned = name.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 120);
  return cleaned.length > 0 ? cleaned : 'document';
}

/** Where a document's sealed bytes live: the seal names the row, so bytes moved to another row do not open. */
const sealedAt = (id: string) => ({ table: 'documents', column: 'bytes', rowId: id });

/** The query builder of a unit of work (`u.db`); documents are reached through the record they belong to. */
type DocDb = Pick<UnitDb, 'select' | 'insert'>;

/** A document's row, sealed and hashed, ready to insert (its id chosen here: the seal names it). */
function documentRow(vault: Vault, doc: NewDocument) {
  const bytes = Buffer.from(doc.bytes);
  const id = randomUUID();
  return {
    id,
    kind: doc.kind,
    recordType: doc.recordType,
    recordId: doc.recordId,
    fileName: safeFileName(doc.fileName),
    mediaType: doc.mediaType ?? 'application/pdf',
    sha256: sha256Hex(bytes),
    byteSize: bytes.length,
    bytes: Buffer.from(vault.seal(bytes.toString('base64'), sealedAt(id)), 'utf8'),
    version: doc.previous ? doc.previous.version + 1 : 1,
    previousId: doc.previous?.id ?? null,
    createdBy: doc.createdBy,
  };
}

/**
 * Stores generated documents inside the caller's unit of work, in one statement; answers their
 * ids, in order. The bytes are sealed (AES-256-GCM): a DCF-823 holds children's names and dates
 * of birth, which are never kept in the clear (DESIGN: encryption at rest). The SHA-256 is of the
 * document itself. Nothing is read back: the ids are chosen here.
 */
export async function storeDocuments(tx: DocDb, vault: Vault, docs: readonly NewDocument[]): Promise<string[]> {
  if (docs.length === 0) return [];
  const rows = docs.map((d) => documentRow(vault, d));
  await tx.insert(documents).values(rows);
  return rows.map((r) => r.id);
}

/** One document (storeDocuments of one). */
export async function storeDocument(tx: DocDb, vault: Vault, doc: NewDocument): Promise<string> {
  const [id] = await storeDocuments(tx, vault, [doc]);
  return id!;
}

/** A stored row opened and checked against its hash. */
function opened(vault: Vault, row: typeof documents.$inferSelect): StoredDocument {
  let bytes: Buffer;
  try {
    bytes = Buffer.from(vault.open(row.bytes.toString('utf8'), sealedAt(row.id)), 'base64');
  } catch {
    throw new DocumentIntegrityError(row.id);
  }
  if (sha256Hex(bytes) !== row.sha256 || bytes.length !== row.byteSize) throw new DocumentIntegrityError(row.id);
  return { ...row, bytes };
}

/** Documents by id, each opened and checked against its hash, in one query (the mail worker's attachments). Missing ids are absent. */
export async function loadDocuments(u: { db: DocDb }, vault: Vault, ids: readonly string[]): Promise<Map<string, StoredDocument>> {
  if (ids.length === 0) return new Map();
  const rows = await u.db.select().from(documents).where(inArray(documents.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, opened(vault, r)]));
}

/** One document with its bytes, opened and checked against its hash; null when there is none. */
export async function loadDocument(db: DocDb, vault: Vault, id: string): Promise<StoredDocument | null> {
  const [row] = await db.select().from(documents).where(eq(documents.id, id));
  return row ? opened(vault, row) : null;
}

/**
 * The newest version of a record's document of one kind (CL-5: a referral's Critical Incident),
 * without its bytes; null when there is none. Earlier versions stay stored, each naming the one
 * it follows.
 */
export async function latestDocument(db: DocDb, recordType: string, recordId: string, kind: string): Promise<{ id: string; version: number } | null> {
  const [row] = await db
    .select({ id: documents.id, version: documents.version })
    .from(documents)
    .where(and(eq(documents.recordType, recordType), eq(documents.recordId, recordId), eq(documents.kind, kind)))
    .orderBy(desc(documents.version))
    .limit(1);
  return row ?? null;
}

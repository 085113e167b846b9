/**
 * The synthetic history generator (`harbor bench generate --referrals N`, issue 11): years of a
 * Careline's referrals written straight to the database with batched multi-row SQL.
 *
 * How: a few template stories (stories.ts) are taken through the real services, so every row is
 * one the application writes itself; their rows (the referral, its children's person records and
 * blind indexes, notices, outbox messages, documents, duties and their events, cases, consults,
 * assignments and audit rows) are then copied N times with fresh ids, fresh numbers, shifted
 * times, other staff of the same office and roles, and a new synthetic child each time. Every
 * sealed value is sealed again for its new row (the vault binds a seal to its table, column and
 * row, so a copied ciphertext would not open); the audit rows continue the keyed hash chain from
 * its head, computed here in batches under the chain's lock, so `harbor audit verify` passes.
 * Rows go in with `insert ... select * from json_populate_recordset(...)`: one statement per table
 * per batch of thousands of rows. Synthetic data only.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { auditHash, currentAuditKey, keyedMarkerAction, type AuditContent } from '../../src/audit/index.js';
import type { Config } from '../../src/config.js';
import { sealedColumns, type SealedColumn, type Vault } from '../../src/crypto/index.js';
import { dataLayer } from '../../src/data/index.js';
import { queryRows, type Database, type Db, type DbOrTx } from '../../src/db/client.js';
import { matchKeyRows, sealIdentity, type Identity } from '../../src/people/index.js';
import { runStory, type Fate, type Kind, type StorySpec } from './stories.js';

type Row = Record<string, unknown>;

/** Tables a referral's story writes to, in the order their foreign keys allow inserting them. */
export const historyTables = [
  'people',
  'person_match_keys',
  'referrals',
  'referral_children',
  'documents',
  'outbox_messages',
  'referral_notices',
  'cases',
  'consults',
  'case_allegations',
  'case_notices',
  'obligations',
  'obligation_events',
  'assignments',
  'audit_events',
] as const;
export type Table = (typeof historyTables)[number];

export interface GenerateOptions {
  referrals: number;
  /** The end of the history (default: now). */
  now?: Date;
  /** Rows per batch (one statement per table per batch). */
  batchRows?: number;
  /** Seed of the random choices (the same seed gives the same proportions). */
  seed?: number;
  progress?: (done: number, total: number, rows: number) => void;
}

export interface GenerateResult {
  referrals: number;
  rows: Record<string, number>;
  templates: number;
  seconds: number;
}

/** Synthetic names (made up, describing no one), combined at random. */
const givenNames = ['Avery', 'Jordan', 'Riley', 'Morgan', 'Casey', 'Quinn', 'Rowan', 'Skyler', 'Emerson', 'Finley', 'Harper', 'Jamie', 'Kendall', 'Logan', 'Micah', 'Noel', 'Parker', 'Reese', 'Sage', 'Taylor', 'Ari', 'Blake', 'Cameron', 'Dakota', 'Eden', 'Frankie', 'Gray', 'Hayden', 'Indigo', 'Jules', 'Kai', 'Lane', 'Marlow', 'Nico', 'Oakley', 'Peyton', 'Remy', 'Shiloh', 'Tatum', 'Wren', 'Adrian', 'Bianca', 'Camila', 'Diego', 'Elena', 'Fabian', 'Gabriela', 'Hector', 'Isabela', 'Javier', 'Keisha', 'Lamar', 'Monique', 'Nadia', 'Omar', 'Priya', 'Rashad', 'Sofia', 'Tariq', 'Yesenia'];
const surnames = ['Alder', 'Brookfield', 'Calloway', 'Dunmore', 'Ellery', 'Fairbanks', 'Garrison', 'Holloway', 'Ingram', 'Jessup', 'Kingsley', 'Lockhart', 'Merriweather', 'Northcott', 'Oakridge', 'Pemberton', 'Quimby', 'Redfield', 'Stanhope', 'Thornbury', 'Underhill', 'Vance', 'Whitlock', 'Yardley', 'Ashdown', 'Birchwood', 'Crestwood', 'Dalby', 'Everly', 'Fenwick', 'Galloway', 'Hartwell', 'Ivesdale', 'Juniper', 'Kestrel', 'Larkspur', 'Marchetti', 'Navarro', 'Okafor', 'Petrov', 'Quintero', 'Rosales', 'Saldana', 'Tavares', 'Umeh', 'Valdez', 'Whitfield', 'Xiong', 'Yilmaz', 'Zamora'];

const uuidRe = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const dayMs = 86_400_000;
const yearMs = 365 * dayMs;

function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}
const pickOf = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** One sealed value of a template row, opened once (its plaintext), sealed again for every copy. */
interface SealedValue {
  column: SealedColumn;
  plaintext: string;
}

interface TemplateRow {
  table: Table;
  row: Row;
  sealed: SealedValue[];
}

export interface Template {
  spec: StorySpec;
  /** The referral's submission (or creation) time: the copy's times are shifted from it. */
  anchor: number;
  rows: TemplateRow[];
  /** Ids of rows the story made (given fresh ids in each copy). */
  owned: string[];
  /** Staff who acted in the story (replaced by others of the same office and roles). */
  staff: string[];
  /** Referral, case and consult numbers (given fresh numbers in each copy). */
  numbers: { value: string; seq: 'referral_number_seq' | 'case_number_seq' | 'consult_number_seq' }[];
  /** people.id -> the child's index in the draft. */
  childIndex: Map<string, number>;
}

interface StaffInfo {
  id: string;
  username: string;
  roles: string;
  officeCode: string;
  pool: string;
}

const sealedOf = (table: string) => sealedColumns.filter((c) => c.table === table);
const sealContext = (c: SealedColumn, rowId: string) => ({ table: c.table, column: c.context, rowId });

function envelopeOf(c: SealedColumn, row: Row): string | null {
  const v = row[c.column];
  if (v === null || v === undefined) return null;
  if (c.storage === 'text') return v as string;
  if (c.storage === 'bytea') return Buffer.from((v as string).replace(/^\\x/, ''), 'hex').toString('utf8');
  const field = (v as Record<string, unknown>)[c.storage.jsonField];
  return typeof field === 'string' ? field : null;
}

function putEnvelope(c: SealedColumn, row: Row, envelope: string): void {
  if (c.storage === 'text') row[c.column] = envelope;
  else if (c.storage === 'bytea') row[c.column] = `\\x${Buffer.from(envelope, 'utf8').toString('hex')}`;
  else row[c.column] = { ...(row[c.column] as Record<string, unknown>), [c.storage.jsonField]: envelope };
}

async function json(db: DbOrTx, table: string, where: string, ids: string[]): Promise<Row[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ j: Row }>(db, sql`select row_to_json(t) as j from ${sql.raw(`"${table}"`)} t where ${sql.raw(where)} = any(${`{${ids.join(',')}}`}::text[])`);
  return rows.map((r) => (typeof r.j === 'string' ? (JSON.parse(r.j) as Row) : r.j));
}

/** Every row a story made, found from its referral. */
async function captureStory(db: Db, vault: Vault, spec: StorySpec, referralId: string, auditFrom: number, staffIds: Set<string>): Promise<Template> {
  const rows: { table: Table; row: Row }[] = [];
  const add = (table: Table, list: Row[]) => list.forEach((row) => rows.push({ table, row }));
  const [referral] = await json(db, 'referrals', 'id::text', [referralId]);
  if (!referral) throw new Error('bench generate: the template referral is missing');
  add('referrals', [referral]);
  const children = await json(db, 'referral_children', 'referral_id::text', [referralId]);
  add('referral_children', children);
  const caseRows = await json(db, 'cases', 'idempotency_key', [`bench-case-${referralId}`]);
  const caseIds = caseRows.map((c) => c['id'] as string);
  const personIds = [...children.map((c) => c['person_id'] as string), ...caseRows.map((c) => c['person_id'] as string)];
  add('people', await json(db, 'people', 'id::text', personIds));
  add('cases', caseRows);
  const consultRows = await json(db, 'consults', 'subject_id::text', [referralId, ...caseIds]);
  const consultIds = consultRows.map((c) => c['id'] as string);
  add('consults', consultRows);
  add('case_allegations', await json(db, 'case_allegations', 'case_id::text', caseIds));
  add('case_notices', await json(db, 'case_notices', 'case_id::text', caseIds));
  add('referral_notices', await json(db, 'referral_notices', 'referral_id::text', [referralId]));
  const subjects = [referralId, ...caseIds, ...consultIds, ...personIds];
  add('documents', await json(db, 'documents', 'record_id', subjects));
  add('outbox_messages', await json(db, 'outbox_messages', 'record_id', subjects));
  const duties = await json(db, 'obligations', 'subject_id::text', subjects);
  add('obligations', duties);
  add('obligation_events', await json(db, 'obligation_events', 'obligation_id::text', duties.map((d) => d['id'] as string)));
  add('assignments', await json(db, 'assignments', 'record_id::text', subjects));
  const audit = await queryRows<{ j: Row }>(db, sql`select row_to_json(t) as j from audit_events t where id > ${auditFrom} and action <> ${keyedMarkerAction} order by id`);
  add('audit_events', audit.map((r) => (typeof r.j === 'string' ? (JSON.parse(r.j) as Row) : r.j)));

  const owned = new Set<string>();
  for (const { row } of rows) if (typeof row['id'] === 'string') owned.add(row['id']);
  for (const { table, row } of rows) if (table === 'person_match_keys') owned.add(row['person_id'] as string);
  const staff = new Set<string>();
  const numbers: Template['numbers'] = [];
  const out: TemplateRow[] = [];
  for (const { table, row } of rows) {
    for (const m of JSON.stringify(row).matchAll(uuidRe)) if (staffIds.has(m[0])) staff.add(m[0]);
    if (table === 'referrals') numbers.push({ value: row['number'] as string, seq: 'referral_number_seq' });
    if (table === 'cases') numbers.push({ value: row['number'] as string, seq: 'case_number_seq' });
    if (table === 'consults') numbers.push({ value: row['number'] as string, seq: 'consult_number_seq' });
    const sealed: SealedValue[] = [];
    for (const c of sealedOf(table)) {
      const envelope = envelopeOf(c, row);
      if (envelope === null) continue;
      sealed.push({ column: c, plaintext: vault.open(envelope, sealContext(c, row['id'] as string)) });
      putEnvelope(c, row, '');
    }
    // The blind indexes are computed again from each copy's child.
    if (table !== 'person_match_keys') out.push({ table, row, sealed });
  }
  const anchor = new Date((referral['submitted_at'] ?? referral['created_at']) as string).getTime();
  return {
    spec,
    anchor,
    rows: out,
    owned: [...owned],
    staff: [...staff],
    numbers,
    childIndex: new Map(children.map((c) => [c['person_id'] as string, c['child_index'] as number])),
  };
}

/** Timestamp columns of each history table (shifted in every copy). */
async function timestampColumns(db: Db): Promise<Map<string, string[]>> {
  const rows = await queryRows<{ t: string; c: string }>(
    db,
    sql`select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema() and data_type = 'timestamp with time zone'`,
  );
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.t, [...(map.get(r.t) ?? []), r.c]);
  return map;
}

/** The mix of a history: which story each referral follows, by its age. */
export function storyFor(rand: () => number, ageMs: number): { kind: Kind; fate: Fate } {
  const r = rand();
  // About one referral in eight has human-trafficking characteristics; a few percent are evident.
  const kind: Kind = r < 0.04 ? 'ht_evident' : r < 0.13 ? 'ht_suspected' : 'other';
  if (ageMs < 2 * dayMs) return { kind, fate: kind === 'other' && rand() < 0.1 ? 'draft' : 'submitted' };
  if (kind === 'ht_evident') return { kind, fate: 'accepted' };
  if (kind === 'ht_suspected') return { kind, fate: rand() < 0.85 ? 'accepted' : 'not_accepted' };
  return { kind, fate: rand() < 0.6 ? 'accepted' : 'not_accepted' };
}

const specs: StorySpec[] = [];
const towns = ['Hartford', 'New Haven', 'Norwich'];
for (const town of towns) {
  for (const [kind, fates] of [
    ['other', ['draft', 'submitted', 'accepted', 'not_accepted']],
    ['ht_suspected', ['submitted', 'accepted', 'not_accepted']],
    ['ht_evident', ['submitted', 'accepted']],
  ] as const) {
    for (const fate of fates) specs.push({ kind, fate, town });
  }
}

/** Whether this database is a bench or demo one (the demo agency's sign-ins are in it). */
export async function isBenchDatabase(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from users where username like 'demo.%'`);
  return Number(row?.n ?? 0) > 0;
}

/** Staff by id, and pools of staff of the same office and roles. */
interface StaffBook {
  byId: Map<string, StaffInfo>;
  pools: Map<string, StaffInfo[]>;
}

async function loadStaff(db: DbOrTx): Promise<StaffBook> {
  const staffRows = await queryRows<{ id: string; username: string; roles: string; office_code: string; office_id: string }>(
    db,
    sql`select u.id::text as id, u.username, string_agg(r.role, ',' order by r.role) as roles, o.code as office_code, o.id::text as office_id
        from users u join user_roles r on r.user_id = u.id join offices o on o.id = u.office_id where u.disabled_at is null group by u.id, o.code, o.id`,
  );
  const byId = new Map<string, StaffInfo>(staffRows.map((s) => [s.id, { id: s.id, username: s.username, roles: s.roles, officeCode: s.office_code, pool: `${s.office_id}|${s.roles}` }]));
  const pools = new Map<string, StaffInfo[]>();
  for (const s of byId.values()) pools.set(s.pool, [...(pools.get(s.pool) ?? []), s]);
  return { byId, pools };
}

/** Rows of copies waiting to be written, one statement per table. */
export class Batch {
  readonly tables = new Map<Table, Row[]>(historyTables.map((t) => [t, []]));
  readonly audits: Row[] = [];
  readonly numbers: { seq: Template['numbers'][number]['seq']; year: number; template: string; set: (n: string) => void }[] = [];
  size = 0;
  push(table: Table, row: Row) {
    if (table === 'audit_events') this.audits.push(row);
    else this.tables.get(table)!.push(row);
    this.size++;
  }
}

/**
 * Copies of template stories: fresh ids, numbers, times, staff and children; every sealed value
 * sealed again for its new row; written with multi-row statements and the audit chain continued.
 */
export class HistoryCopier {
  private constructor(
    private readonly vault: Vault,
    private readonly staff: StaffBook,
    private readonly stamps: Map<string, string[]>,
    private readonly now: Date,
    private readonly rand: () => number,
  ) {}

  static async open(db: Db, vault: Vault, opts: { now: Date; seed: number }): Promise<HistoryCopier> {
    return new HistoryCopier(vault, await loadStaff(db), await timestampColumns(db), opts.now, random(opts.seed));
  }

  /** Every row of one referral's story (the referral, its children, notices, duties, ...; audit rows after `auditFrom`). */
  async capture(db: Db, spec: StorySpec, referralId: string, auditFrom: number): Promise<Template> {
    return captureStory(db, this.vault, spec, referralId, auditFrom, new Set(this.staff.byId.keys()));
  }

  /** Adds one copy of `t` happening at `target` to the batch. */
  copyInto(batch: Batch, t: Template, target: number, opts: { otherStaff?: boolean } = {}): void {
    const { vault, rand, now } = this;
    const delta = target - t.anchor;
    const old = now.getTime() - target > 30 * dayMs;
    const ids = new Map<string, string>();
    for (const id of t.owned) ids.set(id, randomUUID());
    if (opts.otherStaff !== false) {
      for (const id of t.staff) {
        const s = this.staff.byId.get(id);
        const pool = s ? this.staff.pools.get(s.pool) : undefined;
        if (pool && pool.length > 1) ids.set(id, pickOf(rand, pool).id);
      }
    }
    const remap = (text: string) => text.replace(uuidRe, (m) => ids.get(m) ?? m);
    const year = new Date(target).getUTCFullYear();
    const identities = new Map<string, Identity>();
    const rowsOut: { table: Table; row: Row; sealed: SealedValue[] }[] = [];
    for (const tr of t.rows) {
      const row = JSON.parse(remap(JSON.stringify(tr.row))) as Row;
      for (const c of this.stamps.get(tr.table) ?? []) {
        const v = row[c];
        if (typeof v === 'string') row[c] = new Date(new Date(v).getTime() + delta).toISOString();
      }
      rowsOut.push({ table: tr.table, row, sealed: tr.sealed });
      if (tr.table === 'people') {
        // The copy's child: a new synthetic identity.
        identities.set(row['id'] as string, {
          firstName: pickOf(rand, givenNames),
          lastName: rand() < 0.5 ? pickOf(rand, surnames) : `${pickOf(rand, surnames)}-${pickOf(rand, surnames)}`,
          aliases: rand() < 0.25 ? [pickOf(rand, givenNames)] : [],
          dateOfBirth: new Date(Date.UTC(year - 11 - Math.floor(rand() * 7), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28))).toISOString().slice(0, 10),
        });
      }
    }
    const byChild = new Map<number, Identity>();
    for (const [templateId, index] of t.childIndex) {
      const identity = identities.get(ids.get(templateId) ?? '');
      if (identity) byChild.set(index, identity);
    }
    for (const { table, row, sealed } of rowsOut) {
      const id = row['id'] as string;
      for (const s of sealed) {
        if (table === 'people' && s.column.column === 'identity') {
          putEnvelope(s.column, row, sealIdentity(vault, id, identities.get(id)!));
          continue;
        }
        let plain = remap(s.plaintext);
        if (table === 'referrals' && s.column.column === 'draft_sealed') {
          const draft = JSON.parse(plain) as { receivedAt?: string; children?: Record<string, unknown>[] };
          if (draft.receivedAt) draft.receivedAt = new Date(new Date(draft.receivedAt).getTime() + delta).toISOString();
          draft.children?.forEach((c, i) => {
            const who = byChild.get(i);
            if (who) Object.assign(c, { firstName: who.firstName, lastName: who.lastName, aliases: who.aliases, dateOfBirth: who.dateOfBirth });
          });
          plain = JSON.stringify(draft);
        }
        putEnvelope(s.column, row, vault.seal(plain, sealContext(s.column, id)));
      }
      if (table === 'people') {
        for (const k of matchKeyRows(vault, id, identities.get(id)!, (row['town_name'] as string | null) ?? null)) batch.push('person_match_keys', { person_id: k.personId, kind: k.kind, hash: k.hash });
      }
      if (table === 'outbox_messages') this.settleMessage(row, target);
      if (table === 'obligations') this.settleDuty(row, old, target);
      if (table === 'audit_events') {
        const who = this.staff.byId.get((row['user_id'] as string | null) ?? '');
        if (who) Object.assign(row, { username: who.username, roles: who.roles, office_code: who.officeCode });
      }
      batch.push(table, row);
    }
    // Numbers are drawn from the sequences when the batch is written; every text naming one is patched then.
    for (const n of t.numbers) {
      batch.numbers.push({ seq: n.seq, year, template: n.value, set: (value) => rowsOut.forEach(({ row }) => replaceNumber(row, n.value, value)) });
    }
  }

  /** Writes a batch in one transaction: one statement per table, then the audit rows on the chain's head under its lock. */
  async write(db: Db, batch: Batch, batchRows = 4000): Promise<void> {
    const key = currentAuditKey();
    await db.transaction(async (tx) => {
      // Numbers from the application's own sequences, so the next real one follows them.
      for (const seq of ['referral_number_seq', 'case_number_seq', 'consult_number_seq'] as const) {
        const wanted = batch.numbers.filter((n) => n.seq === seq);
        if (wanted.length === 0) continue;
        const got = await queryRows<{ n: string | number }>(tx, sql`select nextval(${seq}::regclass) as n from generate_series(1, ${wanted.length})`);
        wanted.forEach((w, i) => w.set(w.template.replace(/\d{4}-(\d+)$/, (_m, digits: string) => `${w.year}-${String(got[i]!.n).padStart(digits.length, '0')}`)));
      }
      for (const table of historyTables) {
        const list = batch.tables.get(table)!;
        for (let i = 0; i < list.length; i += batchRows) {
          await tx.execute(sql`insert into ${sql.raw(`"${table}"`)} select * from json_populate_recordset(null::${sql.raw(`"${table}"`)}, ${JSON.stringify(list.slice(i, i + batchRows))}::json)`);
        }
      }
      if (batch.audits.length === 0) return;
      // The chain, continued from its head under the writers' lock (audit/writer.ts).
      await tx.execute(sql`select pg_advisory_xact_lock(727001)`);
      const [h] = await queryRows<{ id: string | number; hash: string }>(tx, sql`select id, hash from audit_events order by id desc limit 1`);
      if (!h) throw new Error('bench generate: the audit chain has no head (seed the database first)');
      let lastId = Number(h.id);
      let prev = h.hash;
      for (const a of batch.audits) {
        a['id'] = ++lastId;
        const content: AuditContent = {
          id: lastId,
          occurredAt: new Date(a['occurred_at'] as string),
          userId: (a['user_id'] as string | null) ?? null,
          username: (a['username'] as string | null) ?? null,
          roles: (a['roles'] as string | null) ?? null,
          officeCode: (a['office_code'] as string | null) ?? null,
          action: a['action'] as string,
          recordType: (a['record_type'] as string | null) ?? null,
          recordId: (a['record_id'] as string | null) ?? null,
          outcome: a['outcome'] as string,
          requestId: (a['request_id'] as string | null) ?? null,
          clientAddress: (a['client_address'] as string | null) ?? null,
          detail: (a['detail'] as Record<string, unknown> | null) ?? null,
        };
        a['prev_hash'] = prev;
        a['hash'] = auditHash(content, prev, key);
        prev = a['hash'] as string;
      }
      for (let i = 0; i < batch.audits.length; i += batchRows) {
        await tx.execute(sql`insert into audit_events select * from json_populate_recordset(null::audit_events, ${JSON.stringify(batch.audits.slice(i, i + batchRows))}::json)`);
      }
    });
  }

  private settleMessage(row: Row, target: number) {
    const { rand, now } = this;
    const created = new Date(row['created_at'] as string).getTime();
    const r = rand();
    const sentAt = new Date(created + 60_000 + Math.floor(rand() * 120_000)).toISOString();
    Object.assign(row, { ack_token_hash: null, ack_token_sealed: null, ack_expires_at: null, next_attempt_at: null });
    if (r < 0.015) {
      Object.assign(row, { status: 'failed', attempts: 8, last_attempt_at: sentAt, last_error: '550 5.1.1', escalated_at: sentAt, sent_at: null });
    } else if (r < 0.35 && now.getTime() - target > dayMs) {
      Object.assign(row, { status: 'acknowledged', attempts: 1, last_attempt_at: sentAt, sent_at: sentAt, acknowledged_at: new Date(created + 4 * 3_600_000).toISOString(), last_error: null });
    } else {
      Object.assign(row, { status: 'sent', attempts: 1, last_attempt_at: sentAt, sent_at: sentAt, last_error: null });
    }
    row['updated_at'] = row['last_attempt_at'];
  }

  private settleDuty(row: Row, old: boolean, target: number) {
    const state = row['state'] as string;
    if (state !== 'open' && state !== 'overdue') return;
    const due = new Date(row['due_at'] as string).getTime();
    if (old) {
      // A month back and more: the duty was done, mostly on time.
      const at = new Date(Math.min(due, target + 20 * dayMs) - 3_600_000 * (1 + Math.floor(this.rand() * 20)));
      const resolution = { outcome: 'Done (synthetic history).', who: 'Synthetic history', when: at.toISOString() };
      Object.assign(row, {
        state: 'done',
        resolved_at: at.toISOString(),
        resolved_by: row['owner_user_id'] ?? null,
        resolution_sealed: this.vault.sealJson(resolution, { table: 'obligations', column: 'resolution', rowId: row['id'] as string }),
        next_check_at: null,
        updated_at: at.toISOString(),
      });
    } else if (due < this.now.getTime()) {
      Object.assign(row, { state: 'overdue', overdue_at: new Date(due).toISOString() });
    }
  }
}

export async function generateHistory(database: Database, vault: Vault, config: Config, opts: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const db = database.db;
  // The template stories go through the services, on the database's own data layer.
  const data = dataLayer(database);
  const now = opts.now ?? new Date();
  const seed = opts.seed ?? 11_2026;
  const rand = random(seed + 1);
  const batchRows = opts.batchRows ?? 4000;
  const copier = await HistoryCopier.open(db, vault, { now, seed });

  // 1. The templates, through the services, a month back (they stay in the history as they are).
  const templates = new Map<string, Template[]>();
  for (const [i, spec] of specs.entries()) {
    const [head] = await queryRows<{ id: string | number | null }>(db, sql`select max(id) as id from audit_events`);
    const start = new Date(now.getTime() - 30 * dayMs + i * 3_600_000);
    const referralId = await runStory(db, data, vault, config, spec, start, i);
    const t = await copier.capture(db, spec, referralId, Number(head?.id ?? 0));
    const k = `${spec.kind}|${spec.fate}`;
    templates.set(k, [...(templates.get(k) ?? []), t]);
  }

  // 2. The copies, oldest first, in batches.
  const span = Math.min(10 * yearMs, Math.max(30 * dayMs, (opts.referrals / 50_000) * yearMs));
  const counts: Record<string, number> = Object.fromEntries(historyTables.map((t) => [t, 0]));
  let batch = new Batch();
  let done = 0;
  const flush = async () => {
    if (batch.size === 0) return;
    const b = batch;
    batch = new Batch();
    await copier.write(db, b, batchRows);
    for (const [t, list] of b.tables) counts[t]! += list.length;
    counts['audit_events']! += b.audits.length;
    opts.progress?.(done, opts.referrals, Object.values(counts).reduce((x, y) => x + y, 0));
  };
  for (let i = 0; i < opts.referrals; i++) {
    const target = now.getTime() - span + ((i + rand()) / opts.referrals) * span;
    const { kind, fate } = storyFor(rand, now.getTime() - target);
    copier.copyInto(batch, pickOf(rand, templates.get(`${kind}|${fate}`)!), target);
    done++;
    if (batch.size >= batchRows) await flush();
  }
  await flush();
  return { referrals: opts.referrals, rows: counts, templates: specs.length, seconds: (Date.now() - started) / 1000 };
}

/** Replaces a template's number in every text field of a row (its own, a subject, a file name, an audit detail). */
function replaceNumber(row: Row, from: string, to: string): void {
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'string' && v.includes(from)) row[k] = v.split(from).join(to);
    else if (v && typeof v === 'object') {
      const text = JSON.stringify(v);
      if (text.includes(from)) row[k] = JSON.parse(text.split(from).join(to)) as unknown;
    }
  }
}

/** A digest of a history's proportions (for the generator's report and its test). */
export async function historyCounts(db: DbOrTx): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of historyTables) {
    const [r] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from ${sql.raw(`"${t}"`)}`);
    out[t] = Number(r?.n ?? 0);
  }
  const [ht] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from referrals where ht_characteristics`);
  out['referrals_ht'] = Number(ht?.n ?? 0);
  return out;
}


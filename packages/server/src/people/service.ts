import { normalizeName } from '@harbor/policy';
import type { CreatePersonBody, Page, PersonListQuery, PersonView, UpdatePersonBody } from '@harbor/policy/api';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AuthUser } from '../access/index.js';
import type { Vault } from '../crypto/index.js';
import { afterCursor, orderOf, pageFrom, sortKey, type Unit, type UnitDb, type UserRepository } from '../data/index.js';
import { offices, people, personMatchKeys, towns } from '../db/schema.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { matchKeyRows, openIdentity, sealIdentity, writeMatchKeys, type Identity } from './identity.js';

/**
 * People's records are read only through the caller's repository (data/): each query carries the
 * caller's scope (`scopeFor(user, 'person')`; CF-1: HART liaisons and leads reach a person only
 * through their HT work), so a record outside it is "not found", and each read or write is audited
 * in the same transaction. Names, aliases and dates of birth are stored sealed; views open them.
 */
const recordType = 'person';

const columns = {
  id: people.id,
  kind: people.kind,
  identity: people.identity,
  gender: people.gender,
  townName: people.townName,
  officeId: people.officeId,
  officeCode: offices.code,
  createdAt: people.createdAt,
  version: people.version,
};

type Row = { id: string; kind: string; identity: string; gender: string; townName: string | null; officeId: string; officeCode: string; createdAt: Date; version: number };
const toView = (vault: Vault, { identity, ...r }: Row): PersonView => ({
  ...r,
  ...openIdentity(vault, r.id, identity),
  kind: r.kind as PersonView['kind'],
  gender: r.gender as PersonView['gender'],
  createdAt: r.createdAt.toISOString(),
});

/** A person within the unit's reach, as shown (audited as read unless the unit names it itself). */
async function findInScope(u: Unit, vault: Vault, id: string): Promise<PersonView | null> {
  const [row] = await u.db
    .select(columns)
    .from(people)
    .innerJoin(offices, eq(offices.id, people.officeId))
    .where(and(eq(people.id, id), u.scope('person')))
    .limit(1);
  if (!row) return null;
  u.read('person', id);
  return toView(vault, row);
}

/** Newest first, then by id: the keys a page's cursor holds (index people_office_created). */
const listKeys = [sortKey<Row>(people.createdAt, 'desc', 'date', (r) => r.createdAt), sortKey<Row>(people.id, 'desc', 'text', (r) => r.id)];

/**
 * The name keys a search looks up (people/identity.ts): the words as typed ("Maria", "Maria
 * Lopez" is the first-and-last key), and "Lopez, Maria" turned round. Never stored or logged.
 */
function searchKeys(q: string): string[] {
  const keys = [normalizeName(q)];
  const comma = q.indexOf(',');
  if (comma > 0) keys.push(normalizeName(q.slice(comma + 1)) + normalizeName(q.slice(0, comma)));
  const found = [...new Set(keys.filter((k) => k !== ''))];
  if (found.length === 0) throw badRequest('q', 'Search by a name: type letters, not only digits or punctuation');
  return found;
}

/** The people whose name or alias is one of the keys (index person_match_keys_lookup_idx). */
function named(vault: Vault, q: string): SQL {
  const hashes = searchKeys(q).flatMap((k) => (['name', 'alias'] as const).map((kind) => vault.index(kind, k)));
  return inArray(people.id, sql`(select ${personMatchKeys.personId} from ${personMatchKeys} where ${personMatchKeys.kind} in ('name', 'alias') and ${inArray(personMatchKeys.hash, hashes)})`);
}

export async function listPeople(repo: UserRepository, vault: Vault, q: PersonListQuery): Promise<Page<PersonView>> {
  return repo.unit(async (u) => {
    const rows = await u.db
      .select(columns)
      .from(people)
      .innerJoin(offices, eq(offices.id, people.officeId))
      .where(and(u.scope('person'), q.kind ? eq(people.kind, q.kind) : undefined, q.q ? named(vault, q.q) : undefined, afterCursor(listKeys, q.cursor)))
      .orderBy(...orderOf(listKeys))
      .limit(q.limit + 1);
    const page = pageFrom(rows, q.limit, listKeys, (r) => toView(vault, r));
    // The ids shown (merged into this row); that it was a search, never what was searched for.
    u.audit({ action: 'person.list', recordType, detail: { kind: q.kind ?? null, search: q.q !== undefined } });
    u.shown('person', page.items.map((p) => p.id));
    return page;
  });
}

export async function readPerson(repo: UserRepository, vault: Vault, id: string): Promise<PersonView> {
  // Out of scope and missing look the same; the refusal is audited by the guard.
  return repo.unit(async (u) => (await findInScope(u, vault, id)) ?? Promise.reject(notFound('person')));
}

async function checkRefs(tx: UnitDb, user: AuthUser, officeId: string | undefined, townName: string | null | undefined): Promise<void> {
  if (officeId) {
    const [o] = await tx.select({ id: offices.id, regionCode: offices.regionCode }).from(offices).where(eq(offices.id, officeId)).limit(1);
    if (!o) throw badRequest('officeId', 'No such office');
    // A worker may file a record only with an office within their own reach.
    const reachable =
      user.scope === 'statewide' || o.id === user.officeId || (user.scope === 'region' && o.regionCode !== null && o.regionCode === user.regionCode);
    if (!reachable) throw badRequest('officeId', 'You can only file records with your own office');
  }
  if (townName) {
    const [t] = await tx.select({ name: towns.name }).from(towns).where(eq(towns.name, townName)).limit(1);
    if (!t) throw badRequest('townName', 'No such town');
  }
}

export interface NewPerson extends Identity {
  kind: string;
  gender: string;
  townName: string | null;
  officeId: string;
  createdBy: string | null;
  createdAt?: Date;
}

/**
 * Inserts people, sealed, with their blind indexes, in two statements whatever their number (issue
 * 11: one insert of the people, one of all their match keys). Every way a request files a person
 * goes through here (the demo seed writes the same rows with matchKeyRows). Answers the new ids, in order.
 */
export async function insertPeople(tx: UnitDb, vault: Vault, list: readonly NewPerson[]): Promise<string[]> {
  if (list.length === 0) return [];
  const rows = list.map((p) => {
    const id = crypto.randomUUID();
    const { firstName, lastName, aliases, dateOfBirth, createdAt, ...rest } = p;
    const identity = { firstName, lastName, aliases, dateOfBirth };
    const row = { id, ...rest, identity: sealIdentity(vault, id, identity), ...(createdAt ? { createdAt, updatedAt: createdAt } : {}) };
    return { row, keys: matchKeyRows(vault, id, identity, p.townName) };
  });
  await tx.insert(people).values(rows.map((r) => r.row));
  // A new person has no keys yet: nothing to replace, only to add.
  const keys = rows.flatMap((r) => r.keys);
  if (keys.length > 0) await tx.insert(personMatchKeys).values(keys);
  return rows.map((r) => r.row.id);
}

/** Inserts one person (insertPeople of one). */
export async function insertPerson(tx: UnitDb, vault: Vault, p: NewPerson): Promise<string> {
  const [id] = await insertPeople(tx, vault, [p]);
  return id!;
}

export async function createPerson(repo: UserRepository, vault: Vault, body: CreatePersonBody): Promise<PersonView> {
  return repo.unit(async (u) => {
    const { db: tx, user } = u;
    await checkRefs(tx, user, body.officeId, body.townName);
    const id = await insertPerson(tx, vault, { ...body, createdBy: user.id });
    // The creator is assigned, so a worker with 'assigned' reach can open what they filed.
    await tx.execute(sql`insert into assignments (record_type, record_id, user_id) values (${recordType}, ${id}, ${user.id})`);
    u.audit({ action: 'person.create', recordType, recordId: id });
    const [office] = await tx.select({ code: offices.code }).from(offices).where(eq(offices.id, body.officeId));
    const { firstName, lastName, aliases, dateOfBirth } = body;
    return {
      id,
      kind: body.kind,
      firstName,
      lastName,
      aliases,
      dateOfBirth,
      gender: body.gender,
      townName: body.townName,
      officeId: body.officeId,
      officeCode: office?.code ?? '',
      createdAt: new Date().toISOString(),
      version: 1,
    };
  });
}

export async function updatePerson(repo: UserRepository, vault: Vault, id: string, body: UpdatePersonBody): Promise<PersonView> {
  const result = await repo.unit(async (u) => {
    const { db: tx, user } = u;
    const current = await findInScope(u, vault, id);
    if (!current) return null;
    await checkRefs(tx, user, undefined, body.townName);
    const { version, firstName, lastName, aliases, dateOfBirth, ...plain } = body;
    const identity: Identity = {
      firstName: firstName ?? current.firstName,
      lastName: lastName ?? current.lastName,
      aliases: aliases ?? current.aliases,
      dateOfBirth: dateOfBirth === undefined ? current.dateOfBirth : dateOfBirth,
    };
    const townName = plain.townName === undefined ? current.townName : plain.townName;
    const [row] = await tx
      .update(people)
      .set({ ...plain, identity: sealIdentity(vault, id, identity), updatedAt: new Date(), version: sql`${people.version} + 1` })
      .where(and(eq(people.id, id), eq(people.version, version)))
      .returning({ id: people.id });
    if (!row) throw conflict('Someone else changed this record since you opened it. Reload to see their change, then make yours again.');
    await writeMatchKeys(tx, vault, id, identity, townName);
    const { version: _v, ...changes } = body;
    u.audit({ action: 'person.update', recordType, recordId: id, detail: { fields: Object.keys(changes) } });
    return { ...current, ...identity, gender: plain.gender ?? current.gender, townName, version: current.version + 1 };
  });
  if (!result) throw notFound('person');
  return result;
}

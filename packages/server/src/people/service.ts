import type { CreatePersonBody, PersonView, UpdatePersonBody } from '@harbor/policy/api';
import { and, desc, eq, sql } from 'drizzle-orm';
import { personScope, type Actor, type AuthUser } from '../access/index.js';
import { audited, type Audit } from '../audit/index.js';
import type { Vault } from '../crypto/index.js';
import type { Db, DbOrTx, Tx } from '../db/client.js';
import { offices, people, towns } from '../db/schema.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { openIdentity, sealIdentity, writeMatchKeys, type Identity } from './identity.js';

/**
 * People's records are read only through these functions: each query carries the caller's scope
 * (so a record outside it is "not found"), and each read or write appends its audit row in the
 * same transaction. Names, aliases and dates of birth are stored sealed; views open them.
 */
const recordType = 'person';
const listLimit = 200;

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

// CF-1: HART liaisons and leads reach a person only through their HT work (access/personScope).
const inScope = (user: AuthUser) => personScope(user, { officeId: people.officeId, recordId: people.id });

function requireUser(actor: Actor): AuthUser {
  if (!actor.user) throw notFound('person');
  return actor.user;
}

async function findInScope(tx: DbOrTx, vault: Vault, user: AuthUser, id: string): Promise<PersonView | null> {
  const [row] = await tx
    .select(columns)
    .from(people)
    .innerJoin(offices, eq(offices.id, people.officeId))
    .where(and(eq(people.id, id), inScope(user)))
    .limit(1);
  return row ? toView(vault, row) : null;
}

/** By last name, then first name, as compared for people (sorted after opening: the database sees only sealed names). */
const byName = (a: PersonView, b: PersonView) =>
  a.lastName.localeCompare(b.lastName, 'en', { sensitivity: 'base' }) || a.firstName.localeCompare(b.firstName, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id);

export async function listPeople(db: Db, vault: Vault, actor: Actor): Promise<PersonView[]> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const rows = await tx
      .select(columns)
      .from(people)
      .innerJoin(offices, eq(offices.id, people.officeId))
      .where(inScope(user))
      .orderBy(desc(people.createdAt), desc(people.id))
      .limit(listLimit);
    await audit({ action: 'person.list', recordType, detail: { count: rows.length, ids: rows.map((r) => r.id) } });
    return rows.map((r) => toView(vault, r)).sort(byName);
  });
}

export async function readPerson(db: Db, vault: Vault, actor: Actor, id: string): Promise<PersonView> {
  const user = requireUser(actor);
  const person = await audited(db, actor, async (tx, audit) => {
    const found = await findInScope(tx, vault, user, id);
    if (found) await audit({ action: 'person.read', recordType, recordId: id });
    return found;
  });
  // Out of scope and missing look the same; the refusal is audited by the guard.
  if (!person) throw notFound('person');
  return person;
}

async function checkRefs(tx: Tx, user: AuthUser, officeId: string | undefined, townName: string | null | undefined): Promise<void> {
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

/** Inserts a person, sealed, with their blind indexes (every way a person is filed goes through here, the demo seed too). */
export async function insertPerson(tx: DbOrTx, vault: Vault, p: NewPerson): Promise<string> {
  const id = crypto.randomUUID();
  const { firstName, lastName, aliases, dateOfBirth, createdAt, ...rest } = p;
  const identity = { firstName, lastName, aliases, dateOfBirth };
  await tx.insert(people).values({ id, ...rest, identity: sealIdentity(vault, id, identity), ...(createdAt ? { createdAt, updatedAt: createdAt } : {}) });
  await writeMatchKeys(tx, vault, id, identity, p.townName);
  return id;
}

export async function createPerson(db: Db, vault: Vault, actor: Actor, body: CreatePersonBody): Promise<PersonView> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit: Audit) => {
    await checkRefs(tx, user, body.officeId, body.townName);
    const id = await insertPerson(tx, vault, { ...body, createdBy: user.id });
    // The creator is assigned, so a worker with 'assigned' reach can open what they filed.
    await tx.execute(sql`insert into assignments (record_type, record_id, user_id) values (${recordType}, ${id}, ${user.id})`);
    await audit({ action: 'person.create', recordType, recordId: id });
    const view = await findInScope(tx, vault, user, id);
    if (!view) throw new Error('created record not readable');
    return view;
  });
}

export async function updatePerson(db: Db, vault: Vault, actor: Actor, id: string, body: UpdatePersonBody): Promise<PersonView> {
  const user = requireUser(actor);
  const result = await audited(db, actor, async (tx, audit) => {
    const current = await findInScope(tx, vault, user, id);
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
    await audit({ action: 'person.update', recordType, recordId: id, detail: { fields: Object.keys(changes) } });
    return findInScope(tx, vault, user, id);
  });
  if (!result) throw notFound('person');
  return result;
}

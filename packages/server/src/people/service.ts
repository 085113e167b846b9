import type { CreatePersonBody, PersonView, UpdatePersonBody } from '@harbor/policy/api';
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordScope, type Actor, type AuthUser } from '../access/index.js';
import { audited, type Audit } from '../audit/index.js';
import type { Db, Tx } from '../db/client.js';
import { offices, people, towns } from '../db/schema.js';
import { badRequest, conflict, notFound } from '../http/errors.js';

/**
 * People's records are read only through these functions: each query carries the caller's scope
 * (so a record outside it is "not found"), and each read or write appends its audit row in the
 * same transaction.
 */
const recordType = 'person';

const columns = {
  id: people.id,
  kind: people.kind,
  firstName: people.firstName,
  lastName: people.lastName,
  aliases: people.aliases,
  dateOfBirth: people.dateOfBirth,
  gender: people.gender,
  townName: people.townName,
  officeId: people.officeId,
  officeCode: offices.code,
  createdAt: people.createdAt,
  version: people.version,
};

type Row = { kind: string; gender: string; createdAt: Date } & Omit<PersonView, 'kind' | 'gender' | 'createdAt'>;
const toView = (r: Row): PersonView => ({
  ...r,
  kind: r.kind as PersonView['kind'],
  gender: r.gender as PersonView['gender'],
  createdAt: r.createdAt.toISOString(),
});

const inScope = (user: AuthUser) => recordScope(user, { officeId: people.officeId, recordId: people.id }, recordType);

function requireUser(actor: Actor): AuthUser {
  if (!actor.user) throw notFound('person');
  return actor.user;
}

async function findInScope(tx: Tx, user: AuthUser, id: string): Promise<PersonView | null> {
  const [row] = await tx
    .select(columns)
    .from(people)
    .innerJoin(offices, eq(offices.id, people.officeId))
    .where(and(eq(people.id, id), inScope(user)))
    .limit(1);
  return row ? toView(row) : null;
}

export async function listPeople(db: Db, actor: Actor): Promise<PersonView[]> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const rows = await tx
      .select(columns)
      .from(people)
      .innerJoin(offices, eq(offices.id, people.officeId))
      .where(inScope(user))
      .orderBy(asc(people.lastName), asc(people.firstName))
      .limit(200);
    await audit({ action: 'person.list', recordType, detail: { count: rows.length, ids: rows.map((r) => r.id) } });
    return rows.map(toView);
  });
}

export async function readPerson(db: Db, actor: Actor, id: string): Promise<PersonView> {
  const user = requireUser(actor);
  const person = await audited(db, actor, async (tx, audit) => {
    const found = await findInScope(tx, user, id);
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

export async function createPerson(db: Db, actor: Actor, body: CreatePersonBody): Promise<PersonView> {
  const user = requireUser(actor);
  return audited(db, actor, async (tx, audit: Audit) => {
    await checkRefs(tx, user, body.officeId, body.townName);
    const [row] = await tx.insert(people).values({ ...body, createdBy: user.id }).returning({ id: people.id });
    if (!row) throw new Error('insert returned nothing');
    // The creator is assigned, so a worker with 'assigned' reach can open what they filed.
    await tx.execute(sql`insert into assignments (record_type, record_id, user_id) values (${recordType}, ${row.id}, ${user.id})`);
    await audit({ action: 'person.create', recordType, recordId: row.id });
    const view = await findInScope(tx, user, row.id);
    if (!view) throw new Error('created record not readable');
    return view;
  });
}

export async function updatePerson(db: Db, actor: Actor, id: string, body: UpdatePersonBody): Promise<PersonView> {
  const user = requireUser(actor);
  const result = await audited(db, actor, async (tx, audit) => {
    if (!(await findInScope(tx, user, id))) return null;
    await checkRefs(tx, user, undefined, body.townName);
    const { version, ...changes } = body;
    const [row] = await tx
      .update(people)
      .set({ ...changes, updatedAt: new Date(), version: sql`${people.version} + 1` })
      .where(and(eq(people.id, id), eq(people.version, version)))
      .returning({ id: people.id });
    if (!row) throw conflict('Someone else changed this record since you opened it. Reload to see their change, then make yours again.');
    await audit({ action: 'person.update', recordType, recordId: id, detail: { fields: Object.keys(changes) } });
    return findInScope(tx, user, id);
  });
  if (!result) throw notFound('person');
  return result;
}

import { roleDefs, roles } from '@harbor/policy';
import type { CreateOfficeBody, OfficeView, Page, PageQuery, UpdateOfficeBody } from '@harbor/policy/api';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterCursor, orderOf, pageFrom, sortKey, type UnitDb, type UserRepository } from '../data/index.js';
import { offices, regions, towns, userRoles, users } from '../db/schema.js';
import { badRequest, conflict, duplicate, notFound } from '../http/errors.js';

const columns = {
  id: offices.id,
  code: offices.code,
  name: offices.name,
  kind: offices.kind,
  regionCode: offices.regionCode,
  townName: offices.townName,
  phone: offices.phone,
  active: offices.active,
  version: offices.version,
  userCount: sql<number>`(select count(*)::int from users u where u.office_id = ${offices.id} and u.disabled_at is null)`,
};

function toView(row: { kind: string } & Omit<OfficeView, 'kind'>): OfficeView {
  return { ...row, kind: row.kind as OfficeView['kind'], userCount: Number(row.userCount) };
}

type Row = Parameters<typeof toView>[0];
/** By name, then id: the keys a page's cursor holds (the agency has a few dozen offices). */
const listKeys = [sortKey<Row>(offices.name, 'asc', 'text', (r) => r.name), sortKey<Row>(offices.id, 'asc', 'text', (r) => r.id)];

export async function listOffices(repo: UserRepository, q: PageQuery): Promise<Page<OfficeView>> {
  return repo.unit(async (u) => {
    const rows = await u.db.select(columns).from(offices).where(afterCursor(listKeys, q.cursor)).orderBy(...orderOf(listKeys)).limit(q.limit + 1);
    return pageFrom(rows, q.limit, listKeys, toView);
  });
}

export async function readOffice(repo: UserRepository, id: string): Promise<OfficeView> {
  return repo.unit((u) => getOffice(u.db, id));
}

async function getOffice(db: UnitDb, id: string): Promise<OfficeView> {
  const [row] = await db.select(columns).from(offices).where(eq(offices.id, id)).limit(1);
  if (!row) throw notFound('office');
  return toView(row);
}

async function checkReferences(tx: UnitDb, regionCode: string | null | undefined, townName: string | null | undefined) {
  if (regionCode) {
    const [r] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, regionCode)).limit(1);
    if (!r) throw badRequest('regionCode', 'No such region');
  }
  if (townName) {
    const [t] = await tx.select({ name: towns.name }).from(towns).where(eq(towns.name, townName)).limit(1);
    if (!t) throw badRequest('townName', 'No such town');
  }
}

export async function createOffice(repo: UserRepository, body: CreateOfficeBody): Promise<OfficeView> {
  return repo.unit(async (u) => {
    const tx = u.db;
    await checkReferences(tx, body.regionCode, body.townName);
    const [existing] = await tx.select({ id: offices.id }).from(offices).where(eq(offices.code, body.code)).limit(1);
    if (existing) throw duplicate('code', 'An office with this code already exists');
    const [row] = await tx.insert(offices).values(body).returning({ id: offices.id });
    if (!row) throw new Error('insert returned nothing');
    u.audit({ action: 'office.create', recordType: 'office', recordId: row.id, detail: { code: body.code, kind: body.kind } });
    return getOffice(tx, row.id);
  });
}

export async function updateOffice(repo: UserRepository, id: string, body: UpdateOfficeBody): Promise<OfficeView> {
  return repo.unit(async (u) => {
    const tx = u.db;
    await checkReferences(tx, body.regionCode, body.townName);
    const { version, ...changes } = body;
    if (changes.active === false) {
      const [inUse] = await tx.select({ id: users.id }).from(users).where(and(eq(users.officeId, id), sql`${users.disabledAt} is null`)).limit(1);
      if (inUse) throw badRequest('active', 'Move or disable the users of this office before you close it');
    }
    // CF-1: a region-wide role reaches the region of its office; moving the office to another
    // region would widen that reach without the second administrator a move of the person needs.
    if (changes.regionCode !== undefined && changes.regionCode !== (await getOffice(tx, id)).regionCode) {
      const regionWide = roles.filter((r) => roleDefs[r].scope === 'region');
      const [holder] = await tx
        .select({ id: users.id })
        .from(users)
        .innerJoin(userRoles, eq(userRoles.userId, users.id))
        .where(and(eq(users.officeId, id), sql`${users.disabledAt} is null`, inArray(userRoles.role, regionWide)))
        .limit(1);
      if (holder) throw badRequest('regionCode', 'Someone with region-wide reach (a HART Lead) works in this office. Move them to another office first; that waits for a second administrator');
    }
    const [row] = await tx
      .update(offices)
      .set({ ...changes, updatedAt: new Date(), version: sql`${offices.version} + 1` })
      .where(and(eq(offices.id, id), eq(offices.version, version)))
      .returning({ id: offices.id });
    if (!row) {
      await getOffice(tx, id); // 404 if it does not exist
      throw conflict('Someone else changed this office since you opened it. Reload to see their change, then make yours again.');
    }
    u.audit({ action: 'office.update', recordType: 'office', recordId: id, detail: { fields: Object.keys(changes) } });
    return getOffice(tx, id);
  });
}

import type { ApprovalPending, CreateUserBody, Page, ResetPasswordBody, UpdateUserBody, UserListQuery, UserView } from '@harbor/policy/api';
import { inAgencyDomains, isRole, reachGained, wideReach, type AccountReach } from '@harbor/policy';
import { and, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AuthUser } from '../access/index.js';
import { requestApproval, wakeIfPending, type ApprovalContext } from '../approvals/index.js';
import { hashPassword } from '../auth/index.js';
import { deleteSessionsOfUser } from '../auth/index.js';
import { clearThrottle, throttleKey } from '../auth/index.js';
import { afterCursor, orderOf, pageFrom, sortKey, type Repository, type Unit, type UnitDb, type UserRepository } from '../data/index.js';
import { offices, signInThrottle, userRoles, users } from '../db/schema.js';
import { badRequest, conflict, duplicate, notFound } from '../http/errors.js';

/** Staff accounts are not child records: administrators (user.read) see every one. Changes come from a signed-in administrator or the command line. */
type AdminRepository = Repository<AuthUser | null>;
type AdminUnit = Unit<AuthUser | null>;

const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  email: users.email,
  officeId: users.officeId,
  officeCode: offices.code,
  officeName: offices.name,
  mustChangePassword: users.mustChangePassword,
  version: users.version,
  disabledAt: users.disabledAt,
  lastSignInAt: users.lastSignInAt,
};
type Row = { id: string; username: string; displayName: string; email: string | null; officeId: string; officeCode: string; officeName: string; mustChangePassword: boolean; version: number; disabledAt: Date | null; lastSignInAt: Date | null };

/** By name, then id: the keys a page's cursor holds (indexes users_name_idx, users_office_name_idx). */
const listKeys = [sortKey<Row>(users.displayName, 'asc', 'text', (r) => r.displayName), sortKey<Row>(users.id, 'asc', 'text', (r) => r.id)];

/** The views of some account rows: their roles, and whether sign-in is locked for them now. */
async function viewsOf(db: UnitDb, rows: Row[], now: Date): Promise<UserView[]> {
  if (rows.length === 0) return [];
  const roleRows = await db.select().from(userRoles).where(inArray(userRoles.userId, rows.map((r) => r.id)));
  const rolesOf = new Map<string, string[]>();
  for (const r of roleRows) rolesOf.set(r.userId, [...(rolesOf.get(r.userId) ?? []), r.role]);
  const keys = rows.map((r) => throttleKey(r.username));
  const lockedRows = await db.select({ key: signInThrottle.keyHash }).from(signInThrottle).where(and(inArray(signInThrottle.keyHash, keys), gt(signInThrottle.lockedUntil, now)));
  const locked = new Set(lockedRows.map((r) => r.key));
  return rows.map(({ disabledAt, lastSignInAt, ...r }) => ({
    ...r,
    roles: (rolesOf.get(r.id) ?? []).filter(isRole).sort(),
    disabled: disabledAt != null,
    lastSignInAt: lastSignInAt?.toISOString() ?? null,
    locked: locked.has(throttleKey(r.username)),
  }));
}

/** Staff accounts by name, a page at a time, filtered by name, office and role. */
export async function listUsers(repo: UserRepository, filter: UserListQuery, now: Date): Promise<Page<UserView>> {
  const conds: (SQL | undefined)[] = [];
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like)));
  }
  if (filter.officeId) conds.push(eq(users.officeId, filter.officeId));
  if (filter.role) conds.push(sql`exists (select 1 from user_roles r where r.user_id = ${users.id} and r.role = ${filter.role})`);
  return repo.unit(async (u) => {
    const rows = await u.db
      .select(columns)
      .from(users)
      .innerJoin(offices, eq(offices.id, users.officeId))
      .where(and(...conds, afterCursor(listKeys, filter.cursor)))
      .orderBy(...orderOf(listKeys))
      .limit(filter.limit + 1);
    const page = pageFrom(rows, filter.limit, listKeys);
    return { items: await viewsOf(u.db, page.items, now), nextCursor: page.nextCursor };
  });
}

async function findUser(db: UnitDb, id: string, now: Date): Promise<UserView> {
  const rows = await db.select(columns).from(users).innerJoin(offices, eq(offices.id, users.officeId)).where(eq(users.id, id)).limit(1);
  const [view] = await viewsOf(db, rows, now);
  if (!view) throw notFound('user');
  return view;
}

export async function getUser(repo: UserRepository, id: string, now: Date): Promise<UserView> {
  return repo.unit((u) => findUser(u.db, id, now));
}

/** Answers the office's region and code (a region-wide role's reach follows the office). */
async function checkOffice(tx: UnitDb, officeId: string): Promise<{ regionCode: string | null; code: string }> {
  const [o] = await tx.select({ active: offices.active, regionCode: offices.regionCode, code: offices.code }).from(offices).where(eq(offices.id, officeId)).limit(1);
  if (!o) throw badRequest('officeId', 'No such office');
  if (!o.active) throw badRequest('officeId', 'This office is closed');
  return o;
}

/** CF-1: staff addresses receive duty reminders and escalations; they stay in the agency's own mail domains. */
function checkEmail(email: string | null | undefined, ctx: ApprovalContext): void {
  if (email && !inAgencyDomains(email, ctx.config.agencyMailDomains)) {
    throw badRequest('email', `Use an address in the agency’s mail domain (${ctx.config.agencyMailDomains.join(', ')})`);
  }
}

/** The unit's audit, as the approval module takes it. */
const auditOf = (u: AdminUnit) => (entry: Parameters<AdminUnit['audit']>[0]) => u.audit(entry);

const userLabel = (u: { username: string; displayName: string }) => `${u.username} (${u.displayName})`;

/**
 * An administrative change: a new staff account. The user must choose a new password at first
 * sign-in. CF-1: an account with reach to children's records beyond one office waits for a second
 * administrator (a system actor, the command line, creates it at once).
 */
export async function createUser(repo: AdminRepository, body: CreateUserBody, ctx: ApprovalContext, mustChange = true): Promise<UserView | ApprovalPending> {
  const now = ctx.now;
  checkEmail(body.email, ctx);
  const passwordHash = await hashPassword(body.password);
  const answer = await repo.unit(async (u) => {
    const tx = u.db;
    const actor = u.actor;
    const audit = auditOf(u);
    const office = await checkOffice(tx, body.officeId);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, body.username)).limit(1);
    if (existing) throw duplicate('username', 'This username is taken');
    const gained = reachGained(null, { roles: body.roles, regionCode: office.regionCode, enabled: true });
    if (actor.user && gained.length > 0) {
      return requestApproval(
        tx,
        actor,
        audit,
        {
          targetType: 'user',
          targetId: null,
          targetKey: `username:${body.username.toLowerCase()}`,
          targetLabel: userLabel(body),
          targetVersion: null,
          change: { kind: 'user.create', username: body.username, displayName: body.displayName, email: body.email, roles: [...body.roles], officeId: body.officeId, passwordHash },
          changes: [
            { field: 'roles', from: null, to: [...body.roles].sort().join(', ') },
            { field: 'office', from: null, to: office.code },
          ],
          reachGained: gained,
        },
        ctx,
      );
    }
    const [row] = await tx
      .insert(users)
      .values({ username: body.username, displayName: body.displayName, email: body.email, passwordHash, officeId: body.officeId, mustChangePassword: mustChange })
      .returning({ id: users.id });
    if (!row) throw new Error('insert returned nothing');
    await tx.insert(userRoles).values(body.roles.map((role) => ({ userId: row.id, role })));
    audit({ action: 'user.create', recordType: 'user', recordId: row.id, detail: { roles: body.roles, officeId: body.officeId } });
    return findUser(tx, row.id, now);
  });
  return wakeIfPending(answer);
}

/** What an account reaches now (CF-1), and what approval compares against. */
async function currentReach(tx: UnitDb, id: string, now: Date): Promise<{ user: UserView; reach: AccountReach }> {
  const user = await findUser(tx, id, now);
  const [o] = await tx.select({ regionCode: offices.regionCode }).from(offices).where(eq(offices.id, user.officeId)).limit(1);
  return { user, reach: { roles: user.roles, regionCode: o?.regionCode ?? null, enabled: !user.disabled } };
}

/**
 * CF-1: a change that gives the account reach to children's records beyond one office (a role, a
 * move to an office of another region, enabling a disabled account that holds one) waits, whole,
 * for a second administrator; every other change is made at once.
 */
export async function updateUser(repo: AdminRepository, id: string, body: UpdateUserBody, ctx: ApprovalContext): Promise<UserView | ApprovalPending> {
  const now = ctx.now;
  checkEmail(body.email, ctx);
  const answer = await repo.unit(async (u) => {
    const tx = u.db;
    const actor = u.actor;
    const audit = auditOf(u);
    const { version, roles, disabled, ...changes } = body;
    const newOffice = changes.officeId ? await checkOffice(tx, changes.officeId) : null;
    // Separation of duties: nobody changes their own roles (an administrator could otherwise
    // give themselves a role that reads children's records) or disables themselves.
    if (actor.user?.id === id && disabled === true) throw badRequest('disabled', 'You cannot disable your own account');
    if (actor.user?.id === id && roles) throw badRequest('roles', 'You cannot change your own roles; ask another administrator');
    const { user: before, reach } = await currentReach(tx, id, now);
    const after: AccountReach = {
      roles: roles ?? reach.roles,
      regionCode: newOffice ? newOffice.regionCode : reach.regionCode,
      enabled: disabled === undefined ? reach.enabled : !disabled,
    };
    const gained = reachGained(reach, after);
    if (actor.user && gained.length > 0) {
      if (before.version !== version) throw conflict('Someone else changed this user since you opened it. Reload to see their change, then make yours again.');
      const fieldsChanged = [
        ...(roles ? [{ field: 'roles', from: before.roles.join(', '), to: [...roles].sort().join(', ') }] : []),
        ...(newOffice ? [{ field: 'office', from: before.officeCode, to: newOffice.code }] : []),
        ...(disabled !== undefined ? [{ field: 'access', from: before.disabled ? 'disabled' : 'enabled', to: disabled ? 'disabled' : 'enabled' }] : []),
        ...(changes.displayName !== undefined ? [{ field: 'displayName', from: before.displayName, to: changes.displayName }] : []),
        ...(changes.email !== undefined ? [{ field: 'email', from: before.email, to: changes.email }] : []),
      ];
      return requestApproval(
        tx,
        actor,
        audit,
        {
          targetType: 'user',
          targetId: id,
          targetKey: `user:${id}`,
          targetLabel: userLabel(before),
          targetVersion: version,
          change: { kind: 'user.update', set: { ...changes, ...(disabled !== undefined ? { disabled } : {}) }, ...(roles ? { roles: [...roles] } : {}) },
          changes: fieldsChanged,
          reachGained: gained,
        },
        ctx,
      );
    }
    const set: Partial<typeof users.$inferInsert> = { ...changes, updatedAt: now };
    if (disabled !== undefined) set.disabledAt = disabled ? now : null;
    const [row] = await tx
      .update(users)
      .set({ ...set, version: sql`${users.version} + 1` })
      .where(and(eq(users.id, id), eq(users.version, version)))
      .returning({ id: users.id });
    if (!row) {
      await findUser(tx, id, now);
      throw conflict('Someone else changed this user since you opened it. Reload to see their change, then make yours again.');
    }
    if (roles) {
      await tx.delete(userRoles).where(eq(userRoles.userId, id));
      await tx.insert(userRoles).values(roles.map((role) => ({ userId: id, role })));
    }
    // Disabling, or changing what someone may do, ends their sessions at once.
    if (disabled === true || roles || changes.officeId) await deleteSessionsOfUser(tx, id);
    audit({
      action: disabled === true ? 'user.disable' : disabled === false ? 'user.enable' : 'user.update',
      recordType: 'user',
      recordId: id,
      detail: { fields: Object.keys(body).filter((k) => k !== 'version'), ...(roles ? { roles } : {}) },
    });
    return findUser(tx, id, now);
  });
  return wakeIfPending(answer);
}

/**
 * Sets a temporary password, unlocks the account and ends its sessions; the user must change it.
 * CF-1: whoever sets it can sign in as the account, so for an account with reach beyond one office
 * it waits for a second administrator.
 */
export async function resetPassword(repo: AdminRepository, id: string, body: ResetPasswordBody, ctx: ApprovalContext): Promise<UserView | ApprovalPending> {
  const now = ctx.now;
  const passwordHash = await hashPassword(body.password);
  const answer = await repo.unit(async (u) => {
    const tx = u.db;
    const actor = u.actor;
    const audit = auditOf(u);
    const { user: before, reach } = await currentReach(tx, id, now);
    const wide = wideReach(reach);
    if (actor.user && wide.length > 0) {
      if (before.version !== body.version) throw conflict('Someone else changed this user since you opened it. Reload and try again.');
      return requestApproval(
        tx,
        actor,
        audit,
        {
          targetType: 'user',
          targetId: id,
          targetKey: `user:${id}`,
          targetLabel: userLabel(before),
          targetVersion: body.version,
          change: { kind: 'user.reset_password', passwordHash },
          changes: [{ field: 'password', from: null, to: 'a temporary password' }],
          reachGained: wide,
        },
        ctx,
      );
    }
    const [row] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, updatedAt: now, version: sql`${users.version} + 1` })
      .where(and(eq(users.id, id), eq(users.version, body.version)))
      .returning({ id: users.id, username: users.username });
    if (!row) {
      await findUser(tx, id, now);
      throw conflict('Someone else changed this user since you opened it. Reload and try again.');
    }
    await clearThrottle(tx, throttleKey(row.username));
    await deleteSessionsOfUser(tx, id);
    audit({ action: 'user.reset_password', recordType: 'user', recordId: id });
    return findUser(tx, id, now);
  });
  return wakeIfPending(answer);
}

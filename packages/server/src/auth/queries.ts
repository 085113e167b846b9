import { isRole, type Role } from '@harbor/policy';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { derivePermissions, type AuthUser } from '../access/index.js';
import type { UnitDb } from '../data/index.js';
import { offices, userRoles, users } from '../db/schema.js';

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  disabledAt: Date | null;
  mustChangePassword: boolean;
}

export async function findUserByUsername(db: Pick<UnitDb, 'select'>, username: string): Promise<UserRecord | null> {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .where(eq(users.username, username))
    .limit(1);
  return row ?? null;
}

/** The signed-in user with roles, office and derived permissions; null if missing or disabled. */
export async function loadAuthUser(db: Pick<UnitDb, 'select'>, userId: string): Promise<AuthUser | null> {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      officeId: offices.id,
      officeCode: offices.code,
      officeName: offices.name,
      regionCode: offices.regionCode,
      // In the same statement: every request signs its caller in with this query.
      roles: sql<string[] | null>`(select array_agg(${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${users.id})`,
    })
    .from(users)
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(and(eq(users.id, userId), isNull(users.disabledAt)))
    .limit(1);
  if (!row) return null;
  const { roles: granted, ...user } = row;
  const roles: Role[] = (granted ?? []).filter(isRole).sort();
  const { permissions, scope } = derivePermissions(roles);
  return { ...user, roles, permissions, scope };
}

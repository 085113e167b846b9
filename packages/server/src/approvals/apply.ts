import { and, eq, sql } from 'drizzle-orm';
import { clearThrottle, deleteSessionsOfUser, throttleKey } from '../auth/index.js';
import type { UnitDb } from '../data/index.js';
import { offices, partnerAgencies, userRoles, users } from '../db/schema.js';
import { conflict } from '../http/errors.js';
import type { ApprovalAudit, StoredChange } from './request.js';

const changedSince = (what: string) =>
  conflict(`The ${what} was changed after this was asked for, so it cannot be approved as shown. Reject it, and ask again if it is still wanted.`);

/**
 * CF-1: applies an approved change, in the approval's transaction, to the record as it was when
 * the change was asked for (its version): the approver approves what they were shown. Audited as
 * the change itself, naming the approval. Answers the target's id (a new account's).
 */
export async function applyChange(tx: UnitDb, audit: ApprovalAudit, approvalId: string, target: { id: string | null; version: number | null }, change: StoredChange, now: Date): Promise<string> {
  switch (change.kind) {
    case 'directory.email': {
      const [row] = await tx
        .update(partnerAgencies)
        .set({ ...change.set, updatedAt: now, version: sql`${partnerAgencies.version} + 1` })
        .where(and(eq(partnerAgencies.id, target.id ?? ''), eq(partnerAgencies.version, target.version ?? -1)))
        .returning({ id: partnerAgencies.id });
      if (!row) throw changedSince('partner agency');
      await audit({ action: 'directory.update', recordType: 'partner_agency', recordId: row.id, detail: { fields: Object.keys(change.set), approvalId } });
      return row.id;
    }
    case 'user.create': {
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, change.username)).limit(1);
      if (taken) throw conflict('This username was taken after this was asked for. Reject it, and ask again under another username.');
      const [office] = await tx.select({ active: offices.active }).from(offices).where(eq(offices.id, change.officeId)).limit(1);
      if (!office?.active) throw conflict('The office was closed after this was asked for. Reject it, and ask again.');
      const [row] = await tx
        .insert(users)
        .values({ username: change.username, displayName: change.displayName, email: change.email, passwordHash: change.passwordHash, officeId: change.officeId, mustChangePassword: true })
        .returning({ id: users.id });
      if (!row) throw new Error('insert returned nothing');
      await tx.insert(userRoles).values(change.roles.map((role) => ({ userId: row.id, role })));
      await audit({ action: 'user.create', recordType: 'user', recordId: row.id, detail: { roles: change.roles, officeId: change.officeId, approvalId } });
      return row.id;
    }
    case 'user.update': {
      const { disabled, ...rest } = change.set;
      const set: Partial<typeof users.$inferInsert> = { ...rest, updatedAt: now };
      if (disabled !== undefined) set.disabledAt = disabled ? now : null;
      const [row] = await tx
        .update(users)
        .set({ ...set, version: sql`${users.version} + 1` })
        .where(and(eq(users.id, target.id ?? ''), eq(users.version, target.version ?? -1)))
        .returning({ id: users.id });
      if (!row) throw changedSince('account');
      if (change.roles) {
        await tx.delete(userRoles).where(eq(userRoles.userId, row.id));
        await tx.insert(userRoles).values(change.roles.map((role) => ({ userId: row.id, role })));
      }
      // What the account may do changes: its sessions end at once.
      await deleteSessionsOfUser(tx, row.id);
      await audit({
        action: 'user.update',
        recordType: 'user',
        recordId: row.id,
        detail: { fields: [...Object.keys(change.set), ...(change.roles ? ['roles'] : [])], ...(change.roles ? { roles: change.roles } : {}), approvalId },
      });
      return row.id;
    }
    case 'user.reset_password': {
      const [row] = await tx
        .update(users)
        .set({ passwordHash: change.passwordHash, mustChangePassword: true, updatedAt: now, version: sql`${users.version} + 1` })
        .where(and(eq(users.id, target.id ?? ''), eq(users.version, target.version ?? -1)))
        .returning({ id: users.id, username: users.username });
      if (!row) throw changedSince('account');
      await clearThrottle(tx, throttleKey(row.username));
      await deleteSessionsOfUser(tx, row.id);
      await audit({ action: 'user.reset_password', recordType: 'user', recordId: row.id, detail: { approvalId } });
      return row.id;
    }
  }
}

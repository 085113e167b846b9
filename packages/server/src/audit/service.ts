import type { AuditPage, AuditQuery, AuditRowView } from '@harbor/policy/api';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { afterCursor, orderOf, pageFrom, sortKey, type UserRepository } from '../data/index.js';
import { auditEvents } from '../db/schema.js';

/**
 * The audit page's search, one keyset page at a time. Reading the trail is itself recorded.
 * `from` and `to` are whole days in the agency's time zone (a director's "on the 3rd" means local time).
 * The order is the row id, the order rows were written in: unique (so every row comes exactly once
 * across pages) and the last column of every filter's index (user, action), so a page is an index
 * range scan however long the trail.
 */
export async function searchAudit(repo: UserRepository, q: AuditQuery, timeZone: string): Promise<AuditPage> {
  const conds: SQL[] = [];
  if (q.userId) conds.push(eq(auditEvents.userId, q.userId));
  if (q.username) conds.push(eq(auditEvents.username, q.username.toLowerCase()));
  if (q.recordType) conds.push(eq(auditEvents.recordType, q.recordType));
  if (q.recordId) conds.push(sql`(${auditEvents.recordId} = ${q.recordId} or ${auditEvents.detail} -> 'ids' @> ${JSON.stringify([q.recordId])}::jsonb)`); // a list's row names what it showed (detail.ids; index audit_detail_ids_idx)
  if (q.action) conds.push(sql`${auditEvents.action} like ${`${q.action.replace(/[%_\\]/g, (c) => `\\${c}`)}%`}`);
  if (q.outcome) conds.push(eq(auditEvents.outcome, q.outcome));
  if (q.from) conds.push(sql`${auditEvents.occurredAt} >= (${q.from}::date)::timestamp at time zone ${timeZone}`);
  if (q.to) conds.push(sql`${auditEvents.occurredAt} < (${q.to}::date + 1)::timestamp at time zone ${timeZone}`);
  const keys = [sortKey<typeof auditEvents.$inferSelect>(auditEvents.id, q.dir, 'number', (r) => r.id)];
  const after = afterCursor(keys, q.cursor);
  if (after) conds.push(after);
  return repo.unit(async (u) => {
    const tx = u.db;
    const rows = await tx
      .select()
      .from(auditEvents)
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(...orderOf(keys))
      .limit(q.limit + 1);
    const { items: page, nextCursor } = pageFrom(rows, q.limit, keys);
    // The records the page names (by id only: the trail holds no record's data) are in the row too.
    const named = [...new Set(page.map((r) => r.recordId).filter((id): id is string => id !== null))];
    u.audit({ action: 'audit.search', recordType: 'audit', detail: { filters: Object.keys(q).filter((k) => !['limit', 'cursor', 'sort', 'dir'].includes(k)), count: page.length, ids: named } });
    return {
      items: page.map((r) => ({
        id: r.id,
        occurredAt: r.occurredAt.toISOString(),
        userId: r.userId,
        username: r.username,
        roles: r.roles,
        officeCode: r.officeCode,
        action: r.action,
        recordType: r.recordType,
        recordId: r.recordId,
        outcome: r.outcome as AuditRowView['outcome'],
        requestId: r.requestId,
        clientAddress: r.clientAddress,
      })),
      nextCursor,
    };
  });
}

import type { AuditQuery, AuditRowView } from '@harbor/policy/api';
import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/index.js';
import type { Db } from '../db/client.js';
import { auditEvents } from '../db/schema.js';
import { audited } from './writer.js';

/** The audit page's search. Reading the trail is itself recorded. */
/** `from` and `to` are whole days in the agency's time zone (a director's "on the 3rd" means local time). */
export async function searchAudit(db: Db, actor: Actor, q: AuditQuery, timeZone: string): Promise<{ rows: AuditRowView[]; nextBefore: number | null }> {
  const conds: SQL[] = [];
  if (q.userId) conds.push(eq(auditEvents.userId, q.userId));
  if (q.username) conds.push(eq(auditEvents.username, q.username.toLowerCase()));
  if (q.recordType) conds.push(eq(auditEvents.recordType, q.recordType));
  if (q.recordId) conds.push(sql`(${auditEvents.recordId} = ${q.recordId} or ${auditEvents.detail} -> 'ids' @> ${JSON.stringify([q.recordId])}::jsonb)`); // a list's row names what it showed (detail.ids; index audit_detail_ids_idx)
  if (q.action) conds.push(sql`${auditEvents.action} like ${`${q.action.replace(/[%_\\]/g, (c) => `\\${c}`)}%`}`);
  if (q.outcome) conds.push(eq(auditEvents.outcome, q.outcome));
  if (q.from) conds.push(sql`${auditEvents.occurredAt} >= (${q.from}::date)::timestamp at time zone ${timeZone}`);
  if (q.to) conds.push(sql`${auditEvents.occurredAt} < (${q.to}::date + 1)::timestamp at time zone ${timeZone}`);
  if (q.before) conds.push(lt(auditEvents.id, q.before));
  return audited(db, actor, async (tx, audit) => {
    const rows = await tx
      .select()
      .from(auditEvents)
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(desc(auditEvents.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    await audit({ action: 'audit.search', recordType: 'audit', detail: { filters: Object.keys(q).filter((k) => k !== 'limit'), count: page.length } });
    return {
      rows: page.map((r) => ({
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
      nextBefore: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  });
}

import type { Missing737Item, Missing737Query, Page } from '@harbor/policy/api';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { afterCursor, orderOf, pageFrom, sortKey, type UserRepository } from '../data/index.js';
import { cases, offices, users } from '../db/schema.js';
import { forbidden } from '../http/errors.js';
import { missing737, recordType, rowsOf } from './service.js';

/**
 * HL-2: the HART liaison makes sure DCF-737s are generated on open cases and sent to the right
 * parties. The open cases with an HT concern in the liaison's reach (a liaison their office, the
 * HART Lead the region, the HART Director the state) that lack a DCF-737 that was sent, each with
 * the reason: none generated, not sent yet, or failed. Oldest concern first, a page at a time
 * (partial index cases_ht_open_idx: open cases with an HT concern, by its time).
 */
const hartRoles = new Set(['hart_liaison', 'hart_lead', 'hart_director']);
const worker = alias(users, 'worker');

interface Row {
  id: string;
  number: string;
  officeCode: string;
  officeName: string;
  workerName: string | null;
  htConcernAt: Date | null;
}
const listKeys = [sortKey<Row>(cases.htConcernAt, 'asc', 'date', (r) => r.htConcernAt!), sortKey<Row>(cases.id, 'asc', 'text', (r) => r.id)];

export async function casesMissing737(repo: UserRepository, q: Missing737Query): Promise<Page<Missing737Item>> {
  if (!repo.user.roles.some((r) => hartRoles.has(r))) throw forbidden();
  return repo.unit(async (u) => {
    const rows = await u.db
      .select({ id: cases.id, number: cases.number, officeCode: offices.code, officeName: offices.name, workerName: worker.displayName, htConcernAt: cases.htConcernAt })
      .from(cases)
      .innerJoin(offices, eq(offices.id, cases.officeId))
      .leftJoin(worker, eq(worker.id, cases.workerId))
      .where(and(u.scope('case'), eq(cases.status, 'open'), isNotNull(cases.htConcernAt), missing737, afterCursor(listKeys, q.cursor)))
      .orderBy(...orderOf(listKeys))
      .limit(q.limit + 1);
    const shown = rows.slice(0, q.limit);
    const ids = shown.map((r) => r.id);
    const notices = ids.length
      ? await rowsOf<{ case_id: string; party: string; status: string | null }>(
          u.db,
          sql`select cn.case_id, cn.party, om.status from case_notices cn left join outbox_messages om on om.id = cn.outbox_message_id
              where cn.means = 'dcf737' and cn.case_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`,
        )
      : [];
    const page = pageFrom(rows, q.limit, listKeys, (r): Missing737Item => {
      const mine = notices.filter((n) => n.case_id === r.id);
      const unsent = mine.filter((n) => n.status !== 'sent' && n.status !== 'acknowledged');
      const reason: Missing737Item['reason'] = mine.length === 0 ? 'no_notice' : unsent.some((n) => n.status === 'failed') ? 'failed' : 'not_sent';
      return { caseId: r.id, number: r.number, officeCode: r.officeCode, officeName: r.officeName, workerName: r.workerName, htConcernAt: r.htConcernAt!.toISOString(), reason, parties: [...new Set(unsent.map((n) => n.party))] };
    });
    u.audit({ action: 'case.missing_737', recordType, detail: { page: q.cursor ? 'next' : 'first' } });
    u.shown('case', ids);
    return page;
  });
}

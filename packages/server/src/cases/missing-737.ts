import type { Missing737Item } from '@harbor/policy/api';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../access/index.js';
import { audited } from '../audit/index.js';
import { queryRows, type Db } from '../db/client.js';
import { cases, offices, users } from '../db/schema.js';
import { forbidden } from '../http/errors.js';
import { inScope, missing737, recordType, requireUser } from './service.js';

/**
 * HL-2: the HART liaison makes sure DCF-737s are generated on open cases and sent to the right
 * parties. The open cases with an HT concern in the liaison's reach (a liaison their office, the
 * HART Lead the region, the HART Director the state) that lack a DCF-737 that was sent, each with
 * the reason: none generated, not sent yet, or failed.
 */
const hartRoles = new Set(['hart_liaison', 'hart_lead', 'hart_director']);
const worker = alias(users, 'worker');

export async function casesMissing737(db: Db, actor: Actor): Promise<Missing737Item[]> {
  const user = requireUser(actor);
  if (!user.roles.some((r) => hartRoles.has(r))) throw forbidden();
  return audited(db, actor, async (tx, audit) => {
    const rows = await tx
      .select({ id: cases.id, number: cases.number, officeCode: offices.code, officeName: offices.name, workerName: worker.displayName, htConcernAt: cases.htConcernAt })
      .from(cases)
      .innerJoin(offices, eq(offices.id, cases.officeId))
      .leftJoin(worker, eq(worker.id, cases.workerId))
      .where(and(inScope(user), eq(cases.status, 'open'), isNotNull(cases.htConcernAt), missing737))
      .orderBy(asc(cases.htConcernAt), asc(cases.id))
      .limit(500);
    const ids = rows.map((r) => r.id);
    const notices = ids.length
      ? await queryRows<{ case_id: string; party: string; status: string | null }>(
          tx,
          sql`select cn.case_id, cn.party, om.status from case_notices cn left join outbox_messages om on om.id = cn.outbox_message_id
              where cn.means = 'dcf737' and cn.case_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`,
        )
      : [];
    const items = rows.map((r): Missing737Item => {
      const mine = notices.filter((n) => n.case_id === r.id);
      const unsent = mine.filter((n) => n.status !== 'sent' && n.status !== 'acknowledged');
      const reason: Missing737Item['reason'] = mine.length === 0 ? 'no_notice' : unsent.some((n) => n.status === 'failed') ? 'failed' : 'not_sent';
      return { caseId: r.id, number: r.number, officeCode: r.officeCode, officeName: r.officeName, workerName: r.workerName, htConcernAt: r.htConcernAt!.toISOString(), reason, parties: [...new Set(unsent.map((n) => n.party))] };
    });
    await audit({ action: 'case.missing_737', recordType, detail: { count: items.length, ids } });
    return items;
  });
}

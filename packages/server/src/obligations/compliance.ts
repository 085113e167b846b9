import { addLocalDays, isoDate, localDateOf, parseIsoDate, startOfLocalDay } from '@harbor/policy';
import type { ComplianceQuery, ComplianceView } from '@harbor/policy/api';
import { sql } from 'drizzle-orm';
import { queryRows, type UnitDb } from '../data/index.js';
import { HttpError } from '../http/errors.js';
import type { ObligationContext } from './service.js';

/** HL-1: a consult is due 72 elapsed hours after its request. */
const consultHours = 72;

/**
 * DR-4: the HART Director's statewide view. Consults requested in the period (local dates, both
 * included): held within 72 hours, held late, still open, overdue; every office's overdue duties
 * by clause; and the consults overdue now, whenever they were requested.
 *
 * Each part reads an index, not the state's history (migration 0014): the period's consults by
 * consults_requested_at; the unresolved duties (a small share of all) by the partial index
 * obligations_unresolved_due; the consults still waiting by the partial consults_waiting.
 */
export async function compliance(tx: UnitDb, ctx: ObligationContext, q: ComplianceQuery): Promise<ComplianceView> {
  const now = ctx.clock.now();
  const tz = ctx.timeZone;
  const today = localDateOf(now, tz);
  const to = q.to ? parseIsoDate(q.to) : today;
  const from = q.from ? parseIsoDate(q.from) : addLocalDays(to, -30);
  if (isoDate(from) > isoDate(to)) throw new HttpError(400, 'validation', 'Check these fields: from', [{ field: 'from', message: 'Give a start on or before the end' }]);
  const start = startOfLocalDay(from, tz).toISOString();
  const end = startOfLocalDay(addLocalDays(to, 1), tz).toISOString();
  const at = now.toISOString();
  const [c] = await queryRows<Record<'requested' | 'held_in_time' | 'held_late' | 'open' | 'overdue', string | number>>(
    tx,
    sql`select count(*) as requested,
          count(*) filter (where held_at is not null and held_at <= requested_at + make_interval(hours => ${consultHours})) as held_in_time,
          count(*) filter (where held_at is not null and held_at > requested_at + make_interval(hours => ${consultHours})) as held_late,
          count(*) filter (where held_at is null and ${at}::timestamptz < requested_at + make_interval(hours => ${consultHours})) as open,
          count(*) filter (where held_at is null and ${at}::timestamptz >= requested_at + make_interval(hours => ${consultHours})) as overdue
        from consults where requested_at >= ${start}::timestamptz and requested_at < ${end}::timestamptz`,
  );
  const n = (v: string | number | undefined) => Number(v ?? 0);
  const inTime = n(c?.held_in_time);
  const decided = inTime + n(c?.held_late) + n(c?.overdue);
  const byOffice = await queryRows<{ office_id: string; code: string; name: string; clause: string; n: string | number }>(
    tx,
    sql`select f.id as office_id, f.code, f.name, o.clause, count(*) as n
        from obligations o join offices f on f.id = o.office_id
        where o.state in ('open', 'overdue') and (o.state = 'overdue' or o.due_at <= ${at}::timestamptz)
        group by f.id, f.code, f.name, o.clause order by f.code, o.clause`,
  );
  const offices = new Map<string, ComplianceView['offices'][number]>();
  for (const r of byOffice) {
    const entry = offices.get(r.office_id) ?? { officeId: r.office_id, code: r.code, name: r.name, overdue: 0, byClause: [] };
    entry.overdue += Number(r.n);
    entry.byClause.push({ clause: r.clause, count: Number(r.n) });
    offices.set(r.office_id, entry);
  }
  const overdue = await queryRows<{ id: string; number: string; code: string; name: string; requested_at: Date | string }>(
    tx,
    sql`select k.id, k.number, f.code, f.name, k.requested_at from consults k join offices f on f.id = k.office_id
        where k.held_at is null and k.status = 'requested' and ${at}::timestamptz >= k.requested_at + make_interval(hours => ${consultHours})
        order by k.requested_at asc, k.id limit 500`,
  );
  return {
    from: isoDate(from),
    to: isoDate(to),
    consults: {
      requested: n(c?.requested),
      heldInTime: inTime,
      heldLate: n(c?.held_late),
      open: n(c?.open),
      overdue: n(c?.overdue),
      shareInTime: decided > 0 ? inTime / decided : null,
    },
    offices: [...offices.values()].sort((a, b) => b.overdue - a.overdue || a.code.localeCompare(b.code)),
    overdueConsults: overdue.map((k) => {
      const requested = new Date(k.requested_at);
      return { id: k.id, number: k.number, officeCode: k.code, officeName: k.name, requestedAt: requested.toISOString(), dueAt: new Date(requested.getTime() + consultHours * 3_600_000).toISOString() };
    }),
  };
}

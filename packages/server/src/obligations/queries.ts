import { completedByFlow, dutyLabel, dutyPageActions } from '@harbor/policy';
import type { ObligationView, Page, WorkItemView, WorkListQuery, WorkOwnersQuery, WorkOwnerView, WorkUnitQuery } from '@harbor/policy/api';
import { and, sql, type SQL } from 'drizzle-orm';
import { isIntakeProgramManager, type AuthUser, type RecordKind } from '../access/index.js';
import type { Vault } from '../crypto/index.js';
import { afterCursor, orderOf, queryRows, pageFrom, sortKey, type Unit, type UnitDb } from '../data/index.js';
import { mine, oversight, reachable, resolves } from '../access/index.js';
import { users } from '../db/schema.js';
import { openResolution } from './service.js';

interface WorkRow {
  id: string;
  clause: string;
  completes: string;
  subject_type: WorkItemView['subjectType'];
  subject_id: string;
  subject_number: string | null;
  office_id: string | null;
  office_code: string | null;
  office_name: string | null;
  owner_user_id: string | null;
  owner_name: string | null;
  owner_role: string | null;
  due_at: Date | string;
  state: WorkItemView['state'];
  escalation_level: number;
  version: number;
}

const iso = (d: Date | string): string => new Date(d).toISOString();

/**
 * Work lists: by due time, then id (the keys a page's cursor holds). An overdue duty is one whose
 * due time has passed, so "overdue first, then by due time" is the due time's order. Indexes:
 * obligations_unresolved_due (every unresolved duty by due time), obligations_owner_user_due,
 * obligations_owner_role_due, obligations_office_due (migration 0014).
 */
const workKeys = [sortKey<WorkRow>(sql`o.due_at`, 'asc', 'date', (r) => new Date(r.due_at)), sortKey<WorkRow>(sql`o.id`, 'asc', 'text', (r) => r.id)];

const select = (where: SQL, limit: number) => sql`
  select o.id, o.clause, o.completes, o.subject_type, o.subject_id, o.office_id, f.code as office_code, f.name as office_name,
         o.owner_user_id, ou.display_name as owner_name, o.owner_role, o.due_at, o.state, o.escalation_level, o.version,
         -- HL-5's monthly data names its month (the last part of the duty's key: 2026-11).
         coalesce(r.number, c.number, k.number, case when o.subject_type = 'user' then split_part(o.key, ':', 5) end) as subject_number
  from obligations o
  left join offices f on f.id = o.office_id
  left join users ou on ou.id = o.owner_user_id
  left join referrals r on o.subject_type = 'referral' and r.id = o.subject_id
  left join cases c on o.subject_type = 'case' and c.id = o.subject_id
  left join consults k on o.subject_type = 'consult' and k.id = o.subject_id
  where ${where}
  order by ${sql.join(orderOf(workKeys), sql`, `)}
  limit ${limit}`;

export const workItem = (r: WorkRow): WorkItemView => ({
  id: r.id,
  clause: r.clause,
  label: dutyLabel(r.completes),
  completes: r.completes,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  subjectNumber: r.subject_number,
  officeId: r.office_id,
  officeCode: r.office_code,
  officeName: r.office_name,
  ownerUserId: r.owner_user_id,
  ownerName: r.owner_name,
  ownerRole: r.owner_role,
  dueAt: iso(r.due_at),
  state: r.state,
  escalationLevel: Number(r.escalation_level),
  completable: !completedByFlow(r.completes),
  version: Number(r.version),
});

const unresolved = sql`o.state in ('open', 'overdue')`;

/** The record kind a duty's subject is (the child records a work list shows besides the duty). */
const subjectKinds: Partial<Record<string, RecordKind>> = { referral: 'referral', case: 'case', consult: 'consult', child: 'person' };

/** A page of duties, each named in the unit's audit with the record it is about. */
async function workPage(u: Unit, where: SQL, q: { cursor?: string | undefined; limit: number }): Promise<Page<WorkItemView>> {
  const after = afterCursor(workKeys, q.cursor);
  const rows = await queryRows<WorkRow>(u.db, select(after ? sql`${where} and ${after}` : where, q.limit + 1));
  const page = pageFrom(rows, q.limit, workKeys, workItem);
  u.shown('obligation', page.items.map((i) => i.id));
  for (const i of page.items) {
    const kind = subjectKinds[i.subjectType];
    if (kind) u.shown(kind, [i.subjectId]);
  }
  return page;
}

/** "My work": the caller's open and overdue duties, overdue first, then by due time. */
export async function myWork(u: Unit, q: WorkListQuery): Promise<Page<WorkItemView>> {
  return workPage(u, sql`${unresolved} and ${mine(u.user)}`, q);
}

/** A supervisor's office, a HART Lead's region, the HART Director's state. */
export async function unitWork(u: Unit, q: WorkUnitQuery): Promise<Page<WorkItemView>> {
  const state = q.state ? sql`o.state = ${q.state}` : unresolved;
  const owner = q.owner ? sql` and o.owner_user_id = ${q.owner}` : sql``;
  return workPage(u, sql`${state}${owner} and ${oversight(u.user)}`, q);
}

/**
 * The staff who own open or overdue duties the caller oversees (the unit list's reach), by name
 * then id: the choices of its owner filter, whatever page of the list a duty is on. Walks the staff
 * by name (users_name_idx) and asks, for each, whether one of their unresolved duties is in reach
 * (obligations_owner_user_due_idx, partial on the unresolved): no scan of the duties' history.
 * Names only; a disabled worker who still owns duties is listed (a supervisor covers for them).
 */
const ownerKeys = [sortKey<WorkOwnerView>(users.displayName, 'asc', 'text', (r) => r.name), sortKey<WorkOwnerView>(users.id, 'asc', 'text', (r) => r.id)];

export async function unitOwners(u: Unit, q: WorkOwnersQuery): Promise<Page<WorkOwnerView>> {
  const owns = sql`exists (select 1 from obligations o where o.owner_user_id = ${users.id} and ${unresolved} and ${oversight(u.user)})`;
  const rows = await u.db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(owns, afterCursor(ownerKeys, q.cursor)))
    .orderBy(...orderOf(ownerKeys))
    .limit(q.limit + 1);
  return pageFrom(rows, q.limit, ownerKeys, (r) => ({ id: r.id, name: r.name }));
}

/** Steps taken at one instant (a pass catching up) in the order they happened. */
export const historyOrder = sql.raw(
  `case e.kind when 'created' then 0 when 'reassigned' then 1 when 'announced' then 2 when 'reminded' then 2 when 'overdue' then 3 when 'escalated' then 4 else 5 end, coalesce((e.detail->>'level')::int, 0)`,
);

interface HistoryRow {
  id: string;
  at: Date | string;
  kind: string;
  actor_name: string | null;
  to_role: string | null;
  to_office_code: string | null;
  to_user_name: string | null;
  detail: Record<string, unknown> | null;
}

/** One duty the caller reaches, with its full history; null when out of reach (404). */
export async function findObligation(tx: UnitDb, vault: Vault, user: AuthUser, id: string): Promise<ObligationView | null> {
  const [row] = await queryRows<WorkRow & { created_at: Date | string; resolved_at: Date | string | null; resolved_by_name: string | null; resolution_sealed: string | null }>(
    tx,
    sql`select x.*, o2.created_at, o2.resolved_at, ru.display_name as resolved_by_name, o2.resolution_sealed
        from (${select(sql`o.id = ${id} and ${reachable(user)}`, 1)}) x
        join obligations o2 on o2.id = x.id left join users ru on ru.id = o2.resolved_by`,
  );
  if (!row) return null;
  const history = await queryRows<HistoryRow>(
    tx,
    sql`select e.id, e.at, e.kind, a.display_name as actor_name, e.to_role, f.code as to_office_code, tu.display_name as to_user_name, e.detail
        from obligation_events e left join users a on a.id = e.actor_id left join offices f on f.id = e.to_office_id left join users tu on tu.id = e.to_user_id
        where e.obligation_id = ${id} order by e.at asc, ${historyOrder}, e.id asc`,
  );
  const resolution = openResolution(vault, { id: row.id, resolutionSealed: row.resolution_sealed });
  // Only an open (or overdue) duty can be acted on, by its owner or the office's supervisor.
  const [may] = await queryRows<{ ok: boolean }>(tx, sql`select (${unresolved} and ${resolves(user)}) as ok from obligations o where o.id = ${id}`);
  const page = dutyPageActions(row.completes);
  const elsewhere = !page.done && !page.notNeeded;
  return {
    ...workItem(row),
    createdAt: iso(row.created_at),
    resolvedAt: row.resolved_at ? iso(row.resolved_at) : null,
    resolvedByName: row.resolved_by_name,
    resolution: resolution ? { ...resolution } : null,
    history: history.map((h) => ({
      id: h.id,
      at: iso(h.at),
      kind: h.kind,
      actorName: h.actor_name,
      toRole: h.to_role,
      toOfficeCode: h.to_office_code,
      toUserName: h.to_user_name,
      level: typeof h.detail?.['level'] === 'number' ? h.detail['level'] : null,
    })),
    can: {
      done: Boolean(may?.ok) && page.done,
      notNeeded: Boolean(may?.ok) && page.notNeeded,
      requestConsult: Boolean(may?.ok) && row.completes === 'consult_requested' && row.subject_type === 'referral' && isIntakeProgramManager(user),
    },
    completedOn: elsewhere ? completedOn(row.subject_type) : null,
  };
}

/** The page that closes a duty its own page cannot: the record it is about. */
function completedOn(subjectType: string): 'checklist' | 'consult' | 'case' | null {
  switch (subjectType) {
    case 'referral':
      return 'checklist';
    case 'consult':
      return 'consult';
    case 'case':
      return 'case';
    default:
      return null;
  }
}

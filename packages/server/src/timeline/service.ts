import { dutyLabel, riskLevelLabels, type RiskLevel } from '@harbor/policy';
import type { TimelineItem, TimelineKind, TimelineView } from '@harbor/policy/api';
import { sql, type SQL } from 'drizzle-orm';
import { scopeFor, timelineScope, type AuthUser } from '../access/index.js';
import type { UnitDb as DbOrTx, UserRepository } from '../data/index.js';
import { cases, referrals } from '../db/schema.js';
import { notFound } from '../http/errors.js';
import { historyOrder } from '../obligations/index.js';

/**
 * The case timeline (issue 4, item 8): every event of a referral or an open case in one
 * chronological list: its milestones, notices, documents, duties and their history, consults,
 * support requests, and the referrals it gave rise to. Labels, codes and staff names only.
 * Reach: whoever reads the record, and the HART staff holding a consult on it within their reach
 * (access/scope.ts `timelineScope`). Read through the caller's repository: the audit row names
 * the record, and the unit's list rows every consult, duty and referral the timeline links to.
 */
export type TimelineSubject = 'referral' | 'case';

type At = Date | string | null;
interface Raw {
  at: At;
  kind: TimelineKind;
  who?: string | null;
  clause?: string | null;
  label?: string | null;
  code?: string | null;
  status?: string | null;
  link?: TimelineItem['link'];
}

/** Rows of a raw statement (both drivers answer `{ rows }`). */
async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** The record's number, when the caller reads its timeline (`timelineScope`); null otherwise ("not found"). */
async function subjectNumber(tx: DbOrTx, user: AuthUser, type: TimelineSubject, id: string): Promise<string | null> {
  const [row] =
    type === 'referral'
      ? await queryRows<{ number: string }>(tx, sql`select ${referrals.number} as number from ${referrals} where ${referrals.id} = ${id} and ${timelineScope(user, type)}`)
      : await queryRows<{ number: string }>(tx, sql`select ${cases.number} as number from ${cases} where ${cases.id} = ${id} and ${timelineScope(user, type)}`);
  return row?.number ?? null;
}

const name = (col: string) => sql.raw(`(select display_name from users where id = ${col})`);

async function referralMilestones(tx: DbOrTx, id: string): Promise<Raw[]> {
  const [r] = await queryRows<Record<string, At> & { decision: string | null; assigned_office_code: string | null; triage_outcomes: string[] | null }>(
    tx,
    sql`select received_at, submitted_at, ${name('submitted_by')} as submitted_name, decided_at, decision, ${name('decided_by')} as decided_name,
               approved_at, ${name('approved_by')} as approved_name, assigned_office_at, assigned_office_code,
               investigator_assigned_at, ${name('investigator_id')} as investigator_name, triaged_at, ${name('triaged_by')} as triaged_name, triage_outcomes
        from referrals where id = ${id}`,
  );
  if (!r) return [];
  const s = (v: unknown) => (typeof v === 'string' ? v : null);
  return [
    { at: r['received_at'] ?? null, kind: 'referral.received' },
    { at: r['submitted_at'] ?? null, kind: 'referral.submitted', who: s(r['submitted_name']) },
    { at: r['decided_at'] ?? null, kind: 'referral.decided', who: s(r['decided_name']), status: r.decision },
    { at: r['approved_at'] ?? null, kind: 'referral.approved', who: s(r['approved_name']) },
    { at: r['assigned_office_at'] ?? null, kind: 'referral.routed', status: r.assigned_office_code },
    { at: r['investigator_assigned_at'] ?? null, kind: 'referral.assigned', who: s(r['investigator_name']) },
    { at: r['triaged_at'] ?? null, kind: 'referral.triaged', who: s(r['triaged_name']), status: (r.triage_outcomes ?? []).join(', ') || null },
  ];
}

async function caseMilestones(tx: DbOrTx, id: string): Promise<Raw[]> {
  const [c] = await queryRows<{ opened_at: At; opened_name: string | null; ht_concern_at: At; ht_name: string | null }>(
    tx,
    sql`select opened_at, ${name('created_by')} as opened_name, ht_concern_at, ${name('ht_concern_by')} as ht_name from cases where id = ${id}`,
  );
  if (!c) return [];
  // OG-1: each later HT allegation on the case.
  const later = await queryRows<{ at: At; who: string | null }>(tx, sql`select raised_at as at, ${name('raised_by')} as who from case_allegations where case_id = ${id} order by seq`);
  return [
    { at: c.opened_at, kind: 'case.opened', who: c.opened_name },
    { at: c.ht_concern_at, kind: 'case.ht_concern', who: c.ht_name },
    ...later.map((a) => ({ at: a.at, kind: 'case.ht_allegation' as const, who: a.who })),
  ];
}

async function notices(tx: DbOrTx, type: TimelineSubject, id: string): Promise<Raw[]> {
  const table = type === 'referral' ? sql`referral_notices` : sql`case_notices`;
  const key = type === 'referral' ? sql`n.referral_id` : sql`n.case_id`;
  const rows = await queryRows<{ at: At; party: string; means: string; status: string | null }>(
    tx,
    sql`select n.created_at as at, n.party, n.means, m.status from ${table} n left join outbox_messages m on m.id = n.outbox_message_id where ${key} = ${id}`,
  );
  return rows.map((n) => ({ at: n.at, kind: 'notice', label: `${n.party} (${n.means})`, status: n.status }));
}

async function documents(tx: DbOrTx, type: TimelineSubject, id: string): Promise<Raw[]> {
  const rows = await queryRows<{ at: At; kind: string; who: string | null }>(
    tx,
    sql`select d.created_at as at, d.kind, u.display_name as who from documents d left join users u on u.id = d.created_by where d.record_type = ${type} and d.record_id = ${id}`,
  );
  return rows.map((d) => ({ at: d.at, kind: 'document', label: d.kind, who: d.who }));
}

async function consultEvents(tx: DbOrTx, type: TimelineSubject, id: string, user: AuthUser): Promise<Raw[]> {
  // The Decision Map's levels are for those who read consults (HL-3), not every reader of the record.
  const showRisk = user.permissions.has('consult.read');
  const rows = await queryRows<{ id: string; number: string; status: string; requested_at: At; requested_name: string | null; held_at: At; liaison_name: string | null; risk_sex: string | null; risk_labor: string | null; map_sex: string | null; map_labor: string | null; overridden_at: At; overridden_name: string | null; entered_at: At; entered_name: string | null }>(
    tx,
    sql`select k.id, k.number, k.status, k.requested_at, ${name('k.requested_by')} as requested_name, k.held_at, ${name('k.liaison_id')} as liaison_name,
               k.risk_sex, k.risk_labor, k.decision_map->'levels'->>'sex' as map_sex, k.decision_map->'levels'->>'labor' as map_labor, k.overridden_at, ${name('k.overridden_by')} as overridden_name, k.entered_at, ${name('k.entered_by')} as entered_name
        from consults k where k.subject_type = ${type} and k.subject_id = ${id}`,
  );
  return rows.flatMap((k) => {
    const link = { type: 'consult' as const, id: k.id, number: k.number };
    const level = (v: string | null) => (v && v in riskLevelLabels ? riskLevelLabels[v as RiskLevel] : '—');
    const risk = (sex: string | null, labor: string | null) => (showRisk && (sex || labor) ? `Sex trafficking: ${level(sex)}; labor trafficking: ${level(labor)}` : null);
    return [
      { at: k.requested_at, kind: 'consult.requested' as const, who: k.requested_name, clause: 'HL-1', link },
      // The hold shows the map's own levels; an override shows the levels it put in force.
      { at: k.held_at, kind: 'consult.held' as const, who: k.liaison_name, clause: 'HL-3', status: risk(k.map_sex ?? k.risk_sex, k.map_labor ?? k.risk_labor), link },
      { at: k.overridden_at, kind: 'consult.overridden' as const, who: k.overridden_name, clause: 'HL-3', status: risk(k.risk_sex, k.risk_labor), link },
      { at: k.entered_at, kind: 'consult.entered' as const, who: k.entered_name, clause: 'HL-5', link },
    ];
  });
}

async function obligationEvents(tx: DbOrTx, type: TimelineSubject, id: string): Promise<Raw[]> {
  const rows = await queryRows<{ at: At; kind: string; obligation_id: string; clause: string; completes: string; actor: string | null; to_role: string | null; to_user: string | null }>(
    tx,
    sql`select e.at, e.kind, o.id as obligation_id, o.clause, o.completes, a.display_name as actor, e.to_role, tu.display_name as to_user
        from obligation_events e join obligations o on o.id = e.obligation_id
        left join users a on a.id = e.actor_id left join users tu on tu.id = e.to_user_id
        where o.id in (
          -- The record's own duties and those of its consults: one branch each, each on obligations_subject_idx.
          select o1.id from obligations o1 where o1.subject_type = ${type} and o1.subject_id = ${id}
          union all
          select o2.id from consults k join obligations o2 on o2.subject_type = 'consult' and o2.subject_id = k.id where k.subject_type = ${type} and k.subject_id = ${id})
        order by e.at, ${historyOrder}`,
  );
  return rows.map((e) => ({
    at: e.at,
    kind: `obligation.${e.kind}` as TimelineKind,
    who: e.kind === 'escalated' ? e.to_role : e.kind === 'reassigned' ? e.to_user : e.actor,
    clause: e.clause,
    label: dutyLabel(e.completes),
    code: e.completes,
    link: { type: 'obligation' as const, id: e.obligation_id, number: null },
  }));
}

async function supportEvents(tx: DbOrTx, type: TimelineSubject, id: string): Promise<Raw[]> {
  const rows = await queryRows<{ kind: string; status: string; requested_at: At; requested_name: string | null; answered_at: At; answered_name: string | null; escalated_at: At; escalated_name: string | null; director_at: At; director_name: string | null }>(
    tx,
    sql`select s.kind, s.status, s.requested_at, ${name('s.requested_by')} as requested_name, s.answered_at, ${name('s.answered_by')} as answered_name,
               s.escalated_at, ${name('s.escalated_by')} as escalated_name, s.director_at, ${name('s.director_by')} as director_name
        from support_requests s where s.subject_type = ${type} and s.subject_id = ${id}`,
  );
  return rows.flatMap((s) => [
    { at: s.requested_at, kind: 'support.requested' as const, who: s.requested_name, clause: 'LD-2', label: s.kind, code: s.kind },
    { at: s.answered_at, kind: 'support.answered' as const, who: s.answered_name, clause: 'LD-2', label: s.kind, code: s.kind },
    { at: s.escalated_at, kind: 'support.escalated' as const, who: s.escalated_name, clause: 'DR-3', label: s.kind, code: s.kind },
    { at: s.director_at, kind: 'support.director' as const, who: s.director_name, clause: 'DR-3', label: s.kind, code: s.kind },
  ]);
}

/** IN-4, OG-3: the referrals made from this record; their number and link only for those who may read them. */
async function laterReferrals(tx: DbOrTx, type: TimelineSubject, id: string, user: AuthUser): Promise<Raw[]> {
  const readable = user.permissions.has('referral.read') ? scopeFor(user, 'referral') : sql`false`;
  const rows = await queryRows<{ id: string; number: string; status: string; at: At; who: string | null; readable: boolean }>(
    tx,
    sql`select ${referrals.id} as id, ${referrals.number} as number, ${referrals.status} as status, ${referrals.createdAt} as at, u.display_name as who, (${readable}) as readable
        from ${referrals} left join users u on u.id = ${referrals.createdBy}
        where ${referrals.originType} = ${type} and ${referrals.originId} = ${id}`,
  );
  return rows.map((r) => ({ at: r.at, kind: 'referral.origin', who: r.who, ...(r.readable ? { status: r.status, link: { type: 'referral' as const, id: r.id, number: r.number } } : {}) }));
}

const order: readonly string[] = ['received', 'submitted', 'opened', 'ht_concern', 'created', 'decided'];

export async function readTimeline(repo: UserRepository, type: TimelineSubject, id: string): Promise<TimelineView> {
  const view = await repo.unit(async (u) => {
    const { db: tx, user } = u;
    const number = await subjectNumber(tx, user, type, id);
    if (!number) return null;
    const parts: Raw[][] = [];
    // One after another: they share the transaction's connection.
    parts.push(type === 'referral' ? await referralMilestones(tx, id) : await caseMilestones(tx, id));
    for (const part of [notices, documents, consultEvents, obligationEvents, supportEvents, laterReferrals]) parts.push(await part(tx, type, id, user));
    const items: TimelineItem[] = parts
      .flat()
      .filter((r): r is Raw & { at: Date | string } => r.at !== null)
      .map((r) => ({ at: new Date(r.at).toISOString(), kind: r.kind, who: r.who ?? null, clause: r.clause ?? null, label: r.label ?? null, code: r.code ?? null, status: r.status ?? null, link: r.link ?? null }))
      .sort((a, b) => a.at.localeCompare(b.at) || rank(a.kind) - rank(b.kind));
    u.audit({ action: 'timeline.read', recordType: type, recordId: id, detail: { items: items.length } });
    // Every record the timeline links to is named: its consults, duties and later referrals.
    for (const kind of ['consult', 'obligation', 'referral'] as const) {
      const ids = items.flatMap((i) => (i.link?.type === kind ? [i.link.id] : []));
      if (ids.length > 0) u.shown(kind, ids);
    }
    return { subjectType: type, subjectId: id, number, items };
  });
  if (!view) throw notFound(type);
  return view;
}

function rank(kind: string): number {
  const i = order.indexOf(kind.split('.')[1] ?? '');
  return i < 0 ? order.length : i;
}

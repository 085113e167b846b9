import { decisionMap, evaluateBranch, riskLevelLabels, type DecisionBranch, type DecisionMapOverride, type RiskLevel, type ConsultStatus } from '@harbor/policy';
import type { ConsultSummaryView, ConsultView } from '@harbor/policy/api';
import { and, eq, inArray } from 'drizzle-orm';
import type { AuthUser } from '../access/index.js';
import type { Vault } from '../crypto/index.js';
import type { DutyDb } from '../obligations/index.js';
import { cases, obligations, offices, referrals, users } from '../db/schema.js';
import { consultRequestOf, type ConsultRow } from './request.js';
import { isLiaisonOf, mayOverride } from './scope.js';

/** What a consult's sealed record holds (HL-1 participants, information reviewed, recommendations; HL-4, HL-6). */
export interface ConsultRecord {
  participants: { name: string; role: string }[];
  informationReviewed: string;
  recommendations: string;
  mdtCollaborated: boolean;
  lawEnforcementAssistance: string | null;
}

/** The Decision Map as stored on the consult (codes only; question texts come from the map). */
export interface StoredDecisionMap {
  mapVersion: string;
  answers: Record<DecisionBranch, Record<string, string>>;
  levels: Record<DecisionBranch, RiskLevel>;
  completedAt: string;
  completedBy: string;
}

export const recordAt = (id: string) => ({ table: 'consults', column: 'record', rowId: id });
export const overrideAt = (id: string) => ({ table: 'consults', column: 'override', rowId: id });

export async function namesOf(tx: DutyDb, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const who = (names: Map<string, string>, id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);

/** The due times of a consult's duties: HL-1 (held) and HL-5 (entered). */
async function dueTimes(tx: DutyDb, ids: string[]): Promise<Map<string, { held?: Date; entered?: Date }>> {
  const out = new Map<string, { held?: Date; entered?: Date }>();
  if (ids.length === 0) return out;
  const rows = await tx
    .select({ subjectId: obligations.subjectId, completes: obligations.completes, dueAt: obligations.dueAt })
    .from(obligations)
    .where(and(eq(obligations.subjectType, 'consult'), inArray(obligations.subjectId, ids), inArray(obligations.completes, ['consult_held', 'consult_entered'])));
  for (const r of rows) {
    const entry = out.get(r.subjectId) ?? {};
    if (r.completes === 'consult_held') entry.held = r.dueAt;
    else entry.entered = r.dueAt;
    out.set(r.subjectId, entry);
  }
  return out;
}

export async function summariesOf(tx: DutyDb, rows: ConsultRow[], now: Date): Promise<ConsultSummaryView[]> {
  if (rows.length === 0) return [];
  const officeRows = await tx.select({ id: offices.id, code: offices.code, name: offices.name }).from(offices).where(inArray(offices.id, [...new Set(rows.map((r) => r.officeId))]));
  const officeOf = new Map(officeRows.map((o) => [o.id, o]));
  const names = await namesOf(tx, rows.flatMap((r) => [r.requestedBy, r.liaisonId]));
  const refIds = rows.filter((r) => r.subjectType === 'referral').map((r) => r.subjectId);
  const caseIds = rows.filter((r) => r.subjectType === 'case').map((r) => r.subjectId);
  const numbers = new Map<string, string>();
  if (refIds.length) for (const r of await tx.select({ id: referrals.id, number: referrals.number }).from(referrals).where(inArray(referrals.id, refIds))) numbers.set(r.id, r.number);
  if (caseIds.length) for (const c of await tx.select({ id: cases.id, number: cases.number }).from(cases).where(inArray(cases.id, caseIds))) numbers.set(c.id, c.number);
  const due = await dueTimes(tx, rows.map((r) => r.id));
  return rows.map((r) => {
    const office = officeOf.get(r.officeId);
    const heldDue = due.get(r.id)?.held ?? null;
    return {
      id: r.id,
      number: r.number,
      status: r.status as ConsultStatus,
      subject: { type: r.subjectType as 'referral' | 'case', id: r.subjectId, number: numbers.get(r.subjectId) ?? null },
      office: { id: r.officeId, code: office?.code ?? '', name: office?.name ?? '' },
      requestedAt: r.requestedAt.toISOString(),
      requestedBy: { id: r.requestedBy, name: names.get(r.requestedBy) ?? '' },
      dueAt: heldDue?.toISOString() ?? null,
      overdue: r.status === 'requested' && heldDue !== null && heldDue.getTime() < now.getTime(),
      liaison: who(names, r.liaisonId),
      heldAt: r.heldAt?.toISOString() ?? null,
      riskSex: (r.riskSex as RiskLevel | null) ?? null,
      riskLabor: (r.riskLabor as RiskLevel | null) ?? null,
      enteredAt: r.enteredAt?.toISOString() ?? null,
      version: r.version,
    };
  });
}

function branchView(stored: StoredDecisionMap, b: DecisionBranch) {
  const walked = evaluateBranch(decisionMap, b, stored.answers[b]);
  // A map changed since (another version): the stored codes still say what was answered.
  const path = walked.ok
    ? walked.result.path
    : Object.entries(stored.answers[b]).map(([question, answer]) => ({ question, questionText: question, answer, answerLabel: answer }));
  return { level: stored.levels[b], levelLabel: riskLevelLabels[stored.levels[b]], path: [...path] };
}

export async function viewOf(tx: DutyDb, vault: Vault, user: AuthUser, row: ConsultRow, now: Date): Promise<ConsultView> {
  const [summary] = await summariesOf(tx, [row], now);
  const stored = (row.decisionMap as StoredDecisionMap | null) ?? null;
  const names = await namesOf(tx, [stored?.completedBy, row.overriddenBy, row.enteredBy]);
  const [office] = await tx.select({ regionCode: offices.regionCode }).from(offices).where(eq(offices.id, row.officeId));
  const due = (await dueTimes(tx, [row.id])).get(row.id);
  const record = row.recordSealed ? vault.openJson<ConsultRecord>(row.recordSealed, recordAt(row.id)) : null;
  const override = row.overrideSealed ? vault.openJson<DecisionMapOverride>(row.overrideSealed, overrideAt(row.id)) : null;
  const liaison = isLiaisonOf(user, row.officeId) && user.permissions.has('consult.write');
  return {
    ...summary!,
    reason: consultRequestOf({ vault }, row)?.reason ?? null,
    record,
    decisionMap: stored
      ? {
          mapVersion: stored.mapVersion,
          answers: stored.answers,
          sex: branchView(stored, 'sex'),
          labor: branchView(stored, 'labor'),
          completedAt: stored.completedAt,
          completedBy: { id: stored.completedBy, name: names.get(stored.completedBy) ?? '' },
        }
      : null,
    override:
      override && row.overriddenBy && row.overriddenAt
        ? { ...(override.sex ? { sex: override.sex } : {}), ...(override.labor ? { labor: override.labor } : {}), reason: override.reason, by: who(names, row.overriddenBy)!, at: row.overriddenAt.toISOString() }
        : null,
    enteredBy: who(names, row.enteredBy),
    enterDueAt: due?.entered?.toISOString() ?? null,
    can: {
      hold: liaison && row.status === 'requested',
      decisionMap: liaison && row.status !== 'entered' && !row.overriddenAt,
      override: stored !== null && mayOverride(user, row, office?.regionCode ?? null),
      enter: liaison && row.status === 'held' && stored !== null,
    },
  };
}

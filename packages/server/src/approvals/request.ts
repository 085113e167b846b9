import type { ApprovalKind, ApprovalPending } from '@harbor/policy/api';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../access/index.js';
import type { AuditEntry } from '../audit/index.js';
import type { Config } from '../config.js';
import type { UnitDb } from '../data/index.js';
import { approvalRequests, partnerAgencies } from '../db/schema.js';
import { conflict, forbidden } from '../http/errors.js';
import { enqueueEmail, mailQueued } from '../outbox/index.js';
import { approvalView, type ChangedField, type Summary } from './view.js';

/** The audit of the caller's unit (`(e) => u.audit(e)`): the request's row goes in the unit's transaction. */
export type ApprovalAudit = (entry: AuditEntry) => void | Promise<void>;

/** What a service needs to ask for an approval: the mail domains, the outbox's transport, the time. */
export interface ApprovalContext {
  config: Pick<Config, 'smtpUrl' | 'agencyMailDomains'>;
  now: Date;
}

/** What is applied on approval, by kind. Password hashes only: never a password. */
export type StoredChange =
  | { kind: 'directory.email'; set: { name?: string; email?: string; phone?: string; active?: boolean } }
  | { kind: 'user.create'; username: string; displayName: string; email: string | null; roles: string[]; officeId: string; passwordHash: string }
  | { kind: 'user.update'; set: { displayName?: string; email?: string | null; officeId?: string; disabled?: boolean }; roles?: string[] }
  | { kind: 'user.reset_password'; passwordHash: string };

export interface ApprovalInput {
  targetType: 'partner_agency' | 'user';
  targetId: string | null;
  /** One pending change per key: `partner_agency:<id>`, `user:<id>`, `username:<name>`. */
  targetKey: string;
  targetLabel: string;
  targetVersion: number | null;
  change: StoredChange;
  changes: ChangedField[];
  reachGained: string[];
}

const eqPending = sql`status = 'pending'`;

/** JSON with keys in one order (jsonb keeps its own), to tell a retried request from another. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x,
  );

const kindText: Readonly<Record<ApprovalKind, string>> = {
  'directory.email': 'change the e-mail address of a party that receives documents naming children',
  'user.create': 'create a staff account with reach to children’s records beyond one office',
  'user.update': 'give a staff account reach to children’s records beyond one office',
  'user.reset_password': 'reset the password of a staff account with reach to children’s records beyond one office',
};

/**
 * CF-1: the HART Director is told by e-mail of every such change, asked, approved or rejected. The
 * mail names the administrators, the party or account and the fields: never a child. The change to
 * the Director's own address is told at the address in force (the current one).
 */
async function tellDirector(tx: UnitDb, id: string, step: 'requested' | 'approved' | 'rejected', lines: string[], ctx: ApprovalContext): Promise<void> {
  const [director] = await tx
    .select({ id: partnerAgencies.id, email: partnerAgencies.email, name: partnerAgencies.name })
    .from(partnerAgencies)
    .where(and(eq(partnerAgencies.kind, 'hart_director'), eq(partnerAgencies.active, true)))
    .orderBy(asc(partnerAgencies.name), asc(partnerAgencies.code))
    .limit(1);
  // Nobody to tell: the change must not go through unseen (the Director's entry is restored first).
  if (!director) throw conflict('The HART Director must be told of this change, and the partner directory has no active HART Director. Restore that entry first.');
  await enqueueEmail(
    tx,
    {
      idempotencyKey: `approval:${id}:${step}`,
      toAddress: director.email,
      toName: director.name,
      partyKind: 'hart_director',
      partyRef: director.id,
      subject: `Harbor: an administrative change ${step === 'requested' ? 'awaits a second administrator' : `was ${step}`} (CF-1)`,
      bodyText: lines.join('\n'),
      recordType: 'approval_request',
      recordId: id,
    },
    { config: ctx.config, now: ctx.now },
  );
}

const describe = (label: string, summary: Summary): string[] => [
  `Record: ${label}`,
  ...summary.changes.map((c) => `${c.field}: ${c.from ?? '(none)'} -> ${c.to ?? '(none)'}`),
  ...(summary.reachGained.length > 0 ? [`Reach to children’s records it gives: ${summary.reachGained.join('; ')}`] : []),
];

/**
 * CF-1: keeps a change that would give someone a child's identity until a second administrator
 * approves it (`decide.ts`), audits the request and tells the HART Director. Inside the caller's
 * transaction: nothing of the change itself is written. A retried request (same administrator,
 * same change) answers the first; a different change to a target with one pending is refused.
 */
export async function requestApproval(tx: UnitDb, actor: Actor, audit: ApprovalAudit, input: ApprovalInput, ctx: ApprovalContext): Promise<ApprovalPending> {
  const me = actor.user;
  if (!me) throw forbidden('Only a signed-in administrator can ask for this change.');
  const summary: Summary = { changes: input.changes, reachGained: input.reachGained };
  const [row] = await tx
    .insert(approvalRequests)
    .values({
      kind: input.change.kind,
      targetType: input.targetType,
      targetId: input.targetId,
      targetKey: input.targetKey,
      targetLabel: input.targetLabel,
      targetVersion: input.targetVersion,
      change: input.change,
      summary,
      status: 'pending',
      requestedBy: me.id,
      requestedAt: ctx.now,
    })
    .onConflictDoNothing({ target: approvalRequests.targetKey, where: eqPending })
    .returning({ id: approvalRequests.id });
  if (!row) {
    const [existing] = await tx.select().from(approvalRequests).where(and(eq(approvalRequests.targetKey, input.targetKey), eqPending));
    if (!existing) throw new Error('approval: conflicting pending change not found');
    const same = existing.requestedBy === me.id && existing.kind === input.change.kind && canonical(existing.summary) === canonical(summary);
    if (!same) throw conflict(`A change to ${existing.targetLabel} already awaits a second administrator. Approve or reject it first.`);
    return { pending: true, approval: await approvalView(tx, existing.id, me.id) };
  }
  await audit({
    action: 'approval.request',
    recordType: 'approval_request',
    recordId: row.id,
    detail: { kind: input.change.kind, targetType: input.targetType, targetId: input.targetId, fields: input.changes.map((c) => c.field), reachGained: input.reachGained },
  });
  await tellDirector(
    tx,
    row.id,
    'requested',
    [`${me.displayName} (${me.username}) asked to ${kindText[input.change.kind]}.`, ...describe(input.targetLabel, summary), '', 'It takes effect only when a second administrator approves it in Harbor (Administration, Changes awaiting approval).'],
    ctx,
  );
  return { pending: true, approval: await approvalView(tx, row.id, me.id) };
}


/**
 * After the commit of a unit that may have asked for an approval: an answer that is a pending
 * approval told the HART Director by mail, so the delivery worker is woken (a retried request's
 * answer wakes it for nothing, which costs one empty pass). Never call it inside the unit.
 */
export function wakeIfPending<T extends object>(answer: T): T {
  if ('pending' in answer && answer.pending === true) mailQueued();
  return answer;
}

/** The Director's mail of a decision (`decide.ts`). */
export async function tellDirectorOfDecision(
  tx: UnitDb,
  id: string,
  decision: 'approved' | 'rejected',
  who: { displayName: string; username: string },
  request: { kind: ApprovalKind; targetLabel: string; summary: Summary },
  ctx: ApprovalContext,
): Promise<void> {
  await tellDirector(
    tx,
    id,
    decision,
    [`${who.displayName} (${who.username}) ${decision} a request to ${kindText[request.kind]}.`, ...describe(request.targetLabel, request.summary)],
    ctx,
  );
}

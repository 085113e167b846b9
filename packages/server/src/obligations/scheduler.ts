import { ctObligationRules, dutyLabel, escalationRole, escalationStart, officeSupervisorRoles, scheduleAt, type EscalationLevel, type ObligationRule } from '@harbor/policy';
import { and, asc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import { queryRows, type SystemRepository, type Unit, type UnitDb } from '../data/index.js';
import { obligationEvents, obligations, offices } from '../db/schema.js';
import { enqueueEmail } from '../outbox/index.js';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { ObligationContext, ObligationRow } from './service.js';

type Tx = UnitDb;

/**
 * The obligation scheduler (issue 4, item 2): reminds a duty's owner before it is due, marks it
 * overdue when due, and escalates it up the chain (`scheduleAt` in the policy decides what is owed).
 * Each batch is claimed with FOR UPDATE SKIP LOCKED in its own transaction, so server instances,
 * however many, share the work and each step happens once; mail goes through the outbox with
 * an idempotency key per duty, step and recipient, so a retried pass never sends twice.
 */
export interface SchedulerOptions {
  remindBeforeMs: number;
  escalateEveryMs: number;
  /** Where staff open Harbor (links in the mail). */
  publicUrl: string;
  /** Null keeps the mail on the outgoing-mail page, not sent. */
  smtpUrl: string | null;
  /** The agency's time zone, for due times in the mail (America/New_York when absent). */
  timeZone?: string;
  batchSize?: number;
  rules?: readonly ObligationRule[];
  /** Asked between batches: a stopping worker ends the pass early. */
  shouldStop?: () => boolean;
}

export const schedulerOptionsFrom = (config: Pick<Config, 'remindBeforeMs' | 'escalateEveryMs' | 'publicUrl' | 'smtpUrl' | 'timeZone'>): SchedulerOptions => ({
  remindBeforeMs: config.remindBeforeMs,
  escalateEveryMs: config.escalateEveryMs,
  publicUrl: config.publicUrl,
  smtpUrl: config.smtpUrl,
  timeZone: config.timeZone,
});

export interface PassReport {
  claimed: number;
  announced: number;
  reminded: number;
  overdue: number;
  escalated: number;
}

interface Recipient {
  id: string;
  name: string;
  email: string | null;
}

/** The reason the scheduler's work is done under (its audit rows' actor: system:obligation-scheduler). */
export const schedulerReason = 'obligation-scheduler';

async function ownersOf(tx: Tx, o: ObligationRow): Promise<Recipient[]> {
  if (o.ownerUserId) {
    return queryRows<Recipient>(tx, sql`select id, display_name as name, email from users where id = ${o.ownerUserId} and disabled_at is null`);
  }
  if (!o.ownerRole) return [];
  const office = o.ownerOfficeId ? sql`and u.office_id = ${o.ownerOfficeId}` : sql``;
  return queryRows<Recipient>(
    tx,
    sql`select u.id, u.display_name as name, u.email from users u join user_roles r on r.user_id = u.id and r.role = ${o.ownerRole}
        where u.disabled_at is null ${office} order by u.id`,
  );
}

/** The roles of the duty's owner: the person's, or the role it is owned through. */
async function ownerRoles(tx: Tx, o: ObligationRow): Promise<string[]> {
  if (o.ownerRole) return [o.ownerRole];
  if (!o.ownerUserId) return [];
  const rows = await queryRows<{ role: string }>(tx, sql`select role from user_roles where user_id = ${o.ownerUserId}`);
  return rows.map((r) => r.role);
}

/** Who a level of the chain is, for this duty: where to record it and whom to tell. */
async function targetOf(tx: Tx, o: ObligationRow, level: EscalationLevel): Promise<{ toOfficeId: string | null; people: Recipient[] }> {
  const roles = level === 1 ? officeSupervisorRoles : [escalationRole[level]];
  const people = (where: ReturnType<typeof sql>) =>
    queryRows<Recipient>(
      tx,
      sql`select distinct u.id, u.display_name as name, u.email from users u join user_roles r on r.user_id = u.id and r.role in (${sql.join(roles.map((r) => sql`${r}`), sql`, `)})
          join offices uo on uo.id = u.office_id where u.disabled_at is null and ${where} order by u.id`,
    );
  if (level === 1) {
    if (!o.officeId) return { toOfficeId: null, people: [] };
    return { toOfficeId: o.officeId, people: await people(sql`u.office_id = ${o.officeId}`) };
  }
  if (level === 2) {
    const [office] = o.officeId ? await tx.select({ region: offices.regionCode }).from(offices).where(eq(offices.id, o.officeId)) : [];
    const region = office?.region ?? null;
    if (!region) return { toOfficeId: null, people: [] };
    const [ro] = await tx
      .select({ id: offices.id })
      .from(offices)
      .where(and(eq(offices.regionCode, region), eq(offices.kind, 'regional_office')))
      .orderBy(asc(offices.code))
      .limit(1);
    return { toOfficeId: ro?.id ?? null, people: await people(sql`uo.region_code = ${region}`) };
  }
  return { toOfficeId: null, people: await people(sql`true`) };
}

type Tone = 'new' | 'unowned' | 'due' | 'overdue';

function message(o: ObligationRow, tone: Tone, options: SchedulerOptions): { subject: string; bodyText: string } {
  // No child data: the clause and the duty's words, when it is due, and where to open it.
  const label = dutyLabel(o.completes);
  const link = `\n\nOpen Harbor: ${options.publicUrl}/obligations/${o.id}\n`;
  if (tone === 'new' || tone === 'unowned') {
    const due = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: options.timeZone ?? 'America/New_York', timeZoneName: 'short' }).format(o.dueAt);
    return tone === 'new'
      ? { subject: `Harbor: a new duty for you (${o.clause})`, bodyText: `A new duty in Harbor: ${o.clause} ${label}, due ${due}.${link}` }
      : { subject: `Harbor: nobody holds a new duty (${o.clause})`, bodyText: `A new duty in Harbor has nobody to do it in its office: ${o.clause} ${label}, due ${due}. Please see that someone takes it.${link}` };
  }
  return { subject: `Harbor: a duty is ${tone} (${o.clause})`, bodyText: `A duty in Harbor is ${tone}: ${o.clause} ${label}.${link}` };
}

async function notify(tx: Tx, o: ObligationRow, step: string, to: readonly Recipient[], tone: Tone, now: Date, options: SchedulerOptions): Promise<number> {
  const { subject, bodyText } = message(o, tone, options);
  let sent = 0;
  for (const r of to) {
    if (!r.email) continue;
    await enqueueEmail(
      tx,
      { idempotencyKey: `obligation:${o.id}:${step}:${r.id}`, toAddress: r.email, toName: r.name, partyKind: 'staff', partyRef: r.id, subject, bodyText, recordType: 'obligation', recordId: o.id },
      { config: { smtpUrl: options.smtpUrl }, now },
    );
    sent += 1;
  }
  return sent;
}

/**
 * What one claimed duty owes at `now`. Audited as the scheduler (system:obligation-scheduler):
 * every step it takes is a row naming the duty (announce, remind, overdue, escalate); a duty it
 * only looked at and rescheduled is a read of it.
 */
async function advance(u: Unit<null>, rules: readonly ObligationRule[], o: ObligationRow, now: Date, options: SchedulerOptions, report: PassReport): Promise<void> {
  const tx = u.db;
  u.read('obligation', o.id);
  const rule = rules.find((r) => r.code === o.ruleCode);
  const start = escalationStart(await ownerRoles(tx, o));
  const decision = scheduleAt(
    {
      dueAt: o.dueAt,
      state: o.state === 'overdue' ? 'overdue' : 'open',
      remindedAt: o.remindedAt,
      escalationLevel: o.escalationLevel,
      immediate: rule?.due.kind === 'immediately',
      start,
    },
    now,
    options,
  );
  const set: PgUpdateSetSource<typeof obligations> = { nextCheckAt: decision.nextCheckAt };
  // A duty that is announced (HL-1): its owners are told at the first pass after it is raised.
  if (rule?.announce && o.state === 'open' && now < o.dueAt) {
    const [told] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from obligation_events where obligation_id = ${o.id} and kind = 'announced'`);
    if (!told?.n) {
      const owners = await ownersOf(tx, o);
      // An office with nobody in the owning role (no HART liaison): the region's HART Lead is told
      // at once, rather than learning of it at the first escalation, a day after the due time.
      const lead = owners.length === 0 ? await targetOf(tx, o, 2) : null;
      const mailed = lead ? await notify(tx, o, 'unowned', lead.people, 'unowned', now, options) : await notify(tx, o, 'announced', owners, 'new', now, options);
      await tx.insert(obligationEvents).values({ obligationId: o.id, at: now, kind: 'announced', toRole: lead ? 'hart_lead' : null, toOfficeId: lead?.toOfficeId ?? null, detail: { recipients: owners.length, mailed } });
      u.audit({ action: 'obligation.announce', recordType: 'obligation', recordId: o.id, detail: { clause: o.clause, toRole: lead ? 'hart_lead' : null, recipients: owners.length, mailed } });
      report.announced += 1;
      set.updatedAt = now;
    }
  }
  for (const step of decision.steps) {
    switch (step.kind) {
      case 'remind': {
        const mailed = await notify(tx, o, 'reminder', await ownersOf(tx, o), 'due', now, options);
        await tx.insert(obligationEvents).values({ obligationId: o.id, at: now, kind: 'reminded', detail: { dueAt: o.dueAt.toISOString() } });
        u.audit({ action: 'obligation.remind', recordType: 'obligation', recordId: o.id, detail: { clause: o.clause, mailed } });
        set.remindedAt = now;
        report.reminded += 1;
        break;
      }
      case 'overdue': {
        await notify(tx, o, 'overdue', await ownersOf(tx, o), 'overdue', now, options);
        await tx.insert(obligationEvents).values({ obligationId: o.id, at: now, kind: 'overdue', detail: { dueAt: o.dueAt.toISOString() } });
        u.audit({ action: 'obligation.overdue', recordType: 'obligation', recordId: o.id, detail: { clause: o.clause } });
        set.state = 'overdue';
        set.overdueAt = now;
        report.overdue += 1;
        break;
      }
      case 'escalate': {
        const role = escalationRole[step.level];
        const target = await targetOf(tx, o, step.level);
        const mailed = await notify(tx, o, `escalated-${step.level}`, target.people, 'overdue', now, options);
        await tx.insert(obligationEvents).values({ obligationId: o.id, at: now, kind: 'escalated', toRole: role, toOfficeId: target.toOfficeId, detail: { level: step.level, recipients: target.people.length } });
        u.audit({ action: 'obligation.escalate', recordType: 'obligation', recordId: o.id, detail: { clause: o.clause, level: step.level, toRole: role, toOfficeId: target.toOfficeId, mailed } });
        set.escalationLevel = step.level;
        set.escalatedAt = now;
        report.escalated += 1;
        break;
      }
    }
  }
  // The version is the user's edit check: the scheduler's marks (reminded, overdue, escalated)
  // must not turn a worker's "done" at the due time into a conflict.
  if (decision.steps.length > 0) set.updatedAt = now;
  await tx.update(obligations).set(set).where(eq(obligations.id, o.id));
}

/**
 * One pass at `now`: claims due duties in small batches (each in its own transaction, skipping
 * rows another instance holds) and does what each owes. Running it again at the same instant
 * changes nothing: every duty it touched next needs looking at after `now`. `repo` is the
 * scheduler's system repository (`data.forSystem(schedulerReason)`): its audit rows name
 * system:obligation-scheduler.
 */
export async function runObligationPass(repo: SystemRepository, ctx: Pick<ObligationContext, 'rules'>, now: Date, options: SchedulerOptions): Promise<PassReport> {
  const rules = options.rules ?? ctx.rules ?? ctObligationRules;
  const report: PassReport = { claimed: 0, announced: 0, reminded: 0, overdue: 0, escalated: 0 };
  const batchSize = options.batchSize ?? 20;
  for (let batch = 0; batch < 10_000; batch++) {
    if (options.shouldStop?.()) break;
    // Each batch is one unit of the system repository: its duties' changes and their audit rows commit together.
    const claimed = await repo.unit(async (u) => {
      const rows = await u.db
        .select()
        .from(obligations)
        .where(and(isNotNull(obligations.nextCheckAt), lte(obligations.nextCheckAt, now), inArray(obligations.state, ['open', 'overdue'])))
        .orderBy(asc(obligations.nextCheckAt), asc(obligations.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      for (const o of rows) await advance(u, rules, o, now, options, report);
      return rows.length;
    });
    report.claimed += claimed;
    if (claimed < batchSize) break;
  }
  return report;
}

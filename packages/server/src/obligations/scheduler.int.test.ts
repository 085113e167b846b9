import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestConsult } from '../consults/index.js';
import { dataLayer, type SystemRepository } from '../data/index.js';
import { openDatabase, queryRows } from '../db/client.js';
import { auditEvents, obligationEvents, obligations, offices, outboxMessages, userRoles, users } from '../db/schema.js';
import { onPostgres, startTestServer, TestClock, type TestServer } from '../test/harness.js';
import { runObligationPass, schedulerReason, type SchedulerOptions } from './scheduler.js';
import { raiseObligations, type ObligationContext } from './service.js';

/**
 * The obligation scheduler with an injected clock (issue 4, item 2): a reminder once before the
 * due time, overdue at it, then one escalation step per day: the office's supervisors, the
 * region's HART Lead, the HART Director; a HART liaison's duty starts at the Lead.
 */
let server: TestServer;
const db = () => server.db.database.db;
const h = 3_600_000;
const options: SchedulerOptions = { remindBeforeMs: 24 * h, escalateEveryMs: 24 * h, publicUrl: 'https://harbor.test', smtpUrl: null, batchSize: 3 };
let hfd = '';
let worker = '';
const clock = new TestClock(new Date('2026-03-02T14:00:00Z'));
const ctx = (): ObligationContext => ({ clock, vault: server.vault, timeZone: 'America/New_York' });

beforeAll(async () => {
  server = await startTestServer();
  hfd = (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, 'HFD')))[0]!.id;
  worker = (await db().select({ id: users.id }).from(users).where(eq(users.username, 'demo.investigation-worker')))[0]!.id;
});
afterAll(async () => {
  await server.close();
});

async function acceptedReferralDuty(dueInHours: number, at = clock.now()) {
  const referral = crypto.randomUUID();
  clock.set(at);
  const [row] = await db().transaction((tx) =>
    raiseObligations(tx, ctx(), { kind: 'referral_accepted', at, subjects: { referral }, officeId: hfd, assigneeId: worker, facts: { responseDueAt: new Date(at.getTime() + dueInHours * h).toISOString() } }, null),
  );
  return row!;
}

const kindOrder = ['created', 'reassigned', 'reminded', 'overdue', 'escalated', 'done', 'not_needed'];
const history = async (id: string) =>
  (await db().select().from(obligationEvents).where(eq(obligationEvents.obligationId, id))).sort(
    (a, b) => a.at.getTime() - b.at.getTime() || kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || Number(a.detail?.['level'] ?? 0) - Number(b.detail?.['level'] ?? 0),
  );
const mail = async (id: string) => db().select().from(outboxMessages).where(and(eq(outboxMessages.recordType, 'obligation'), eq(outboxMessages.recordId, id)));
const addressesOf = async (role: string, where: ReturnType<typeof sql>) =>
  (
    await queryRows<{ email: string }>(
      db(),
      sql`select u.email from users u join user_roles r on r.user_id = u.id and r.role = ${role} join offices o on o.id = u.office_id where u.email is not null and ${where}`,
    )
  )
    .map((r) => r.email)
    .sort();
/** The scheduler's system repository, as `harbor start` gives it (server.ts). */
const scheduler = () => server.app.harbor.data.forSystem(schedulerReason);
const pass = (at: Date, on: SystemRepository = scheduler()) => runObligationPass(on, {}, at, options);

describe('the obligation scheduler', () => {
  it('[CL-6] reminds the owner once inside the reminder window, with no child data in the mail, and a second pass at that instant changes nothing', async () => {
    const t0 = new Date('2026-03-02T14:00:00Z');
    const o = await acceptedReferralDuty(72, t0);
    await pass(t0);
    expect((await db().select().from(obligations).where(eq(obligations.id, o.id)))[0]!.nextCheckAt).toEqual(new Date(t0.getTime() + 48 * h));
    const inWindow = new Date(t0.getTime() + 50 * h);
    const first = await pass(inWindow);
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const messages = await mail(o.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.toAddress).toBe('demo.investigation-worker@dcf.example.gov');
    expect(messages[0]!.bodyText).toBe(`A duty in Harbor is due: CL-6 See the child by the response time.\n\nOpen Harbor: https://harbor.test/obligations/${o.id}\n`);
    const before = { h: (await history(o.id)).length, m: (await mail(o.id)).length };
    expect(await pass(inWindow)).toEqual({ claimed: 0, announced: 0, reminded: 0, overdue: 0, escalated: 0 });
    await pass(new Date(inWindow.getTime() + h));
    expect({ h: (await history(o.id)).length, m: (await mail(o.id)).length }).toEqual(before);
    expect((await history(o.id)).map((e) => e.kind)).toEqual(['created', 'reminded']);
  });

  it('audits every duty a pass touches as the scheduler (system:obligation-scheduler): each step a row naming the duty, a duty only rescheduled a read of it', async () => {
    const t0 = new Date('2026-03-16T14:00:00Z');
    const o = await acceptedReferralDuty(30, t0);
    const rows = async () =>
      (await db().select().from(auditEvents).where(and(eq(auditEvents.recordType, 'obligation'), eq(auditEvents.recordId, o.id)))).sort((a, b) => a.id - b.id).map((a) => [a.action, a.username, a.outcome]);
    await pass(new Date(t0.getTime() + h)); // nothing owed yet: looked at, next check at the reminder
    expect(await rows()).toEqual([['obligation.read', 'system:obligation-scheduler', 'success']]);
    await pass(new Date(t0.getTime() + 7 * h)); // inside the reminder window
    await pass(new Date(t0.getTime() + 30 * h)); // due
    expect((await rows()).slice(1)).toEqual([
      ['obligation.remind', 'system:obligation-scheduler', 'success'],
      ['obligation.overdue', 'system:obligation-scheduler', 'success'],
    ]);
    const [remind] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'obligation.remind'), eq(auditEvents.recordId, o.id)));
    expect(remind!.detail).toEqual({ clause: 'CL-6', mailed: 1 });
  });

  it('[CL-6] marks a duty overdue at its due time and escalates a step a day: supervisors of the office, the region’s HART Lead, the HART Director, then stops', async () => {
    const t0 = new Date('2026-04-06T14:00:00Z');
    const o = await acceptedReferralDuty(2, t0);
    const due = new Date(t0.getTime() + 2 * h);
    await pass(t0); // inside the window: reminded at once
    await pass(due);
    let [row] = await db().select().from(obligations).where(eq(obligations.id, o.id));
    expect(row).toMatchObject({ state: 'overdue', escalationLevel: 0, nextCheckAt: new Date(due.getTime() + 24 * h) });

    await pass(new Date(due.getTime() + 24 * h));
    [row] = await db().select().from(obligations).where(eq(obligations.id, o.id));
    expect(row!.escalationLevel).toBe(1);
    const supervisors = await addressesOf('supervisor', sql`o.code = 'HFD'`);
    expect(supervisors).toContain('demo.supervisor@dcf.example.gov');
    const level1 = (await mail(o.id)).filter((m) => m.idempotencyKey.includes(':escalated-1:'));
    expect(level1.map((m) => m.toAddress).sort()).toEqual(supervisors);

    await pass(new Date(due.getTime() + 48 * h));
    const leads = await addressesOf('hart_lead', sql`o.region_code = (select region_code from offices where code = 'HFD')`);
    expect(leads).toContain('demo.hart-lead@dcf.example.gov');
    expect((await mail(o.id)).filter((m) => m.idempotencyKey.includes(':escalated-2:')).map((m) => m.toAddress).sort()).toEqual(leads);

    await pass(new Date(due.getTime() + 72 * h));
    const director = await addressesOf('hart_director', sql`true`);
    expect((await mail(o.id)).filter((m) => m.idempotencyKey.includes(':escalated-3:')).map((m) => m.toAddress).sort()).toEqual(director);
    [row] = await db().select().from(obligations).where(eq(obligations.id, o.id));
    expect(row).toMatchObject({ escalationLevel: 3, nextCheckAt: null });

    await pass(new Date(due.getTime() + 500 * h));
    const events = await history(o.id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'reminded', 'overdue', 'escalated', 'escalated', 'escalated']);
    const ro = (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, 'R4-RO')))[0]!.id;
    expect(events.filter((e) => e.kind === 'escalated').map((e) => [e.toRole, e.toOfficeId])).toEqual([
      ['supervisor', hfd],
      ['hart_lead', ro],
      ['hart_director', null],
    ]);
    const audits = await queryRows<{ n: string | number }>(db(), sql`select count(*) as n from audit_events where action = 'obligation.escalate' and record_id = ${o.id}`);
    expect(Number(audits[0]!.n)).toBe(3);
  });

  it('[HL-1] an unheld consult, owned by the office’s HART liaisons, escalates first to the HART Lead 24 hours after its 72 hours, then to the Director', async () => {
    const t0 = new Date('2026-05-04T13:00:00Z');
    clock.set(t0);
    const requester = (await db().select({ id: users.id }).from(users).where(eq(users.username, 'demo.investigation-worker')))[0]!.id;
    const { consult } = await db().transaction((tx) => requestConsult(tx, ctx(), requester, { subjectType: 'referral', subjectId: crypto.randomUUID(), officeId: hfd, reason: 'synthetic', idempotencyKey: crypto.randomUUID() }));
    const [o] = await db().select().from(obligations).where(and(eq(obligations.subjectType, 'consult'), eq(obligations.subjectId, consult.id)));
    expect(o).toMatchObject({ clause: 'HL-1', ownerRole: 'hart_liaison', ownerOfficeId: hfd, dueAt: new Date(t0.getTime() + 72 * h) });
    await pass(new Date(t0.getTime() + 72 * h));
    await pass(new Date(t0.getTime() + 95 * h));
    expect((await db().select().from(obligations).where(eq(obligations.id, o!.id)))[0]!.escalationLevel).toBe(0);
    await pass(new Date(t0.getTime() + 96 * h));
    let events = (await history(o!.id)).filter((e) => e.kind === 'escalated');
    expect(events.map((e) => e.toRole)).toEqual(['hart_lead']);
    await pass(new Date(t0.getTime() + 120 * h));
    events = (await history(o!.id)).filter((e) => e.kind === 'escalated');
    expect(events.map((e) => [e.toRole, e.detail?.['level']])).toEqual([
      ['hart_lead', 2],
      ['hart_director', 3],
    ]);
    const liaisons = await addressesOf('hart_liaison', sql`o.code = 'HFD'`);
    expect((await mail(o!.id)).filter((m) => m.idempotencyKey.includes(':overdue:')).map((m) => m.toAddress).sort()).toEqual(liaisons);
    expect((await mail(o!.id)).some((m) => m.idempotencyKey.includes(':escalated-1:'))).toBe(false);
  });

  it('[HL-1] tells the area office’s HART liaisons of a consult request at the first pass, once, with the due time and no child data', async () => {
    const t0 = new Date('2026-05-11T13:00:00Z');
    clock.set(t0);
    const requester = (await db().select({ id: users.id }).from(users).where(eq(users.username, 'demo.investigation-worker')))[0]!.id;
    const { consult } = await db().transaction((tx) =>
      requestConsult(tx, ctx(), requester, { subjectType: 'referral', subjectId: crypto.randomUUID(), officeId: hfd, reason: 'SECRET-REASON: works nights', idempotencyKey: crypto.randomUUID() }),
    );
    const [o] = await db().select().from(obligations).where(and(eq(obligations.subjectType, 'consult'), eq(obligations.subjectId, consult.id)));
    const first = await pass(new Date(t0.getTime() + 60_000));
    expect(first.announced).toBeGreaterThanOrEqual(1);
    await pass(new Date(t0.getTime() + 120_000));
    const told = (await mail(o!.id)).filter((m) => m.idempotencyKey.includes(':announced:'));
    expect(told.map((m) => m.toAddress).sort()).toEqual(await addressesOf('hart_liaison', sql`o.code = 'HFD'`));
    expect(told[0]!.subject).toBe('Harbor: a new duty for you (HL-1)');
    // 72 hours after 9:00 a.m. EDT on Monday 11 May: Thursday 14 May, 9:00 a.m. EDT.
    expect(told[0]!.bodyText).toContain('HL-1 Hold the HART consult, due May 14, 2026, 9:00 AM EDT');
    expect(told[0]!.bodyText).toContain(`https://harbor.test/obligations/${o!.id}`);
    for (const m of told) expect(`${m.subject} ${m.bodyText}`).not.toMatch(/SECRET|works nights|HC-/);
    expect((await history(o!.id)).filter((e) => e.kind === 'announced')).toHaveLength(1);
    // The reminder a day before the due time still comes.
    await pass(new Date(t0.getTime() + 49 * h));
    expect((await mail(o!.id)).filter((m) => m.idempotencyKey.includes(':reminder:')).length).toBe(told.length);
  });

  it('[HL-1] a consult for an office with no HART liaison: the region’s HART Lead is told at once', async () => {
    const t0 = new Date('2026-05-18T13:00:00Z');
    clock.set(t0);
    const [nhv] = await db().select({ id: offices.id, region: offices.regionCode }).from(offices).where(eq(offices.code, 'NHV'));
    const liaisons = await queryRows<{ id: string }>(db(), sql`select u.id from users u join user_roles r on r.user_id = u.id and r.role = 'hart_liaison' where u.office_id = ${nhv!.id} and u.disabled_at is null`);
    await db().update(users).set({ disabledAt: t0 }).where(inArray(users.id, liaisons.map((l) => l.id)));
    try {
      const requester = (await db().select({ id: users.id }).from(users).where(eq(users.username, 'demo.investigation-worker')))[0]!.id;
      const { consult } = await db().transaction((tx) => requestConsult(tx, ctx(), requester, { subjectType: 'referral', subjectId: crypto.randomUUID(), officeId: nhv!.id, reason: 'synthetic', idempotencyKey: crypto.randomUUID() }));
      const [o] = await db().select().from(obligations).where(and(eq(obligations.subjectType, 'consult'), eq(obligations.subjectId, consult.id)));
      await pass(new Date(t0.getTime() + 60_000));
      const told = (await mail(o!.id)).filter((m) => m.idempotencyKey.includes(':unowned:'));
      expect(told.map((m) => m.toAddress).sort()).toEqual(await addressesOf('hart_lead', sql`o.region_code = ${nhv!.region}`));
      expect(told[0]!.subject).toBe('Harbor: nobody holds a new duty (HL-1)');
      expect((await history(o!.id)).filter((e) => e.kind === 'announced').map((e) => e.toRole)).toEqual(['hart_lead']);
    } finally {
      await db().update(users).set({ disabledAt: null }).where(inArray(users.id, liaisons.map((l) => l.id)));
    }
  });

  it('[IN-4] never reminds a duty due immediately: it is overdue at the next pass, and its owner is told', async () => {
    const t0 = new Date('2026-06-01T14:00:00Z');
    clock.set(t0);
    const referral = crypto.randomUUID();
    // IN-4's duty is due at once (Harbor's one action completes it as it is raised); raised alone here, it waits.
    const [o] = await db().transaction((tx) => raiseObligations(tx, ctx(), { kind: 'ht_identified_in_investigation', at: t0, subjects: { referral }, officeId: hfd, assigneeId: worker }, null));
    expect(o).toMatchObject({ clause: 'IN-4', dueAt: t0 });
    await pass(new Date(t0.getTime() + 60_000));
    expect((await history(o!.id)).map((e) => e.kind)).toEqual(['created', 'overdue']);
    expect((await mail(o!.id)).map((m) => m.idempotencyKey.split(':')[2])).toEqual(['overdue']);
  });

  it('[IN-7] [IN-8] are not overdue the moment they are raised: the coordinator is due the next business day, the missing-child check within 4 hours', async () => {
    const t0 = new Date('2026-06-05T14:00:00Z'); // a Friday, 10:00 a.m. EDT
    clock.set(t0);
    const rows = await db().transaction((tx) =>
      raiseObligations(tx, ctx(), { kind: 'referral_accepted', at: t0, subjects: { referral: crypto.randomUUID() }, officeId: hfd, assigneeId: worker, facts: { responseDueAt: new Date(t0.getTime() + 72 * h).toISOString(), usCitizen: false, missing: true } }, null),
    );
    const in7 = rows.find((r) => r.clause === 'IN-7')!;
    const in8 = rows.find((r) => r.clause === 'IN-8')!;
    expect(in7.dueAt).toEqual(new Date('2026-06-08T14:00:00Z')); // Monday, same time
    expect(in8.dueAt).toEqual(new Date(t0.getTime() + 4 * h));
    await pass(new Date(t0.getTime() + 60_000));
    for (const o of [in7, in8]) expect((await db().select().from(obligations).where(eq(obligations.id, o.id)))[0]!.state).toBe('open');
    await pass(new Date(t0.getTime() + 4 * h));
    expect((await db().select().from(obligations).where(eq(obligations.id, in8.id)))[0]!.state).toBe('overdue');
  });

  it('skips users without an e-mail address', async () => {
    const t0 = new Date('2026-07-06T14:00:00Z');
    const [noMail] = await db().insert(users).values({ username: 'no.mail', displayName: 'No Mail', email: null, passwordHash: 'x', officeId: hfd }).returning();
    await db().insert(userRoles).values({ userId: noMail!.id, role: 'investigation_worker' });
    clock.set(t0);
    const [o] = await db().transaction((tx) =>
      raiseObligations(tx, ctx(), { kind: 'referral_accepted', at: t0, subjects: { referral: crypto.randomUUID() }, officeId: hfd, assigneeId: noMail!.id, facts: { responseDueAt: new Date(t0.getTime() + 3 * h).toISOString() } }, null),
    );
    await pass(t0);
    expect((await history(o!.id)).map((e) => e.kind)).toEqual(['created', 'reminded']);
    expect(await mail(o!.id)).toHaveLength(0);
  });
});

// On PostgreSQL: a second connection pool, as a second server instance has. The embedded database
// takes one process only; there the two passes interleave on its one connection.
describe(onPostgres ? 'two server instances on one PostgreSQL' : 'two scheduler passes at once on the embedded database', () => {
  it('[HL-1] run the scheduler at once, and every reminder, overdue mark and escalation happens exactly once', async () => {
    const second = onPostgres ? await openDatabase({ databaseUrl: server.db.appUrl, dataDir: '', command: 'test' }) : null;
    try {
      const t0 = new Date('2026-09-07T14:00:00Z');
      const made: string[] = [];
      for (let i = 0; i < 24; i++) made.push((await acceptedReferralDuty(30, t0)).id);
      const due = new Date(t0.getTime() + 30 * h);
      const instants = [t0, new Date(t0.getTime() + 10 * h), due, new Date(due.getTime() + 24 * h), new Date(due.getTime() + 48 * h), new Date(due.getTime() + 72 * h)];
      const shares: [number, number] = [0, 0];
      for (const at of instants) {
        const [a, b] = await Promise.all([pass(at), pass(at, second ? dataLayer(second).forSystem(schedulerReason) : scheduler())]);
        shares[0] += a.escalated + a.overdue;
        shares[1] += b.escalated + b.overdue;
      }
      const counts = await queryRows<{ obligation_id: string; kind: string; n: string | number }>(
        db(),
        sql`select obligation_id, kind, count(*) as n from obligation_events where obligation_id in (${sql.join(made.map((m) => sql`${m}`), sql`, `)}) group by obligation_id, kind`,
      );
      for (const id of made) {
        const of = (kind: string) => Number(counts.find((c) => c.obligation_id === id && c.kind === kind)?.n ?? 0);
        expect([of('created'), of('reminded'), of('overdue'), of('escalated')], id).toEqual([1, 1, 1, 3]);
      }
      const messages = await db().select({ key: outboxMessages.idempotencyKey }).from(outboxMessages).where(like(outboxMessages.idempotencyKey, 'obligation:%'));
      const ours = messages.filter((m) => made.some((id) => m.key.startsWith(`obligation:${id}:`)));
      const supervisors = (await addressesOf('supervisor', sql`o.code = 'HFD'`)).length;
      const leads = (await addressesOf('hart_lead', sql`o.region_code = (select region_code from offices where code = 'HFD')`)).length;
      const directors = (await addressesOf('hart_director', sql`true`)).length;
      // reminder + overdue to the owner, then each level's people, once per duty.
      expect(ours).toHaveLength(made.length * (2 + supervisors + leads + directors));
      if (onPostgres) expect(shares.every((s) => s > 0), `the work was shared: ${shares.join(', ')}`).toBe(true);
    } finally {
      await second?.close();
    }
  });
});

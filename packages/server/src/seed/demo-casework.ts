import type { IndicatorCode } from '@harbor/policy';
import type { CompleteItemBody } from '@harbor/policy/api';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Actor } from '../access/index.js';
import { loadAuthUser } from '../auth/index.js';
import { createCase, raiseHtConcern } from '../cases/index.js';
import type { Config } from '../config.js';
import type { Vault } from '../crypto/index.js';
import type { DataLayer } from '../data/index.js';
import type { Db } from '../db/client.js';
import { cases, obligations, offices, people, referrals, userRoles, users } from '../db/schema.js';
import type { Clock } from '../http/types.js';
import { completeItem } from '../investigations/service.js';

/**
 * The demo's casework (synthetic only), through the same services as a worker's clicks: a dozen
 * open cases across the area offices, some with an HT concern raised (OG-1 .. OG-4), one with a
 * later new HT allegation too, one imported
 * with a concern but no DCF-737 (HL-2 shows it), and the investigation checklists of the demo
 * week's assigned HT referrals partly done (IN-1's consult requested, IN-5, IN-3).
 */
const hourMs = 3_600_000;
const officesWithCases = ['HFD', 'HFD', 'HFD', 'MAN', 'NBR', 'BPT', 'NHV', 'WTB', 'NWH', 'DBY', 'NWK', 'MDT'];
const concerns: { indicators: IndicatorCode[]; narrative: string }[] = [
  { indicators: ['missing_now', 'hotel_keys_or_supplies', 'much_older_partner'], narrative: 'The foster mother reports the youth came back after two nights away with hotel key cards and a new phone, and talks about an older boyfriend who "takes care of" her.' },
  { indicators: ['long_hours_little_pay', 'owes_debt'], narrative: 'At the home visit the youth said he works nights at a relative’s restaurant to pay back the cost of his travel, and is too tired for school.' },
  { indicators: ['second_phone', 'meets_online_adults', 'unexplained_goods'], narrative: 'The school counselor reports the student has a second phone, new clothes she cannot explain, and has been meeting adults she met online.' },
  { indicators: ['repeated_runaway', 'found_far_from_home'], narrative: 'The youth ran from the group home three times this month and was last found in another state with no account of how she got there.' },
];

export async function seedDemoCasework(db: Db, data: DataLayer, vault: Vault, config: Config, now: Date = new Date()): Promise<number> {
  let at = new Date(now.getTime() - 5 * 24 * hourMs);
  const clock: Clock = { now: () => at };
  const ctx = { clock, vault, timeZone: config.timeZone, config };
  // The services take the caller's repository: each demo action is the seeded user's own, scoped and audited.
  const actors = new Map<string, Actor>();
  const actor = async (userId: string): Promise<Actor> => {
    if (!actors.has(userId)) {
      const user = await loadAuthUser(db, userId);
      if (!user) throw new Error('demo casework: a seeded user is missing');
      actors.set(userId, { user, requestId: null, clientAddress: null, system: 'demo-seed' });
    }
    return actors.get(userId)!;
  };
  const staff = async (role: string, code: string) =>
    db
      .select({ id: users.id, username: users.username, officeId: offices.id })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, role)))
      .innerJoin(offices, eq(offices.id, users.officeId))
      .where(eq(offices.code, code))
      .orderBy(asc(users.username));

  let made = 0;
  const used = new Map<string, number>();
  for (const [i, code] of officesWithCases.entries()) {
    const supervisors = await staff('supervisor', code);
    const workers = await staff('ongoing_worker', code);
    const supervisor = supervisors.find((s) => s.username === 'demo.supervisor') ?? supervisors[0];
    const worker = workers.find((w) => w.username === 'demo.ongoing-worker') ?? workers[i % Math.max(workers.length, 1)];
    if (!supervisor || !worker) continue;
    const n = used.get(code) ?? 0;
    used.set(code, n + 1);
    const [child] = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.officeId, supervisor.officeId), eq(people.kind, 'child')))
      .orderBy(asc(people.createdAt), asc(people.id))
      .offset(n)
      .limit(1);
    if (!child) continue;
    at = new Date(now.getTime() - (5 * 24 - i * 6) * hourMs);
    const opened = await createCase(data.forUser(await actor(supervisor.id)), ctx, { child: { kind: 'existing', personId: child.id }, officeId: supervisor.officeId, workerId: worker.id, idempotencyKey: `demo-case-${i}` });
    made++;
    if (i % 2 === 0 && i < 10) {
      // OG-1 .. OG-4, raised by the case's ongoing worker a day or two after opening.
      at = new Date(at.getTime() + (20 + i) * hourMs);
      const concern = concerns[(i / 2) % concerns.length]!;
      // The estimated age counts only for a child whose record has no date of birth (OG-3's referral needs an age).
      await raiseHtConcern(data.forUser(await actor(worker.id)), ctx, opened.id, { ...concern, estimatedAge: 15, idempotencyKey: `demo-concern-${i}` });
      if (i === 0) {
        // A new HT allegation two days later on the same case: its own DCF-737s and Careline referral.
        at = new Date(at.getTime() + 48 * hourMs);
        const later = concerns[1]!;
        await raiseHtConcern(data.forUser(await actor(worker.id)), ctx, opened.id, { ...later, estimatedAge: 15, idempotencyKey: `demo-allegation-${i}` });
      }
    } else if (i === 11) {
      // Imported from the main system with an HT concern already recorded and no DCF-737: HL-2 lists it.
      await db.update(cases).set({ htConcernAt: new Date(now.getTime() - 30 * hourMs), htConcernBy: worker.id }).where(eq(cases.id, opened.id));
    }
  }

  // The week's assigned HT investigations: the older ones further along.
  const assigned = await db
    .select({ id: referrals.id, investigatorId: referrals.investigatorId, assignedAt: referrals.investigatorAssignedAt })
    .from(referrals)
    .where(and(eq(referrals.status, 'accepted'), eq(referrals.htCharacteristics, true), isNotNull(referrals.investigatorId)))
    .orderBy(asc(referrals.investigatorAssignedAt));
  for (const [i, r] of assigned.entries()) {
    if (!r.investigatorId || !r.assignedAt) continue;
    const who = await actor(r.investigatorId);
    // Only what is still open (the week's HART consults were requested from the consult page, which completes IN-1).
    const items = await db
      .select({ id: obligations.id, completes: obligations.completes })
      .from(obligations)
      .where(and(eq(obligations.subjectType, 'referral'), eq(obligations.subjectId, r.id), inArray(obligations.state, ['open', 'overdue'])));
    const item = (completes: string) => items.find((x) => x.completes === completes)?.id;
    const step = async (completes: string, body: CompleteItemBody, hours: number) => {
      const id = item(completes);
      if (!id) return;
      at = new Date(r.assignedAt!.getTime() + hours * hourMs);
      if (at > now) return;
      await completeItem(data.forUser(who), ctx, r.id, id, body);
    };
    const when = (hours: number) => new Date(r.assignedAt!.getTime() + hours * hourMs).toISOString();
    await step('consult_requested', { action: 'request_consult', reason: 'HT characteristics at intake; consult needed on the risk level.', idempotencyKey: `demo-in1-${r.id}` }, 2);
    if (i % 3 !== 2) await step('joint_response_recorded', { action: 'done', who: 'Worker with the local police youth officer', when: when(3), outcome: 'Saw the child together at the home; the officer took the report.' }, 4);
    if (i % 2 === 0) await step('legal_consulted', { action: 'not_warranted', reason: 'No court action expected at this stage.' }, 20);
    if (i % 3 === 0) await step('rrg_consulted', { action: 'done', who: 'Regional Resource Group clinician', when: when(26), outcome: 'Recommended a trauma assessment before any placement change.' }, 27);
  }
  return made;
}

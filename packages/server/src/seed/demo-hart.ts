import type { DecisionMapBody } from '@harbor/policy/api';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Actor } from '../access/index.js';
import { loadAuthUser } from '../auth/index.js';
import type { Config } from '../config.js';
import { completeDecisionMap, enterConsult, holdConsult, overrideConsult, requestConsultFor } from '../consults/index.js';
import type { Vault } from '../crypto/index.js';
import type { Db } from '../db/client.js';
import type { DataLayer } from '../data/index.js';
import { hartTeamMembers, offices, referrals, userRoles, users } from '../db/schema.js';
import { answerSupport, escalateSupport, recordMeeting, requestSupport, respondToEscalation } from '../hart/index.js';
import type { Clock } from '../http/types.js';

/**
 * HART in the demo week: a local team in every area office (its liaisons, a supervisor, workers,
 * the region's Lead), a few team meetings, consults on the week's assigned referrals in every
 * state (requested, one overdue, held with a Decision Map, one overridden, one entered), and
 * support requests open, answered, escalated and answered by the Director. Everything goes
 * through the services, at the times of its story; every word is synthetic.
 */
const hourMs = 3_600_000;

const maps: DecisionMapBody['answers'][] = [
  { sex: { sex_disclosed: 'no', sex_evidence: 'no', sex_red_flags: 'one' }, labor: { labor_disclosed: 'no', labor_evidence: 'no', labor_red_flags: 'none', labor_vulnerability: 'no' } },
  { sex: { sex_disclosed: 'yes', sex_corroborated: 'no' }, labor: { labor_disclosed: 'no', labor_evidence: 'no', labor_red_flags: 'none', labor_vulnerability: 'yes' } },
  { sex: { sex_disclosed: 'no', sex_evidence: 'no', sex_red_flags: 'none', sex_vulnerability: 'no' }, labor: { labor_disclosed: 'yes', labor_corroborated: 'yes' } },
  { sex: { sex_disclosed: 'no', sex_evidence: 'yes', sex_established: 'no' }, labor: { labor_disclosed: 'no', labor_evidence: 'no', labor_red_flags: 'several', labor_control: 'yes' } },
];
const reasons = [
  'The worker sees several red flags and the child will not say who pays for her phone.',
  'Possible labor trafficking: the child works nights and owes the employer for travel.',
  'The child ran away twice this month and came back with hotel key cards.',
];

export async function seedDemoHart(db: Db, data: DataLayer, vault: Vault, config: Config, now: Date = new Date()): Promise<void> {
  let at = now;
  const clock: Clock = { now: () => at };
  const ctx = { clock, vault, timeZone: config.timeZone };
  const actors = new Map<string, Actor>();
  const actor = async (userId: string): Promise<Actor> => {
    if (!actors.has(userId)) {
      const user = await loadAuthUser(db, userId);
      if (!user) throw new Error('demo HART: a seeded user is missing');
      actors.set(userId, { user, requestId: null, clientAddress: null, system: 'demo-seed' });
    }
    return actors.get(userId)!;
  };
  // The services take the caller's repository: one bound to the demo user (`data` and `db` are the same database: see seedDemoReferrals).
  const repo = async (userId: string) => data.forUser(await actor(userId));
  const staff = await db
    .select({ id: users.id, username: users.username, role: userRoles.role, officeId: users.officeId, office: offices.code, kind: offices.kind, region: offices.regionCode })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(offices, eq(offices.id, users.officeId))
    .orderBy(asc(users.username));
  const first = (role: string, officeId?: string, region?: string | null) =>
    staff.find((s) => s.role === role && (officeId === undefined || s.officeId === officeId) && (region === undefined || s.region === region) && s.username.startsWith('demo.')) ??
    staff.find((s) => s.role === role && (officeId === undefined || s.officeId === officeId) && (region === undefined || s.region === region));
  const director = first('hart_director');
  if (!director) throw new Error('demo HART: the demo agency is not seeded');

  // LD-1: a team in every area office.
  const areaOffices = await db.select({ id: offices.id, code: offices.code, region: offices.regionCode }).from(offices).where(eq(offices.kind, 'area_office')).orderBy(asc(offices.code));
  const members: (typeof hartTeamMembers.$inferInsert)[] = [];
  const weekAgo = new Date(now.getTime() - 60 * 24 * hourMs);
  for (const o of areaOffices) {
    const here = staff.filter((s) => s.officeId === o.id);
    const pickRole = (role: string) => here.filter((s) => s.role === role);
    for (const l of pickRole('hart_liaison')) members.push({ officeId: o.id, userId: l.id, teamRole: 'HART liaison', addedAt: weekAgo, addedBy: director.id });
    const sup = pickRole('supervisor')[0];
    if (sup) members.push({ officeId: o.id, userId: sup.id, teamRole: 'Program supervisor', addedAt: weekAgo, addedBy: director.id });
    const inv = pickRole('investigation_worker')[0];
    if (inv) members.push({ officeId: o.id, userId: inv.id, teamRole: 'Investigation social worker', addedAt: weekAgo, addedBy: director.id });
    const ong = pickRole('ongoing_worker')[0];
    if (ong) members.push({ officeId: o.id, userId: ong.id, teamRole: 'Ongoing social worker', addedAt: weekAgo, addedBy: director.id });
    const lead = first('hart_lead', undefined, o.region);
    if (lead) members.push({ officeId: o.id, userId: lead.id, teamRole: 'HART Lead', addedAt: weekAgo, addedBy: director.id });
  }
  if (members.length > 0) await db.insert(hartTeamMembers).values(members);
  // A few local meetings, recorded by the office's liaison.
  for (const [i, o] of areaOffices.slice(0, 6).entries()) {
    const liaison = first('hart_liaison', o.id);
    if (!liaison) continue;
    const attendees = members.filter((m) => m.officeId === o.id).slice(0, 3 + (i % 2)).map((m) => m.userId);
    at = new Date(now.getTime() - (2 + i) * 24 * hourMs);
    await recordMeeting(await repo(liaison.id), ctx, o.id, {
      heldAt: at.toISOString(),
      attendeeIds: attendees,
      notes: i % 2 === 0 ? 'Reviewed the week’s new referrals and two open cases; the school resource officer will join next time.' : 'Planned outreach to the local hotels with the police department.',
    });
  }

  // HL-1 .. HL-5: consults on the week's accepted referrals that have an investigator.
  const assigned = await db
    .select({ id: referrals.id, investigatorId: referrals.investigatorId, decidedAt: referrals.decidedAt })
    .from(referrals)
    .where(and(eq(referrals.status, 'accepted'), isNotNull(referrals.investigatorId), isNotNull(referrals.decidedAt), sql`${referrals.townName} is not null`))
    .orderBy(asc(referrals.decidedAt));
  const consults: { id: string; officeId: string; version: number; requestedAt: Date }[] = [];
  for (const [i, r] of assigned.entries()) {
    at = new Date(r.decidedAt!.getTime() + (4 + (i % 3) * 3) * hourMs);
    if (at > now) at = new Date(now.getTime() - hourMs);
    const { view } = await requestConsultFor(await repo(r.investigatorId!), ctx, { subjectType: 'referral', subjectId: r.id, reason: reasons[i % reasons.length]! }, `demo-consult-${r.id}`);
    consults.push({ id: view.id, officeId: view.office.id, version: view.version, requestedAt: at });
  }
  // The oldest stays requested and overdue; the newest two stay requested (due later); the rest are held.
  const held = consults.slice(1, Math.max(1, consults.length - 2));
  for (const [i, c] of held.entries()) {
    const liaison = first('hart_liaison', c.officeId);
    if (!liaison) continue;
    at = new Date(Math.min(c.requestedAt.getTime() + (20 + i * 7) * hourMs, now.getTime() - hourMs));
    const heldView = await holdConsult(await repo(liaison.id), ctx, c.id, {
      heldAt: at.toISOString(),
      participants: [
        { name: 'HART liaison', role: 'DCF area office' },
        { name: 'Investigation social worker', role: 'DCF area office' },
        ...(i % 2 === 0 ? [{ name: 'Detective on the case', role: 'Local police department' }] : []),
      ],
      informationReviewed: 'The referral, the investigation worker’s first visit, school attendance records.',
      recommendations: i % 2 === 0 ? 'Forensic interview at the children’s advocacy center; safety plan with the caregiver.' : 'Refer to the MDT for case review; medical exam within the week.',
      mdtCollaborated: i % 3 !== 2,
      ...(i % 2 === 0 ? { lawEnforcementAssistance: 'Connected the detective with the school and the hotel’s security staff.' } : {}),
      version: c.version,
    });
    if (i % 4 === 3) continue; // held, Decision Map still to do
    at = new Date(at.getTime() + 2 * hourMs);
    let mapped = await completeDecisionMap(await repo(liaison.id), ctx, c.id, { answers: maps[i % maps.length]!, version: heldView.version });
    if (i === 1) {
      const supervisor = first('supervisor', c.officeId);
      if (supervisor) {
        at = new Date(at.getTime() + 3 * hourMs);
        mapped = await overrideConsult(await repo(supervisor.id), ctx, c.id, { sex: mapped.riskSex === 'suspected' ? 'confirmed' : 'suspected', reason: 'The police found an online ad with the child’s photo after the consult.', version: mapped.version });
      }
    }
    if (i === 0 || i === 2) {
      at = new Date(Math.min(at.getTime() + 24 * hourMs, now.getTime() - 30 * 60_000));
      await enterConsult(await repo(liaison.id), ctx, c.id, { version: mapped.version });
    }
  }

  // LD-2, LD-4, DR-3: support requests: open, answered, escalated, and one answered by the Director.
  const asks = [
    { kind: 'recovery_operation' as const, question: 'The child was seen at a motel off I-84; who leads a recovery with two police departments?' },
    { kind: 'treatment' as const, question: 'Which residential programs take a 15-year-old boy with a labor-trafficking history?' },
    { kind: 'law_enforcement' as const, question: 'The detective wants the consult notes; what may I share?' },
    { kind: 'consult' as const, question: 'Can you join a consult on Thursday? The family speaks only Portuguese.' },
  ];
  for (const [i, ask] of asks.entries()) {
    const c = consults[i];
    const liaison = c ? first('hart_liaison', c.officeId) : first('hart_liaison');
    if (!liaison) continue;
    at = new Date(now.getTime() - (30 - i * 6) * hourMs);
    const { view } = await requestSupport(await repo(liaison.id), ctx, { ...ask, ...(c ? { consultId: c.id } : {}), idempotencyKey: `demo-support-${i}` });
    const lead = first('hart_lead', undefined, liaison.region);
    if (!lead || i === 3) continue; // the last stays open
    at = new Date(at.getTime() + 3 * hourMs);
    if (i === 1) {
      await answerSupport(await repo(lead.id), ctx, view.id, { answer: 'Two programs have beds; I sent both contacts to you by e-mail.', version: view.version });
      continue;
    }
    const escalated = await escalateSupport(await repo(lead.id), ctx, view.id, { reason: 'It crosses regions and needs the State Police.', version: view.version });
    if (i === 2) {
      at = new Date(at.getTime() + 4 * hourMs);
      await respondToEscalation(await repo(director.id), ctx, view.id, { response: 'Share only what the disclosure rules allow; I will call the detective’s lieutenant.', version: escalated.version });
    }
  }
}

import { roles, type Role } from '@harbor/policy';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { assignments, auditEvents, cases, consults, hartTeamMembers, obligations, offices, partnerAgencies, people, referrals, users } from '../db/schema.js';
import { requestConsult } from '../consults/index.js';
import { demoPassword, demoSecondAdministrator, demoUsername } from '../seed/index.js';
import { Client, startTestServer, type Reply, type TestServer } from '../test/harness.js';
import { completeDraft } from '../test/referral-fixtures.js';
import { draftIn } from '../test/casework-fixtures.js';

const hartfordDraft = (changes: Record<string, unknown> = {}) => draftIn('Hartford', changes);
import { openIdentity } from '../people/index.js';
import { recordRouteNoun } from './index.js';

/**
 * Every route, tried by every role and by a caller who is not signed in. The expectations are
 * written out here, from the agency's policy as people read it, not derived from the server's
 * permission data: a route added without a row here fails the first test.
 */
let server: TestServer;
const db = () => server.db.database.db;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

type Who = Role | 'anonymous';
interface Me {
  id: string;
  office: { id: string; code: string };
}
interface Req {
  path: string;
  body?: unknown;
}
interface RouteSpec {
  /** Roles that may use the route. */
  allowed: readonly Role[];
  /** The answer to an allowed role's request below (a deliberately refused body is a 400). */
  ok: number;
  /** The answer to a caller who is not signed in. */
  anonymous: number;
  /**
   * Roles that hold the route's permission and reach the record, but whose action it is not (a
   * Lead holding a liaison's consult): 403 with the reason, since they read the record anyway.
   */
  refusedInReach?: readonly Role[];
  /** The call ends or replaces the caller's session: make it from a throwaway sign-in. */
  fresh?: boolean;
  request(who: Who, me: Me | null): Req | Promise<Req>;
}

const everyone: readonly Role[] = roles;
const caseworkers: readonly Role[] = ['careline_worker', 'careline_supervisor', 'investigation_worker', 'ongoing_worker', 'supervisor', 'hart_liaison', 'hart_lead', 'hart_director'];
const recordReaders: readonly Role[] = [...caseworkers, 'mdt_coordinator', 'eligibility_coordinator'];
const staffReaders: readonly Role[] = ['administrator', 'auditor'];
const administrators: readonly Role[] = ['administrator'];
const careline: readonly Role[] = ['careline_worker', 'careline_supervisor'];
// The investigation worker reads the referrals assigned to them (CL-5).
const referralReaders: readonly Role[] = [...careline, 'hart_director', 'investigation_worker'];
// Who completes duties or marks them not needed (obligation.update).
const dutyHolders: readonly Role[] = ['investigation_worker', 'ongoing_worker', 'supervisor', 'hart_liaison', 'hart_lead', 'hart_director'];

/** Records the routes act on, made in beforeAll. */
const target = { person: '', office: '', user: '', partner: '', referral: '', drafts: {} as Record<string, string>, complete: {} as Record<string, string>, phone: {} as Record<string, string>, decide: {} as Record<string, string>, pending: '', accepted: '', waiting: '' };
/** HART records the consult and team routes act on, made in beforeAll. */
const hart = { referral: '', case: '', asked: '', consult: '', mapped: '', toEnter: '', hfd: '', member: '', support: '', candidates: [] as string[] };
const consultReaders: readonly Role[] = ['investigation_worker', 'ongoing_worker', 'supervisor', 'hart_liaison', 'hart_lead', 'hart_director'];
const mapAnswers = { sex: { sex_disclosed: 'no', sex_evidence: 'yes', sex_established: 'no' }, labor: { labor_disclosed: 'yes', labor_corroborated: 'no' } };
/** Issue 4 casework: an assigned HT investigation, an assigned one without HT (IN-4), an open Hartford case. */
const casework = { investigation: '', legalItem: '', noHt: '', case: '', ongoingWorker: '', phone: {} as Record<string, string> };
const version = async (table: typeof people | typeof offices | typeof users | typeof partnerAgencies | typeof referrals | typeof consults, id: string) =>
  (await db().select({ v: table.version }).from(table).where(eq(table.id, id)))[0]!.v;
let n = 0;

/** CF-1: changes the second demo administrator asked for (a refused role is refused before a lookup). */
const approvals = { fixed: '', second: null as Client | null };
async function askedBySecondAdministrator(): Promise<string> {
  if (!approvals.second) {
    approvals.second = new Client(server.baseUrl);
    expect((await approvals.second.signIn(demoSecondAdministrator, demoPassword)).status).toBe(200);
  }
  const co = (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, 'CO')))[0]!.id;
  const r = await approvals.second.post<{ approval: { id: string } }>('/api/users', {
    username: `matrix.wide.${++n}`, displayName: `Matrix Wide ${n}`, email: null, roles: ['careline_supervisor'], officeId: co, password: 'a-long-temporary-password',
  });
  expect(r.status).toBe(202);
  return r.body.approval.id;
}

const matrix: Record<string, RouteSpec> = {
  'GET /api/session': { allowed: everyone, ok: 200, anonymous: 200, request: () => ({ path: '/api/session' }) },
  'POST /api/session': {
    allowed: everyone,
    ok: 200,
    anonymous: 200,
    fresh: true,
    request: (who) => ({ path: '/api/session', body: { username: demoUsername(who === 'anonymous' ? 'hart_liaison' : who), password: demoPassword } }),
  },
  'DELETE /api/session': { allowed: everyone, ok: 200, anonymous: 401, fresh: true, request: () => ({ path: '/api/session' }) },
  'POST /api/session/keepalive': { allowed: everyone, ok: 200, anonymous: 401, request: () => ({ path: '/api/session/keepalive' }) },
  // A wrong current password: the route is reached and refuses the change (400), nothing changes.
  'POST /api/session/password': {
    allowed: everyone,
    ok: 400,
    anonymous: 401,
    request: () => ({ path: '/api/session/password', body: { currentPassword: 'not-my-password', newPassword: 'a-new-long-password' } }),
  },
  'GET /api/agency': { allowed: everyone, ok: 200, anonymous: 401, request: () => ({ path: '/api/agency' }) },
  'GET /api/offices': { allowed: everyone, ok: 200, anonymous: 401, request: () => ({ path: '/api/offices' }) },
  'GET /api/offices/:id': { allowed: everyone, ok: 200, anonymous: 401, request: () => ({ path: `/api/offices/${target.office}` }) },
  'POST /api/offices': {
    allowed: administrators,
    ok: 201,
    anonymous: 401,
    request: () => ({ path: '/api/offices', body: { code: `MX-${++n}`, name: `Matrix unit ${n}`, kind: 'area_office', regionCode: 'R4', townName: null, phone: null } }),
  },
  'PATCH /api/offices/:id': {
    allowed: administrators,
    ok: 200,
    anonymous: 401,
    request: async () => ({ path: `/api/offices/${target.office}`, body: { phone: '860-555-0100', version: await version(offices, target.office) } }),
  },
  'GET /api/users': { allowed: staffReaders, ok: 200, anonymous: 401, request: () => ({ path: '/api/users' }) },
  'GET /api/users/:id': { allowed: staffReaders, ok: 200, anonymous: 401, request: () => ({ path: `/api/users/${target.user}` }) },
  'POST /api/users': {
    allowed: administrators,
    ok: 201,
    anonymous: 401,
    request: (_who, me) => ({
      path: '/api/users',
      body: { username: `matrix.${++n}`, displayName: `Matrix ${n}`, email: null, roles: ['ongoing_worker'], officeId: me?.office.id ?? target.office, password: 'a-long-temporary-password' },
    }),
  },
  'PATCH /api/users/:id': {
    allowed: administrators,
    ok: 200,
    anonymous: 401,
    request: async () => ({ path: `/api/users/${target.user}`, body: { displayName: `Renamed ${++n}`, version: await version(users, target.user) } }),
  },
  'POST /api/users/:id/password': {
    allowed: administrators,
    ok: 200,
    anonymous: 401,
    request: async () => ({ path: `/api/users/${target.user}/password`, body: { password: 'another-temporary-pw', version: await version(users, target.user) } }),
  },
  'GET /api/people': { allowed: recordReaders, ok: 200, anonymous: 401, request: () => ({ path: '/api/people' }) },
  'GET /api/people/:id': { allowed: recordReaders, ok: 200, anonymous: 401, request: () => ({ path: `/api/people/${target.person}` }) },
  'POST /api/people': {
    allowed: caseworkers,
    ok: 201,
    anonymous: 401,
    request: (_who, me) => ({
      path: '/api/people',
      body: { kind: 'reporter', firstName: 'Matrix', lastName: `Reporter${++n}`, dateOfBirth: null, gender: 'unknown', townName: null, officeId: me?.office.id ?? target.office },
    }),
  },
  'PATCH /api/people/:id': {
    allowed: caseworkers,
    ok: 200,
    anonymous: 401,
    request: async () => ({ path: `/api/people/${target.person}`, body: { version: await version(people, target.person) } }),
  },
  'GET /api/audit': { allowed: staffReaders, ok: 200, anonymous: 401, request: () => ({ path: '/api/audit?limit=5' }) },
  // Outgoing mail (delivery status, never message bodies): those who send notices or answer for them.
  // Every referral's mail: the Careline supervisor and the HART Director, and administrators (without case details).
  'GET /api/outbox': { allowed: ['careline_supervisor', 'hart_director', 'administrator'], ok: 200, anonymous: 401, request: () => ({ path: '/api/outbox?limit=5' }) },
  // The partner directory (CL-4): contacts of outside agencies; caseworkers read, administrators keep it current.
  'GET /api/directory': { allowed: [...caseworkers, 'administrator'], ok: 200, anonymous: 401, request: () => ({ path: '/api/directory?kind=mdt' }) },
  // Duties (issue 4, items 2, 7, 8). Every role with a duty has My work; supervisors, the Careline
  // supervisor, HART Leads and the Director oversee their unit; the Director alone sees statewide
  // compliance (DR-4). A duty or a timeline outside the caller's reach is not found.
  'GET /api/work': { allowed: recordReaders, ok: 200, anonymous: 401, request: () => ({ path: '/api/work' }) },
  'GET /api/work/unit': { allowed: ['careline_supervisor', 'supervisor', 'hart_lead', 'hart_director'], ok: 200, anonymous: 401, request: () => ({ path: '/api/work/unit?state=overdue' }) },
  'GET /api/work/unit/owners': { allowed: ['careline_supervisor', 'supervisor', 'hart_lead', 'hart_director'], ok: 200, anonymous: 401, request: () => ({ path: '/api/work/unit/owners' }) },
  'GET /api/compliance': { allowed: ['hart_director'], ok: 200, anonymous: 401, request: () => ({ path: '/api/compliance' }) },
  'GET /api/obligations/:id': { allowed: recordReaders, ok: 404, anonymous: 401, request: () => ({ path: `/api/obligations/${crypto.randomUUID()}` }) },
  'POST /api/obligations/:id/complete': {
    allowed: dutyHolders,
    ok: 404,
    anonymous: 401,
    request: () => ({ path: `/api/obligations/${crypto.randomUUID()}/complete`, body: { outcome: 'Done', version: 1 } }),
  },
  'POST /api/obligations/:id/not-needed': {
    allowed: dutyHolders,
    ok: 404,
    anonymous: 401,
    request: () => ({ path: `/api/obligations/${crypto.randomUUID()}/not-needed`, body: { reason: 'Not needed', version: 1 } }),
  },
  'GET /api/timeline/referral/:id': { allowed: recordReaders, ok: 404, anonymous: 401, request: () => ({ path: `/api/timeline/referral/${crypto.randomUUID()}` }) },
  'GET /api/timeline/case/:id': { allowed: recordReaders, ok: 404, anonymous: 401, request: () => ({ path: `/api/timeline/case/${crypto.randomUUID()}` }) },
  'PATCH /api/directory/:id': {
    allowed: administrators,
    ok: 200,
    anonymous: 401,
    request: async () => ({ path: `/api/directory/${target.partner}`, body: { phone: `860-555-01${String(++n % 100).padStart(2, '0')}`, version: await version(partnerAgencies, target.partner) } }),
  },
  // CF-1: administrators list, approve and reject one another's changes (wide reach, child-document
  // addresses). The change to approve is a fresh one the second demo administrator asked for.
  'GET /api/approvals': { allowed: administrators, ok: 200, anonymous: 401, request: () => ({ path: '/api/approvals' }) },
  'POST /api/approvals/:id/approve': {
    allowed: administrators,
    ok: 200,
    anonymous: 401,
    request: async (who) => ({ path: `/api/approvals/${who === 'administrator' ? await askedBySecondAdministrator() : approvals.fixed}/approve`, body: {} }),
  },
  'POST /api/approvals/:id/reject': {
    allowed: administrators,
    ok: 200,
    anonymous: 401,
    request: async (who) => ({ path: `/api/approvals/${who === 'administrator' ? await askedBySecondAdministrator() : approvals.fixed}/reject`, body: { reason: 'Matrix' } }),
  },
  // Careline referrals: the Careline writes them; the HART Director reads them statewide (DR-1).
  'GET /api/referrals': { allowed: referralReaders, ok: 200, anonymous: 401, request: () => ({ path: '/api/referrals?status=submitted' }) },
  'GET /api/referrals/:id': { allowed: referralReaders, ok: 200, anonymous: 401, request: () => ({ path: `/api/referrals/${target.referral}` }) },
  'POST /api/referrals': { allowed: careline, ok: 201, anonymous: 401, request: () => ({ path: '/api/referrals', body: { channel: 'phone', narrative: `Matrix ${++n}` } }) },
  // CL-8: a police report of an arrested youth starts a Careline referral.
  'POST /api/referrals/from-arrest': {
    allowed: careline,
    ok: 201,
    anonymous: 401,
    request: () => ({
      path: '/api/referrals/from-arrest',
      body: { receivedAt: '2026-03-06T01:20:00-05:00', report: { statute: '53a-82', department: 'Hartford Police Department', officerName: `Officer ${++n}` }, youth: { firstName: 'Matrix' } },
    }),
  },
  'PATCH /api/referrals/:id': {
    allowed: careline,
    ok: 200,
    anonymous: 401,
    request: async (who) => {
      const id = target.drafts[who] ?? target.drafts['careline_worker']!;
      return { path: `/api/referrals/${id}`, body: { channel: 'phone', narrative: `Matrix ${++n}`, version: await version(referrals, id) } };
    },
  },
  'POST /api/referrals/:id/submit': {
    allowed: careline,
    ok: 200,
    anonymous: 401,
    request: async (who) => {
      const id = target.complete[who] ?? target.complete['careline_worker']!;
      return { path: `/api/referrals/${id}/submit`, body: { version: await version(referrals, id), idempotencyKey: `matrix-${id}` } };
    },
  },
  'POST /api/referrals/:id/phone-notices': {
    allowed: careline,
    ok: 200,
    anonymous: 401,
    request: (who) => ({
      path: `/api/referrals/${target.phone[who] ?? target.phone['careline_worker']!}/phone-notices`,
      body: { calledAt: new Date().toISOString(), officerName: 'Officer Matrix', badgeNumber: '1234', policeCaseNumber: 'EPD-26-0001' },
    }),
  },
  'POST /api/referrals/:id/decision': {
    allowed: careline,
    ok: 200,
    anonymous: 401,
    request: async (who) => {
      const id = target.decide[who] ?? target.decide['careline_worker']!;
      return { path: `/api/referrals/${id}/decision`, body: { decision: 'not_accepted', reasonCode: 'age_18_or_older', version: await version(referrals, id) } };
    },
  },
  // Repeat victims: the Careline, while writing a referral, looks for a child already known.
  'POST /api/referrals/person-matches': {
    allowed: careline,
    ok: 200,
    anonymous: 401,
    request: () => ({ path: '/api/referrals/person-matches', body: { firstName: 'Jamie', aliases: ['JJ'], dateOfBirth: '2010-06-01' } }),
  },
  // CL-2: only a Careline supervisor approves a non-acceptance.
  'POST /api/referrals/:id/approval': {
    allowed: ['careline_supervisor'],
    ok: 200,
    anonymous: 401,
    request: async () => ({ path: `/api/referrals/${target.pending}/approval`, body: { approved: true, version: await version(referrals, target.pending) } }),
  },
  // CL-5: a supervisor of the region assigns an accepted referral to an investigation worker.
  'GET /api/referrals/assignment-queue': { allowed: ['supervisor'], ok: 200, anonymous: 401, request: () => ({ path: '/api/referrals/assignment-queue' }) },
  'GET /api/referrals/investigators': { allowed: ['supervisor'], ok: 200, anonymous: 401, request: () => ({ path: '/api/referrals/investigators' }) },
  // CL-5: one referral of the supervisor's assignment queue (one never assigned in this run).
  'GET /api/referrals/:id/assignment': { allowed: ['supervisor'], ok: 200, anonymous: 401, request: () => ({ path: `/api/referrals/${target.waiting}/assignment` }) },
  'POST /api/referrals/:id/assignment': {
    allowed: ['supervisor'],
    ok: 200,
    anonymous: 401,
    request: async () => ({
      path: `/api/referrals/${target.accepted}/assignment`,
      body: { userId: await userId('investigation_worker'), version: await version(referrals, target.accepted) },
    }),
  },
  // CL-4: failing notices are escalated to the Careline supervisor.
  'GET /api/referrals/notice-problems': { allowed: ['careline_supervisor'], ok: 200, anonymous: 401, request: () => ({ path: '/api/referrals/notice-problems' }) },
  // DR-1, DR-2: only the HART Director holds the statewide triage queue.
  'GET /api/referrals/triage-queue': { allowed: ['hart_director'], ok: 200, anonymous: 401, request: () => ({ path: '/api/referrals/triage-queue' }) },
  'POST /api/referrals/:id/triage': {
    allowed: ['hart_director'],
    ok: 200,
    anonymous: 401,
    request: async () => ({ path: `/api/referrals/${target.referral}/triage`, body: { outcomes: ['mdt'], version: await version(referrals, target.referral) } }),
  },

  // HART consults (HL-1 .. HL-6): the liaisons and supervisors of the office, the region's Lead, the Director, and the workers who asked.
  'GET /api/consults': { allowed: consultReaders, ok: 200, anonymous: 401, request: () => ({ path: '/api/consults?status=requested' }) },
  // The investigation worker reads the consult they asked for; the others reach the one on the ongoing worker's case.
  'GET /api/consults/:id': { allowed: consultReaders, ok: 200, anonymous: 401, request: (who) => ({ path: `/api/consults/${who === 'investigation_worker' ? hart.asked : hart.consult}` }) },
  // IN-1, OG-1: an investigation worker on a referral assigned to them, an ongoing worker or supervisor on a case in reach.
  'POST /api/consults': {
    allowed: ['investigation_worker', 'ongoing_worker', 'supervisor'],
    ok: 201,
    anonymous: 401,
    request: (who) => ({
      path: '/api/consults',
      body: who === 'investigation_worker' ? { subjectType: 'referral', subjectId: hart.referral, reason: 'Matrix consult' } : { subjectType: 'case', subjectId: hart.case, reason: 'Matrix consult' },
    }),
  },
  // HL-1: only a liaison of the consult's office holds it (the region's Lead reads it but is refused).
  'POST /api/consults/:id/hold': {
    allowed: ['hart_liaison'],
    refusedInReach: ['hart_lead'],
    ok: 200,
    anonymous: 401,
    request: async () => {
      const id = await newConsult();
      return { path: `/api/consults/${id}/hold`, body: { heldAt: new Date().toISOString(), participants: [{ name: 'Matrix', role: 'HART liaison' }], informationReviewed: 'x', recommendations: 'y', mdtCollaborated: false, version: 1 } };
    },
  },
  'PUT /api/consults/:id/decision-map': {
    allowed: ['hart_liaison'],
    refusedInReach: ['hart_lead'],
    ok: 200,
    anonymous: 401,
    request: async () => ({ path: `/api/consults/${hart.consult}/decision-map`, body: { answers: mapAnswers, version: await version(consults, hart.consult) } }),
  },
  // HL-3: a supervisor of the office, the region's HART Lead, the Director.
  'POST /api/consults/:id/override': {
    allowed: ['supervisor', 'hart_lead', 'hart_director'],
    ok: 200,
    anonymous: 401,
    request: async () => {
      const [row] = await db().select({ sex: consults.riskSex, v: consults.version }).from(consults).where(eq(consults.id, hart.mapped));
      return { path: `/api/consults/${hart.mapped}/override`, body: { sex: row!.sex === 'confirmed' ? 'suspected' : 'confirmed', reason: `Matrix ${++n}`, version: row!.v } };
    },
  },
  'POST /api/consults/:id/enter': {
    allowed: ['hart_liaison'],
    refusedInReach: ['hart_lead'],
    ok: 200,
    anonymous: 401,
    request: async () => ({ path: `/api/consults/${hart.toEnter}/enter`, body: { version: await version(consults, hart.toEnter) } }),
  },
  // HL-5: a liaison's month of HART data.
  'POST /api/hart/monthly-data': { allowed: ['hart_liaison'], ok: 200, anonymous: 401, request: () => ({ path: '/api/hart/monthly-data', body: { period: '2020-01' } }) },
  // LD-1: teams are read by the office's liaison and supervisors, the Lead and the Director; kept by the Lead and the Director.
  'GET /api/hart/teams': { allowed: ['supervisor', 'hart_liaison', 'hart_lead', 'hart_director'], ok: 200, anonymous: 401, request: () => ({ path: '/api/hart/teams' }) },
  'POST /api/hart/teams/:officeId/members': {
    allowed: ['hart_lead', 'hart_director'],
    ok: 201,
    anonymous: 401,
    request: () => ({ path: `/api/hart/teams/${hart.hfd}/members`, body: { userId: hart.candidates[++n % hart.candidates.length]!, teamRole: `Matrix ${n}` } }),
  },
  'DELETE /api/hart/teams/:officeId/members/:memberId': {
    allowed: ['hart_lead', 'hart_director'],
    ok: 200,
    anonymous: 401,
    request: async () => {
      // One active membership a person at a time: a refused role's try leaves theirs, so end it first.
      await db().update(hartTeamMembers).set({ endedAt: new Date() }).where(and(eq(hartTeamMembers.userId, hart.candidates[0]!), isNull(hartTeamMembers.endedAt)));
      const [m] = await db().insert(hartTeamMembers).values({ officeId: hart.hfd, userId: hart.candidates[0]!, teamRole: 'Matrix', addedAt: new Date() }).returning();
      return { path: `/api/hart/teams/${hart.hfd}/members/${m!.id}` };
    },
  },
  'POST /api/hart/teams/:officeId/meetings': {
    allowed: ['hart_liaison', 'hart_lead', 'hart_director'],
    ok: 201,
    anonymous: 401,
    request: () => ({ path: `/api/hart/teams/${hart.hfd}/meetings`, body: { heldAt: new Date().toISOString(), attendeeIds: [hart.member] } }),
  },
  // LD-2, LD-4, DR-3, DR-4: the liaison asks, the region's Lead answers or escalates, the Director answers escalations.
  'GET /api/hart/support': { allowed: ['hart_liaison', 'hart_lead', 'hart_director'], ok: 200, anonymous: 401, request: () => ({ path: '/api/hart/support' }) },
  'GET /api/hart/support/:id': { allowed: ['hart_liaison', 'hart_lead', 'hart_director'], ok: 200, anonymous: 401, request: () => ({ path: `/api/hart/support/${hart.support}` }) },
  'POST /api/hart/support': { allowed: ['hart_liaison'], ok: 201, anonymous: 401, request: () => ({ path: '/api/hart/support', body: { kind: 'law_enforcement', question: `Matrix ${++n}` } }) },
  'POST /api/hart/support/:id/answer': {
    allowed: ['hart_lead'],
    refusedInReach: ['hart_director'],
    ok: 200,
    anonymous: 401,
    request: async () => ({ path: `/api/hart/support/${await newSupport()}/answer`, body: { answer: 'Matrix answer', version: 1 } }),
  },
  'POST /api/hart/support/:id/escalate': {
    allowed: ['hart_lead'],
    refusedInReach: ['hart_director'],
    ok: 200,
    anonymous: 401,
    request: async () => ({ path: `/api/hart/support/${await newSupport()}/escalate`, body: { reason: 'Matrix escalation', version: 1 } }),
  },
  'POST /api/hart/support/:id/director-response': {
    allowed: ['hart_director'],
    refusedInReach: ['hart_lead'],
    ok: 200,
    anonymous: 401,
    request: async () => {
      const id = await newSupport();
      expect((await (await as('hart_lead')).client.post(`/api/hart/support/${id}/escalate`, { reason: 'Matrix escalation', version: 1 })).status).toBe(200);
      return { path: `/api/hart/support/${id}/director-response`, body: { response: 'Matrix response', version: 2 } };
    },
  },
  // Casework (issue 4). The checklist is a record's duties (work.read); reach is the assigned
  // investigation worker's and the area office's overseers', so an unknown referral is 404 to each.
  'GET /api/investigations/:referralId': { allowed: [...caseworkers, 'mdt_coordinator', 'eligibility_coordinator'], ok: 404, anonymous: 401, request: () => ({ path: `/api/investigations/${crypto.randomUUID()}` }) },
  'POST /api/investigations/:referralId/items/:obligationId': {
    allowed: ['investigation_worker'],
    ok: 200,
    anonymous: 401,
    request: () => ({ path: `/api/investigations/${casework.investigation}/items/${casework.legalItem}`, body: { action: 'not_warranted', reason: 'Matrix: no court action expected' } }),
  },
  'POST /api/investigations/:referralId/facts': {
    allowed: ['investigation_worker'],
    ok: 200,
    anonymous: 401,
    request: () => ({ path: `/api/investigations/${casework.investigation}/facts`, body: { fact: 'child_missing' } }),
  },
  'POST /api/investigations/:referralId/ht-found': {
    allowed: ['investigation_worker'],
    ok: 201,
    anonymous: 401,
    request: () => ({ path: `/api/investigations/${casework.noHt}/ht-found`, body: { narrative: 'Matrix: the child described being made to work for a debt.', category: 'ht_labor', idempotencyKey: 'matrix-in4-0001' } }),
  },
  'GET /api/cases': { allowed: ['investigation_worker', 'ongoing_worker', 'supervisor', 'hart_liaison', 'hart_lead', 'hart_director'], ok: 200, anonymous: 401, request: () => ({ path: '/api/cases?htConcern=yes' }) },
  // HL-2: HART liaisons, leads and the Director.
  'GET /api/cases/missing-737': { allowed: ['hart_liaison', 'hart_lead', 'hart_director'], ok: 200, anonymous: 401, request: () => ({ path: '/api/cases/missing-737' }) },
  'GET /api/cases/workers': { allowed: ['ongoing_worker', 'supervisor'], ok: 200, anonymous: 401, request: () => ({ path: '/api/cases/workers' }) },
  'GET /api/cases/:id': { allowed: ['investigation_worker', 'ongoing_worker', 'supervisor', 'hart_liaison', 'hart_lead', 'hart_director'], ok: 200, anonymous: 401, request: () => ({ path: `/api/cases/${casework.case}` }) },
  'POST /api/cases': {
    allowed: ['ongoing_worker', 'supervisor'],
    ok: 201,
    anonymous: 401,
    request: (_who, me) => ({
      path: '/api/cases',
      body: { child: { kind: 'new', firstName: 'Matrix', lastName: `Child${++n}`, dateOfBirth: '2011-02-03', gender: 'female', townName: 'Hartford' }, officeId: me?.office.id ?? target.office, workerId: casework.ongoingWorker, idempotencyKey: `matrix-case-${++n}` },
    }),
  },
  // OG-1 .. OG-4: the case's worker or a supervisor of its office (the same key: the second answers the first; another key would report a new allegation).
  'POST /api/cases/:id/ht-concern': {
    allowed: ['ongoing_worker', 'supervisor'],
    ok: 200,
    anonymous: 401,
    request: () => ({
      path: `/api/cases/${casework.case}/ht-concern`,
      body: { indicators: ['missing_now'], narrative: 'Matrix: the youth is missing again and was seen at a motel.', idempotencyKey: 'matrix-og-0001' },
    }),
  },
  // OG-2: the police call on the case, recorded by who may raise the concern (each allowed role on a case of its own, its call waiting).
  'POST /api/cases/:id/phone-notices': {
    allowed: ['ongoing_worker', 'supervisor'],
    ok: 200,
    anonymous: 401,
    request: (who) => ({
      path: `/api/cases/${casework.phone[who] ?? casework.phone['ongoing_worker']!}/phone-notices`,
      body: { calledAt: new Date().toISOString(), officerName: 'Officer Matrix', badgeNumber: '1234', policeCaseNumber: 'HPD-26-0001' },
    }),
  },
};

async function signInAs(role: Role): Promise<{ client: Client; me: Me }> {
  const client = new Client(server.baseUrl);
  const r = await client.signIn(demoUsername(role), demoPassword);
  expect(r.status, `demo sign-in of ${role}`).toBe(200);
  return { client, me: (r.body as unknown as { user: Me }).user };
}
const signedInRoles = new Map<Role, { client: Client; me: Me }>();
async function as(role: Role) {
  if (!signedInRoles.has(role)) signedInRoles.set(role, await signInAs(role));
  return signedInRoles.get(role)!;
}

async function call(key: string, who: Who): Promise<{ reply: Reply<{ error?: string }>; me: Me | null }> {
  const spec = matrix[key]!;
  const [method = ''] = key.split(' ');
  let client: Client;
  let me: Me | null = null;
  if (who === 'anonymous') {
    client = new Client(server.baseUrl);
    await client.refresh(); // a browser that has loaded the sign-in page
  } else {
    ({ client, me } = spec.fresh ? await signInAs(who) : await as(who));
  }
  const req = await spec.request(who, me);
  return { reply: await client.request<{ error?: string }>(method, req.path, req.body), me };
}

/**
 * Issue 11: a response that shows a child record has an audit row naming it. Every id of a child
 * record (referral, case, person, consult, support request, duty) anywhere in a successful
 * response must be named by an audit row of that request: as its record, or among the ids of a
 * list row (`detail.ids`). One generic check over every route and role of the matrix, so a new
 * route, or an audit call taken out of the data layer, fails here.
 */
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
async function unauditedShown(reply: Reply<unknown>): Promise<string[]> {
  const ids = [...new Set(JSON.stringify(reply.body ?? null).match(uuidPattern) ?? [])];
  if (ids.length === 0) return [];
  const list = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const shown = await queryRows<{ kind: string; id: string }>(
    db(),
    sql`select 'referral' as kind, id::text from referrals where id in (${list})
        union all select 'case', id::text from cases where id in (${list})
        union all select 'person', id::text from people where id in (${list})
        union all select 'consult', id::text from consults where id in (${list})
        union all select 'support_request', id::text from support_requests where id in (${list})
        union all select 'obligation', id::text from obligations where id in (${list})`,
  );
  if (shown.length === 0) return [];
  const rows = await db().select({ recordId: auditEvents.recordId, detail: auditEvents.detail }).from(auditEvents).where(eq(auditEvents.requestId, reply.headers.get('x-request-id')!));
  const named = new Set<string>();
  for (const r of rows) {
    if (r.recordId) named.add(r.recordId);
    const listed = (r.detail as { ids?: unknown } | null)?.ids;
    if (Array.isArray(listed)) for (const id of listed) named.add(String(id));
  }
  return shown.filter((s) => !named.has(s.id)).map((s) => `${s.kind} ${s.id}`);
}

/** An error answer without its request id (which differs on every request). */
const answer = ({ requestId: _id, ...rest }: { error?: string; requestId?: unknown }) => rest;

/**
 * The route called by an allowed role with every record id in its path replaced by one that
 * exists nowhere (so, for that role, a record out of reach).
 */
async function callOutOfReach(key: string, role: Role): Promise<Reply<{ error?: string }>> {
  const spec = matrix[key]!;
  const [method = ''] = key.split(' ');
  const { client, me } = spec.fresh ? await signInAs(role) : await as(role);
  const req = await spec.request(role, me);
  const path = req.path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, () => crypto.randomUUID());
  return client.request<{ error?: string }>(method, path, req.body);
}

/** Row counts and version sums of what routes change: a refused request must leave them alone. */
async function fingerprint(): Promise<string> {
  const rows = await queryRows<Record<string, unknown>>(
    db(),
    sql`select (select count(*) || ':' || sum(version) from users) as u, (select count(*) || ':' || sum(version) from offices) as o,
               (select count(*) || ':' || sum(version) from people) as p, (select count(*) from sessions) as s,
               (select count(*) || ':' || sum(version) from partner_agencies) as d, (select count(*) || ':' || sum(version) from referrals) as r`,
  );
  return JSON.stringify(rows[0]);
}

const person = async (officeCode: string, kind = 'child') => {
  const [row] = await db()
    .select({ id: people.id, identity: people.identity })
    .from(people)
    .innerJoin(offices, eq(offices.id, people.officeId))
    .where(and(eq(offices.code, officeCode), eq(people.kind, kind)))
    .orderBy(people.id)
    .limit(1);
  const { firstName, lastName } = openIdentity(server.vault, row!.id, row!.identity);
  return { id: row!.id, firstName, lastName };
};
const userId = async (role: Role) => (await db().select({ id: users.id }).from(users).where(eq(users.username, demoUsername(role))))[0]!.id;

beforeAll(async () => {
  // A Hartford child every record reader can reach: assigned to each worker whose reach is
  // "assigned", inside the Hartford office and Region 4 for the others.
  target.person = (await person('HFD')).id;
  target.partner = (await db().select({ id: partnerAgencies.id }).from(partnerAgencies).where(eq(partnerAgencies.code, 'PD-HARTFORD')))[0]!.id;
  approvals.fixed = await askedBySecondAdministrator();
  for (const role of ['careline_worker', 'investigation_worker', 'ongoing_worker', 'mdt_coordinator', 'eligibility_coordinator'] as const) {
    await db().insert(assignments).values({ recordType: 'person', recordId: target.person, userId: await userId(role) });
  }
  const admin = (await as('administrator')).client;
  const office = await admin.post<{ id: string }>('/api/offices', { code: 'MX-TARGET', name: 'Matrix target unit', kind: 'area_office', regionCode: 'R4', townName: null, phone: null });
  target.office = office.body.id;
  const hfd = (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, 'HFD')))[0]!.id;
  const user = await admin.post<{ id: string }>('/api/users', {
    username: 'matrix.target',
    displayName: 'Matrix Target',
    email: null,
    roles: ['ongoing_worker'],
    officeId: hfd,
    password: 'a-long-temporary-password',
  });
  target.user = user.body.id;
  // Referrals: a submitted one every referral reader reaches, and each Careline role's own drafts.
  for (const role of careline) {
    const c = (await as(role)).client;
    target.drafts[role] = (await c.post<{ id: string }>('/api/referrals', { narrative: 'matrix draft' })).body.id;
    target.complete[role] = (await c.post<{ id: string }>('/api/referrals', completeDraft())).body.id;
    const toCall = (await c.post<{ id: string }>('/api/referrals', completeDraft())).body.id;
    expect((await c.post(`/api/referrals/${toCall}/submit`, { version: 1 })).status).toBe(200);
    target.phone[role] = toCall;
    const toDecide = (await c.post<{ id: string }>('/api/referrals', completeDraft())).body.id;
    expect((await c.post(`/api/referrals/${toDecide}/submit`, { version: 1 })).status).toBe(200);
    target.decide[role] = toDecide;
  }
  const worker = (await as('careline_worker')).client;
  const submitted = (await worker.post<{ id: string }>('/api/referrals', completeDraft())).body.id;
  expect((await worker.post(`/api/referrals/${submitted}/submit`, { version: 1 })).status).toBe(200);
  target.referral = submitted;
  await db().insert(assignments).values({ recordType: 'referral', recordId: submitted, userId: await userId('investigation_worker') });
  const accepted = (await worker.post<{ id: string }>('/api/referrals', completeDraft())).body.id;
  expect((await worker.post(`/api/referrals/${accepted}/submit`, { version: 1 })).status).toBe(200);
  const acceptance = { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: 2 };
  expect((await worker.post(`/api/referrals/${accepted}/decision`, acceptance)).status).toBe(200);
  target.accepted = accepted;
  const waiting = (await worker.post<{ id: string }>('/api/referrals', completeDraft())).body.id;
  expect((await worker.post(`/api/referrals/${waiting}/submit`, { version: 1 })).status).toBe(200);
  expect((await worker.post(`/api/referrals/${waiting}/decision`, acceptance)).status).toBe(200);
  target.waiting = waiting;
  const pending = (await worker.post<{ id: string }>('/api/referrals', completeDraft())).body.id;
  expect((await worker.post(`/api/referrals/${pending}/submit`, { version: 1 })).status).toBe(200);
  expect((await worker.post(`/api/referrals/${pending}/decision`, { decision: 'not_accepted', reasonCode: 'age_18_or_older', version: 2 })).status).toBe(200);
  target.pending = pending;
});

/** A new consult on the HART case, requested by the demo ongoing worker (HFD). */
async function newConsult(): Promise<string> {
  const ctx = { clock: server.clock, vault: server.vault, timeZone: server.config.timeZone };
  const { consult } = await requestConsult(db(), ctx, await userId('ongoing_worker'), { subjectType: 'case', subjectId: hart.case, officeId: hart.hfd, reason: 'Matrix', idempotencyKey: `matrix-consult-${++n}` });
  return consult.id;
}
/** A new open support request from the demo liaison. */
async function newSupport(): Promise<string> {
  const r = await (await as('hart_liaison')).client.post<{ id: string }>('/api/hart/support', { kind: 'consult', question: `Matrix ${++n}` });
  expect(r.status).toBe(201);
  return r.body.id;
}

beforeAll(async () => {
  // HART: a case of the demo ongoing worker in Hartford, an accepted referral assigned to the demo investigation worker,
  // a requested consult, one with its Decision Map done, one held and mapped to enter, a team member, a support request.
  hart.hfd = (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, 'HFD')))[0]!.id;
  const child = (await person('HFD')).id;
  hart.case = crypto.randomUUID();
  await db().insert(cases).values({ id: hart.case, number: 'CASE-MATRIX-1', officeId: hart.hfd, personId: child, workerId: await userId('ongoing_worker'), openedAt: new Date(), createdBy: await userId('supervisor') });
  const worker = (await as('careline_worker')).client;
  const draft = completeDraft();
  draft.children[0] = { ...draft.children[0]!, townName: 'Hartford' };
  const referral = (await worker.post<{ id: string }>('/api/referrals', draft)).body.id;
  expect((await worker.post(`/api/referrals/${referral}/submit`, { version: 1 })).status).toBe(200);
  expect((await worker.post(`/api/referrals/${referral}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: 2 })).status).toBe(200);
  await db().insert(assignments).values({ recordType: 'referral', recordId: referral, userId: await userId('investigation_worker') });
  hart.referral = referral;
  const asked = await (await as('investigation_worker')).client.post<{ id: string }>('/api/consults', { subjectType: 'referral', subjectId: referral, reason: 'Matrix' });
  expect(asked.status).toBe(201);
  hart.asked = asked.body.id;
  const liaison = (await as('hart_liaison')).client;
  await as('hart_lead');
  await as('hart_director');
  hart.consult = await newConsult();
  hart.mapped = await newConsult();
  expect((await liaison.request('PUT', `/api/consults/${hart.mapped}/decision-map`, { answers: mapAnswers, version: 1 })).status).toBe(200);
  hart.toEnter = await newConsult();
  const held = { heldAt: new Date().toISOString(), participants: [{ name: 'Matrix', role: 'HART liaison' }], informationReviewed: 'x', recommendations: 'y', mdtCollaborated: true, version: 1 };
  expect((await liaison.post(`/api/consults/${hart.toEnter}/hold`, held)).status).toBe(200);
  expect((await liaison.request('PUT', `/api/consults/${hart.toEnter}/decision-map`, { answers: mapAnswers, version: 2 })).status).toBe(200);
  hart.member = await userId('hart_liaison');
  await db().insert(hartTeamMembers).values({ officeId: hart.hfd, userId: hart.member, teamRole: 'HART liaison', addedAt: new Date() });
  hart.candidates = (await db().select({ id: users.id }).from(users).where(eq(users.officeId, hart.hfd))).map((u) => u.id).filter((id) => id !== hart.member);
  hart.support = await newSupport();
});

beforeAll(async () => {
  // Casework (issue 4): Hartford referrals accepted and assigned to the demo investigation worker, and an open Hartford case.
  const worker = (await as('careline_worker')).client;
  const supervisor = (await as('supervisor')).client;
  const investigator = await userId('investigation_worker');
  const accept = async (draft: Record<string, unknown>) => {
    const created = (await worker.post<{ id: string }>('/api/referrals', draft)).body.id;
    expect((await worker.post(`/api/referrals/${created}/submit`, { version: 1 })).status).toBe(200);
    expect((await worker.post(`/api/referrals/${created}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: 2 })).status).toBe(200);
    expect((await supervisor.post(`/api/referrals/${created}/assignment`, { userId: investigator, version: 3 })).status).toBe(200);
    return created;
  };
  casework.investigation = await accept(hartfordDraft());
  casework.legalItem = (await db().select({ id: obligations.id }).from(obligations).where(and(eq(obligations.subjectId, casework.investigation), eq(obligations.completes, 'legal_consulted'))))[0]!.id;
  casework.noHt = await accept(hartfordDraft({ allegations: ['neglect'], indicators: [], citizenship: 'us_citizen' }));
  casework.ongoingWorker = await userId('ongoing_worker');
  const hfd = (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, 'HFD')))[0]!.id;
  const opened = await (await as('ongoing_worker')).client.post<{ id: string }>('/api/cases', {
    child: { kind: 'new', firstName: 'Matrix', lastName: 'Case', dateOfBirth: '2010-05-06', gender: 'female', townName: 'Hartford' },
    officeId: hfd,
    workerId: casework.ongoingWorker,
    idempotencyKey: 'matrix-case-target',
  });
  expect(opened.status).toBe(201);
  casework.case = opened.body.id;
  await db().insert(assignments).values({ recordType: 'case', recordId: casework.case, userId: await userId('investigation_worker') });
  // A HART consult on it, so HART staff read it (they read only cases of their HT work).
  await requestConsult(db(), { clock: server.clock, vault: server.vault, timeZone: server.config.timeZone }, casework.ongoingWorker, { subjectType: 'case', subjectId: casework.case, officeId: hfd, reason: 'Matrix', idempotencyKey: 'matrix-case-consult' });
  // OG-2: a case per role allowed to record the police call, each with an HT concern raised (its call waiting).
  for (const role of ['ongoing_worker', 'supervisor'] as const) {
    const worker = (await as('ongoing_worker')).client;
    const c = await worker.post<{ id: string }>('/api/cases', {
      child: { kind: 'new', firstName: 'Matrix', lastName: `Phone ${role}`, dateOfBirth: '2010-05-06', gender: 'female', townName: 'Hartford' },
      officeId: hfd,
      workerId: casework.ongoingWorker,
      idempotencyKey: `matrix-phone-${role}`,
    });
    expect(c.status).toBe(201);
    const raised = await worker.post(`/api/cases/${c.body.id}/ht-concern`, { indicators: ['missing_now'], narrative: 'Matrix: the youth was seen at a motel with an older man.', idempotencyKey: `matrix-phone-og-${role}` });
    expect(raised.status).toBe(200);
    casework.phone[role] = c.body.id;
  }
});

describe('every route answers each role as the policy says', () => {
  it('has a written expectation for every route the server serves, and none for a route it does not', () => {
    const served = server.app.routesList.map((r) => `${r.method} ${r.url}`).sort();
    expect(served.filter((k) => !(k in matrix)), 'routes without a row in the access matrix').toEqual([]);
    expect(Object.keys(matrix).filter((k) => !served.includes(k)), 'rows for routes that do not exist').toEqual([]);
  });

  for (const [key, spec] of Object.entries(matrix)) {
    const refused = roles.filter((r) => !spec.allowed.includes(r));
    const who = refused.length === 0 ? 'every role' : spec.allowed.join(', ');
    // CF-1: on a record route (a child record's id in the path) a refused role is told what a caller out of reach is told: 404.
    const recordRoute = recordRouteNoun(key.split(' ')[1]) !== null;
    const refusal = recordRoute ? 404 : 403;
    it(`${recordRoute ? '[CF-1] ' : ''}${key}: ${who} ${spec.ok}; ${refused.length ? `${refused.length} other roles ${refusal}` : 'nobody refused'}; signed out ${spec.anonymous}`, async () => {
      const unaudited: string[] = [];
      for (const role of spec.allowed) {
        const { reply } = await call(key, role);
        expect(reply.status, `${role} on ${key}: ${JSON.stringify(reply.body)}`).toBe(spec.ok);
        if (reply.status < 300) unaudited.push(...(await unauditedShown(reply)).map((r) => `${role}: ${r}`));
      }
      expect(unaudited, `${key} showed child records without an audit row naming them`).toEqual([]);
      // What an allowed role is told about a record that is not there, or not in its reach.
      const outOfReach = recordRoute && refused.length > 0 ? await callOutOfReach(key, spec.allowed[0]!) : null;
      if (outOfReach) expect(outOfReach.status, `${spec.allowed[0]!} on ${key} for a record out of reach`).toBe(404);
      const before = await fingerprint();
      for (const role of refused) {
        const { reply, me } = await call(key, role);
        if (spec.refusedInReach?.includes(role)) {
          expect(reply.status, `${role} on ${key}`).toBe(403);
          expect(reply.body.error).toBe('forbidden');
        } else {
          expect(reply.status, `${role} on ${key}`).toBe(refusal);
          if (outOfReach) expect(answer(reply.body), `${role} on ${key}: the same answer as a record out of reach`).toEqual(answer(outOfReach.body));
          else expect(reply.body.error).toBe('forbidden');
        }
        const requestId = reply.headers.get('x-request-id')!;
        const rows = await db().select().from(auditEvents).where(eq(auditEvents.requestId, requestId));
        expect(rows, `denial audit row for ${role} on ${key}`).toHaveLength(1);
        expect(rows[0]).toMatchObject({ outcome: 'denied', userId: me!.id, username: demoUsername(role), roles: role });
      }
      expect(await fingerprint(), 'a refused request changed something').toBe(before);
      const anonymous = await call(key, 'anonymous');
      expect(anonymous.reply.status, `signed out on ${key}`).toBe(spec.anonymous);
      if (spec.anonymous === 401) expect(anonymous.reply.body.error).toBe('unauthenticated');
    });
  }
});

/** Every person a client's list shows, page after page (issue 11: lists page). */
async function allPeople<T>(client: Client): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Reply<{ items: T[]; nextCursor: string | null }> = await client.get(`/api/people?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    all.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return all;
}

describe('record reach: a record outside the caller’s reach is not found', () => {
  const narrow: readonly Role[] = ['careline_worker', 'investigation_worker', 'ongoing_worker', 'supervisor', 'hart_liaison', 'hart_lead', 'mdt_coordinator', 'eligibility_coordinator'];
  const statewide: readonly Role[] = ['hart_director', 'careline_supervisor'];

  it('answers 404 with no data for a person in another region’s office to office, region and assigned reach; statewide roles read it', async () => {
    const far = await person('BPT'); // Bridgeport, Region 1
    const missing = await (await as('hart_director')).client.get<{ error: string; message: string }>(`/api/people/${crypto.randomUUID()}`);
    for (const role of narrow) {
      const r = await (await as(role)).client.get<{ error: string; message: string }>(`/api/people/${far.id}`);
      expect(r.status, role).toBe(404);
      expect({ error: r.body.error, message: r.body.message }).toEqual({ error: missing.body.error, message: missing.body.message });
      for (const secret of [far.firstName, far.lastName]) expect(JSON.stringify(r.body)).not.toContain(secret);
      const [row] = await db().select().from(auditEvents).where(eq(auditEvents.requestId, r.headers.get('x-request-id')!));
      expect(row).toMatchObject({ outcome: 'denied', recordId: far.id, action: 'person.read' });
    }
    for (const role of statewide) {
      const r = await (await as(role)).client.get<{ id: string; lastName: string }>(`/api/people/${far.id}`);
      expect(r.status, role).toBe(200);
      expect(r.body.lastName).toBe(far.lastName);
    }
  });

  it('will not let a worker change a record outside their reach (404, unchanged)', async () => {
    const far = await person('BPT');
    const before = await version(people, far.id);
    for (const role of ['supervisor', 'hart_lead', 'investigation_worker'] as const) {
      const r = await (await as(role)).client.patch(`/api/people/${far.id}`, { firstName: 'Changed', version: before });
      expect(r.status, role).toBe(404);
    }
    expect(await version(people, far.id)).toBe(before);
    expect((await person('BPT')).firstName).toBe(far.firstName);
  });

  it('shows an assigned-reach worker exactly the people assigned to them, and no longer once the assignment ends', async () => {
    const { client, me } = await as('investigation_worker');
    const assignedIds = async () =>
      (await db().select({ id: assignments.recordId }).from(assignments).where(and(eq(assignments.userId, me.id), eq(assignments.recordType, 'person'), isNull(assignments.endedAt)))).map((a) => a.id).filter((id, i, all) => all.indexOf(id) === i).sort();
    const listed = async () => (await allPeople<{ id: string }>(client)).map((p) => p.id).sort();
    expect((await assignedIds()).length).toBeGreaterThan(1);
    expect(await listed()).toEqual(await assignedIds());
    const assigned = await assignedIds();
    const sameOffice = (await db().select({ id: people.id }).from(people).where(eq(people.officeId, me.office.id))).map((p) => p.id);
    const unassigned = sameOffice.find((id) => !assigned.includes(id));
    expect((await client.get(`/api/people/${unassigned!}`)).status).toBe(404);
    const ended = (await assignedIds())[0]!;
    await db().update(assignments).set({ endedAt: new Date() }).where(and(eq(assignments.userId, me.id), eq(assignments.recordId, ended)));
    expect(await listed()).not.toContain(ended);
    expect((await client.get(`/api/people/${ended}`)).status).toBe(404);
  });

  it('keeps an office worker to their own office', async () => {
    const { client } = await as('supervisor');
    const listed = await allPeople<{ officeCode: string }>(client);
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed.map((p) => p.officeCode))).toEqual(new Set(['HFD']));
    expect((await client.get(`/api/people/${(await person('MAN')).id}`)).status).toBe(404);
  });

  it('[CF-1] shows a HART lead the people of their HT work in their region (a child whose case has a HART consult), not another person of the region, nor another region', async () => {
    const { client } = await as('hart_lead');
    expect((await allPeople<{ id: string }>(client)).map((p) => p.id)).toContain(target.person);
    expect((await client.get(`/api/people/${target.person}`)).status).toBe(200);
    const created = await (await as('hart_director')).client.post<{ id: string }>('/api/people', {
      kind: 'child', firstName: 'Matrix', lastName: 'NoHtWork', dateOfBirth: null, gender: 'unknown', townName: null, officeId: hart.hfd,
    });
    expect(created.status).toBe(201);
    expect((await client.get(`/api/people/${created.body.id}`)).status).toBe(404);
    expect((await client.get(`/api/people/${(await person('BPT')).id}`)).status).toBe(404);
  });

  it('shows statewide roles people in every area office', async () => {
    const holding = (await queryRows<{ code: string }>(db(), sql`select distinct o.code from people p join offices o on o.id = p.office_id`)).map((o) => o.code);
    expect(holding.length).toBeGreaterThanOrEqual(14);
    for (const role of statewide) {
      const codes = new Set((await allPeople<{ officeCode: string }>((await as(role)).client)).map((p) => p.officeCode));
      for (const code of holding) expect(codes, role).toContain(code);
    }
  });
});

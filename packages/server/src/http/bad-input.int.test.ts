import type { Role } from '@harbor/policy';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { offices, partnerAgencies, people, referrals, users } from '../db/schema.js';
import { Client, signedIn, startTestServer, type Reply, type TestServer } from '../test/harness.js';
import { completeDraft } from '../test/referral-fixtures.js';

/**
 * Bad input on every route that takes some: a 400 that names the field (413 naming `body` for a
 * body over the size limit), never a 500, and nothing half-written. A route that takes a body or
 * a query string and has no row here fails the coverage tests.
 */
let server: TestServer;
const db = () => server.db.database.db;
const ids = { person: '', office: '', user: '', hfd: '', partner: '', draft: '', submitted: '', pending: '', accepted: '', investigator: '' };
beforeAll(async () => {
  server = await startTestServer();
  ids.hfd = (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, 'HFD')))[0]!.id;
  ids.person = (await db().select({ id: people.id }).from(people).where(eq(people.officeId, ids.hfd)).limit(1))[0]!.id;
  ids.office = ids.hfd;
  ids.user = (await db().select({ id: users.id }).from(users).where(eq(users.username, 'sup001')))[0]!.id;
  ids.draft = (await (await clientFor('careline_worker')).post<{ id: string }>('/api/referrals', { narrative: 'bad input draft' })).body.id;
  const worker = await clientFor('careline_worker');
  ids.submitted = (await worker.post<{ id: string }>('/api/referrals', completeDraft())).body.id;
  expect((await worker.post(`/api/referrals/${ids.submitted}/submit`, { version: 1 })).status).toBe(200);
  ids.pending = (await worker.post<{ id: string }>('/api/referrals', completeDraft())).body.id;
  expect((await worker.post(`/api/referrals/${ids.pending}/submit`, { version: 1 })).status).toBe(200);
  expect((await worker.post(`/api/referrals/${ids.pending}/decision`, { decision: 'not_accepted', reasonCode: 'age_18_or_older', version: 2 })).status).toBe(200);
  ids.accepted = (await worker.post<{ id: string }>('/api/referrals', completeDraft())).body.id;
  expect((await worker.post(`/api/referrals/${ids.accepted}/submit`, { version: 1 })).status).toBe(200);
  expect((await worker.post(`/api/referrals/${ids.accepted}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: 2 })).status).toBe(200);
  ids.investigator = (await db().select({ id: users.id }).from(users).where(eq(users.username, 'demo.investigation-worker')))[0]!.id;
  ids.partner = (await db().select({ id: partnerAgencies.id }).from(partnerAgencies).where(eq(partnerAgencies.code, 'PD-HARTFORD')))[0]!.id;
});
afterAll(async () => {
  await server.close();
});

type ErrorBody = { error: string; message: string; requestId: string; fields?: { field: string; message: string }[] };
const version = async (table: typeof people | typeof offices | typeof users | typeof partnerAgencies | typeof referrals, id: string) => (await db().select({ v: table.version }).from(table).where(eq(table.id, id)))[0]!.v;

interface BodyCase {
  as: Role | 'signed out';
  path(): string;
  /** A body the route accepts; each case below changes one field of it. Null: the route takes no body. */
  valid: (() => Record<string, unknown> | Promise<Record<string, unknown>>) | null;
  wrongType: [field: string, value: unknown][];
  tooLong: [field: string, value: unknown][];
}
const long = (n: number) => 'x'.repeat(n);
/** A well-formed id: the bodies below are refused before a record is looked up. */
const anyId = '00000000-0000-4000-8000-000000000001';
const badChild = { kind: 'new', firstName: 'Bad', lastName: 'Input', dateOfBirth: '2011-02-03', gender: 'female', townName: 'Hartford' };
const arrest = { statute: '53a-82', department: 'Hartford Police Department', officerName: 'Officer Bad Input' };

const bodyRoutes: Record<string, BodyCase> = {
  'POST /api/session': {
    as: 'signed out',
    path: () => '/api/session',
    valid: () => ({ username: 'demo.supervisor', password: 'whatever-it-is' }),
    wrongType: [['username', 42], ['password', ['a', 'b']]],
    tooLong: [['username', long(65)], ['password', long(257)]],
  },
  'POST /api/session/keepalive': { as: 'supervisor', path: () => '/api/session/keepalive', valid: null, wrongType: [], tooLong: [] },
  'POST /api/session/password': {
    as: 'supervisor',
    path: () => '/api/session/password',
    valid: () => ({ currentPassword: 'harbor-demo-2026', newPassword: 'a-brand-new-password' }),
    wrongType: [['newPassword', 123456789012345], ['currentPassword', null]],
    tooLong: [['newPassword', long(257)], ['currentPassword', long(257)]],
  },
  'POST /api/offices': {
    as: 'administrator',
    path: () => '/api/offices',
    valid: () => ({ code: 'BAD-IN', name: 'Bad input unit', kind: 'hart', regionCode: null, townName: null, phone: null }),
    wrongType: [['kind', 'planet'], ['regionCode', 5], ['phone', true]],
    tooLong: [['name', long(121)], ['code', 'C'.repeat(17)], ['phone', '1'.repeat(41)], ['townName', long(81)]],
  },
  'PATCH /api/offices/:id': {
    as: 'administrator',
    path: () => `/api/offices/${ids.office}`,
    valid: async () => ({ phone: '860-555-0123', version: await version(offices, ids.office) }),
    wrongType: [['version', 'one'], ['active', 'yes']],
    tooLong: [['name', long(121)]],
  },
  'POST /api/users': {
    as: 'administrator',
    path: () => '/api/users',
    valid: () => ({ username: 'bad.input', displayName: 'Bad Input', email: null, roles: ['supervisor'], officeId: ids.hfd, password: 'a-long-enough-password' }),
    // CF-1: a staff address outside the agency's mail domains is refused naming the field.
    wrongType: [['roles', 'administrator'], ['officeId', 'HFD'], ['email', 'not-an-email'], ['roles.0', ['wizard']], ['email', 'someone@mail.example.com']],
    tooLong: [['displayName', long(121)], ['username', long(65)], ['password', long(257)]],
  },
  'PATCH /api/users/:id': {
    as: 'administrator',
    path: () => `/api/users/${ids.user}`,
    valid: async () => ({ displayName: 'Renamed', version: await version(users, ids.user) }),
    wrongType: [['disabled', 'yes'], ['roles.0', ['wizard']], ['version', null]],
    tooLong: [['displayName', long(121)]],
  },
  'POST /api/users/:id/password': {
    as: 'administrator',
    path: () => `/api/users/${ids.user}/password`,
    valid: async () => ({ password: 'a-long-enough-password', version: await version(users, ids.user) }),
    wrongType: [['version', '1'], ['password', 12]],
    tooLong: [['password', long(257)]],
  },
  'POST /api/people': {
    as: 'hart_director',
    path: () => '/api/people',
    valid: () => ({ kind: 'child', firstName: 'Bad', lastName: 'Input', dateOfBirth: null, gender: 'unknown', townName: null, officeId: ids.hfd }),
    wrongType: [['gender', 'x'], ['dateOfBirth', '31/12/2010'], ['aliases', 'Al'], ['officeId', 7]],
    tooLong: [['firstName', long(81)], ['lastName', long(81)], ['townName', long(81)], ['aliases.0', [long(81)]]],
  },
  'PATCH /api/people/:id': {
    as: 'hart_director',
    path: () => `/api/people/${ids.person}`,
    valid: async () => ({ lastName: 'Changed', version: await version(people, ids.person) }),
    wrongType: [['version', 1.5], ['gender', 'planet']],
    tooLong: [['lastName', long(81)]],
  },
  'PATCH /api/directory/:id': {
    as: 'administrator',
    path: () => `/api/directory/${ids.partner}`,
    valid: async () => ({ phone: '860-555-0142', version: await version(partnerAgencies, ids.partner) }),
    wrongType: [['email', 'not-an-email'], ['active', 'no'], ['version', 0]],
    tooLong: [['name', long(161)], ['phone', '1'.repeat(41)]],
  },
  // CF-1: changes awaiting a second administrator.
  'POST /api/approvals/:id/approve': { as: 'administrator', path: () => `/api/approvals/${anyId}/approve`, valid: () => ({}), wrongType: [], tooLong: [] },
  'POST /api/approvals/:id/reject': {
    as: 'administrator',
    path: () => `/api/approvals/${anyId}/reject`,
    valid: () => ({ reason: 'Not asked for by the Director' }),
    wrongType: [['reason', 5], ['reason', '   ']],
    tooLong: [['reason', long(501)]],
  },
  'POST /api/referrals': {
    as: 'careline_worker',
    path: () => '/api/referrals',
    valid: () => ({ channel: 'phone', narrative: 'What the caller said so far' }),
    wrongType: [['channel', 'pigeon'], ['receivedAt', 'yesterday'], ['children', 'Jamie'], ['children.0.gender', [{ gender: 'planet' }]]],
    tooLong: [['narrative', long(20_001)], ['children.0.firstName', [{ firstName: long(81) }]], ['otherConcerns', long(10_001)]],
  },
  'POST /api/referrals/from-arrest': {
    as: 'careline_worker',
    path: () => '/api/referrals/from-arrest',
    valid: () => ({ receivedAt: '2026-03-06T01:20:00-05:00', report: arrest, youth: { firstName: 'Bad Input' } }),
    wrongType: [['receivedAt', 'last night'], ['report.statute', { ...arrest, statute: '53a-83' }], ['youth.estimatedAge', { firstName: 'Bad Input', estimatedAge: 'fifteen' }]],
    tooLong: [['officerPhone', long(41)], ['report.officerName', { ...arrest, officerName: long(121) }], ['youth.firstName', { firstName: long(81) }]],
  },
  'PATCH /api/referrals/:id': {
    as: 'careline_worker',
    path: () => `/api/referrals/${ids.draft}`,
    valid: async () => ({ narrative: 'Typed some more', version: await version(referrals, ids.draft) }),
    wrongType: [['version', 'one'], ['reporter', 'Pat'], ['places.0.type', [{ type: 'moon' }]]],
    tooLong: [['narrative', long(20_001)], ['exploiters.0.name', [{ name: long(121) }]]],
  },
  'POST /api/referrals/:id/submit': {
    as: 'careline_worker',
    path: () => `/api/referrals/${ids.draft}/submit`,
    valid: async () => ({ version: await version(referrals, ids.draft), idempotencyKey: 'bad-input-submit' }),
    wrongType: [['version', '1'], ['idempotencyKey', 42], ['idempotencyKey', 'has spaces in it']],
    tooLong: [['idempotencyKey', 'k'.repeat(101)]],
  },
  'POST /api/referrals/:id/phone-notices': {
    as: 'careline_worker',
    path: () => `/api/referrals/${ids.submitted}/phone-notices`,
    valid: () => ({ calledAt: new Date().toISOString(), officerName: 'Officer Lee' }),
    wrongType: [['calledAt', 'noon'], ['officerName', 5], ['badgeNumber', 12]],
    tooLong: [['officerName', long(121)], ['badgeNumber', long(41)], ['policeCaseNumber', long(61)]],
  },
  'POST /api/cases/:id/phone-notices': {
    as: 'ongoing_worker',
    path: () => `/api/cases/${crypto.randomUUID()}/phone-notices`,
    valid: () => ({ calledAt: new Date().toISOString(), officerName: 'Officer Lee' }),
    wrongType: [['calledAt', 'noon'], ['officerName', 5], ['badgeNumber', 12]],
    tooLong: [['officerName', long(121)], ['badgeNumber', long(41)], ['policeCaseNumber', long(61)]],
  },
  'POST /api/referrals/:id/decision': {
    as: 'careline_worker',
    path: () => `/api/referrals/${ids.submitted}/decision`,
    valid: async () => ({ decision: 'not_accepted', reasonCode: 'age_18_or_older', version: await version(referrals, ids.submitted) }),
    wrongType: [['decision', 'maybe'], ['reasonCode', 'bored'], ['version', '1']],
    tooLong: [['explanation', long(2001)]],
  },
  'POST /api/referrals/person-matches': {
    as: 'careline_worker',
    path: () => '/api/referrals/person-matches',
    valid: () => ({ firstName: 'Jamie', lastName: 'Doeski', aliases: ['JJ'], dateOfBirth: '2010-06-01', townName: 'Enfield' }),
    wrongType: [['firstName', 7], ['aliases', 'JJ'], ['aliases.0', [42]], ['dateOfBirth', '01/06/2010'], ['dateOfBirth', '2999-01-01'], ['townName', false], ['linkedPersonId', 'not-a-person-id']],
    tooLong: [['firstName', long(81)], ['lastName', long(81)], ['aliases', Array.from({ length: 21 }, () => 'JJ')], ['aliases.0', [long(81)]], ['townName', long(81)]],
  },
  'POST /api/referrals/:id/approval': {
    as: 'careline_supervisor',
    path: () => `/api/referrals/${ids.pending}/approval`,
    valid: async () => ({ approved: false, note: 'Call the reporter back', version: await version(referrals, ids.pending) }),
    wrongType: [['approved', 'yes'], ['version', '1']],
    tooLong: [['note', long(2001)]],
  },
  'POST /api/referrals/:id/assignment': {
    as: 'supervisor',
    path: () => `/api/referrals/${ids.accepted}/assignment`,
    valid: async () => ({ userId: ids.investigator, version: await version(referrals, ids.accepted) }),
    wrongType: [['userId', 'me'], ['userId', 42], ['version', '1']],
    tooLong: [['userId', long(37)]],
  },
  'POST /api/referrals/:id/triage': {
    as: 'hart_director',
    path: () => `/api/referrals/${ids.submitted}/triage`,
    valid: async () => ({ outcomes: ['mdt'], version: await version(referrals, ids.submitted) }),
    wrongType: [['outcomes', 'mdt'], ['outcomes.0', ['everything']], ['version', '1']],
    tooLong: [['reason', long(2001)]],
  },
  // Duties (issue 4, item 2): a checklist tick and a waiver with its reason.
  'POST /api/obligations/:id/complete': {
    as: 'investigation_worker',
    path: () => `/api/obligations/${crypto.randomUUID()}/complete`,
    valid: () => ({ outcome: 'Done by phone', who: 'A. Worker', when: '2026-03-05T14:07:00-05:00', version: 1 }),
    wrongType: [['outcome', 42], ['version', '1'], ['when', 'yesterday'], ['who', ['a']]],
    tooLong: [['outcome', long(2001)], ['who', long(201)]],
  },
  'POST /api/obligations/:id/not-needed': {
    as: 'investigation_worker',
    path: () => `/api/obligations/${crypto.randomUUID()}/not-needed`,
    valid: () => ({ reason: 'Seen by police at the hospital', version: 1 }),
    wrongType: [['reason', 42], ['version', 'one']],
    tooLong: [['reason', long(2001)]],
  },
  'POST /api/consults': {
    as: 'investigation_worker',
    path: () => '/api/consults',
    valid: () => ({ subjectType: 'referral', subjectId: ids.accepted, reason: 'Works nights for a debt' }),
    wrongType: [['subjectType', 'person'], ['subjectId', 'abc'], ['reason', 5], ['idempotencyKey', 'has spaces in it']],
    tooLong: [['reason', long(2001)], ['idempotencyKey', 'k'.repeat(101)]],
  },
  'POST /api/consults/:id/hold': {
    as: 'hart_liaison',
    path: () => `/api/consults/${anyId}/hold`,
    valid: () => ({ heldAt: new Date().toISOString(), participants: [{ name: 'Dana', role: 'HART liaison' }], informationReviewed: 'x', recommendations: 'y', mdtCollaborated: true, version: 1 }),
    wrongType: [['participants', 'Dana'], ['participants.0.name', [{ name: 5, role: 'x' }]], ['heldAt', 'yesterday'], ['mdtCollaborated', 'yes'], ['version', '1']],
    tooLong: [['informationReviewed', long(4001)], ['recommendations', long(4001)], ['lawEnforcementAssistance', long(2001)], ['participants.0.role', [{ name: 'a', role: long(121) }]], ['participants', Array.from({ length: 31 }, () => ({ name: 'a', role: 'b' }))]],
  },
  'PUT /api/consults/:id/decision-map': {
    as: 'hart_liaison',
    path: () => `/api/consults/${anyId}/decision-map`,
    valid: () => ({ answers: { sex: { sex_disclosed: 'no' }, labor: { labor_disclosed: 'no' } }, version: 1 }),
    wrongType: [['answers', 'yes'], ['answers.sex', { sex: 'yes', labor: {} }], ['version', '1']],
    tooLong: [['answers.sex.sex_disclosed', { sex: { sex_disclosed: long(33) }, labor: {} }]],
  },
  'POST /api/consults/:id/override': {
    as: 'supervisor',
    path: () => `/api/consults/${anyId}/override`,
    valid: () => ({ sex: 'suspected', reason: 'An ad was found', version: 1 }),
    wrongType: [['sex', 'very_bad'], ['labor', 3], ['version', '1']],
    tooLong: [['reason', long(2001)]],
  },
  'POST /api/consults/:id/enter': { as: 'hart_liaison', path: () => `/api/consults/${anyId}/enter`, valid: () => ({ version: 1 }), wrongType: [['version', '1']], tooLong: [] },
  'POST /api/hart/monthly-data': {
    as: 'hart_liaison',
    path: () => '/api/hart/monthly-data',
    valid: () => ({ period: '2026-01' }),
    wrongType: [['period', '2026-13'], ['period', 202601], ['note', 5]],
    tooLong: [['note', long(2001)]],
  },
  'POST /api/hart/teams/:officeId/members': {
    as: 'hart_lead',
    path: () => `/api/hart/teams/${ids.hfd}/members`,
    valid: () => ({ userId: ids.investigator, teamRole: 'Investigator' }),
    wrongType: [['userId', 'me'], ['teamRole', 5]],
    tooLong: [['teamRole', long(81)]],
  },
  'POST /api/hart/teams/:officeId/meetings': {
    as: 'hart_lead',
    path: () => `/api/hart/teams/${ids.hfd}/meetings`,
    valid: () => ({ heldAt: new Date().toISOString(), attendeeIds: [ids.investigator] }),
    wrongType: [['heldAt', 'noon'], ['attendeeIds', 'all'], ['attendeeIds.0', ['me']], ['idempotencyKey', 'has spaces in it']],
    tooLong: [['notes', long(4001)], ['attendeeIds', Array.from({ length: 51 }, () => ids.investigator)], ['idempotencyKey', 'k'.repeat(101)]],
  },
  'POST /api/hart/support': {
    as: 'hart_liaison',
    path: () => '/api/hart/support',
    valid: () => ({ kind: 'treatment', question: 'Which programs take a 14-year-old?' }),
    wrongType: [['kind', 'magic'], ['consultId', 'abc'], ['question', 5], ['idempotencyKey', 'has spaces in it']],
    tooLong: [['question', long(4001)], ['idempotencyKey', 'k'.repeat(101)]],
  },
  'POST /api/hart/support/:id/answer': { as: 'hart_lead', path: () => `/api/hart/support/${anyId}/answer`, valid: () => ({ answer: 'Call the RRG', version: 1 }), wrongType: [['answer', 5], ['version', '1']], tooLong: [['answer', long(4001)]] },
  'POST /api/hart/support/:id/escalate': { as: 'hart_lead', path: () => `/api/hart/support/${anyId}/escalate`, valid: () => ({ reason: 'Two regions', version: 1 }), wrongType: [['reason', 5], ['version', '1']], tooLong: [['reason', long(4001)]] },
  'POST /api/hart/support/:id/director-response': {
    as: 'hart_director',
    path: () => `/api/hart/support/${anyId}/director-response`,
    valid: () => ({ response: 'I will call', version: 1 }),
    wrongType: [['response', 5], ['version', '1']],
    tooLong: [['response', long(4001)]],
  },
  // Casework (issue 4): the body is checked before the record is looked up, so whichever ids do.
  'POST /api/investigations/:referralId/items/:obligationId': {
    as: 'investigation_worker',
    path: () => `/api/investigations/${crypto.randomUUID()}/items/${crypto.randomUUID()}`,
    valid: () => ({ action: 'done', who: 'Worker and Officer Diaz', when: '2026-03-05T16:00:00-05:00', outcome: 'Went together' }),
    wrongType: [['action', 'maybe'], ['when', 'yesterday'], ['hospitalId', 'HOSP-HARTFORD']],
    tooLong: [['outcome', long(2001)], ['who', long(201)]],
  },
  'POST /api/investigations/:referralId/facts': {
    as: 'investigation_worker',
    path: () => `/api/investigations/${crypto.randomUUID()}/facts`,
    valid: () => ({ fact: 'child_missing' }),
    wrongType: [['fact', 'child_found'], ['fact', 7]],
    tooLong: [],
  },
  'POST /api/investigations/:referralId/ht-found': {
    as: 'investigation_worker',
    path: () => `/api/investigations/${crypto.randomUUID()}/ht-found`,
    valid: () => ({ narrative: 'The child said she works nights to repay a debt.', category: 'ht_labor', idempotencyKey: 'bad-input-in4' }),
    wrongType: [['category', 'ht_other'], ['idempotencyKey', 'has spaces in it'], ['narrative', 12]],
    tooLong: [['narrative', long(20_001)], ['idempotencyKey', 'k'.repeat(101)]],
  },
  'POST /api/cases': {
    as: 'ongoing_worker',
    path: () => '/api/cases',
    valid: () => ({ child: badChild, officeId: ids.hfd, workerId: ids.investigator, idempotencyKey: 'bad-input-case' }),
    wrongType: [['officeId', 'HFD'], ['child.gender', { ...badChild, gender: 'planet' }], ['child.dateOfBirth', { ...badChild, dateOfBirth: '02/03/2011' }], ['workerId', 5]],
    tooLong: [['child.firstName', { ...badChild, firstName: long(81) }], ['idempotencyKey', 'k'.repeat(101)]],
  },
  'POST /api/cases/:id/ht-concern': {
    as: 'ongoing_worker',
    path: () => `/api/cases/${crypto.randomUUID()}/ht-concern`,
    valid: () => ({ indicators: ['missing_now'], narrative: 'The youth is missing again and was seen at a motel.', idempotencyKey: 'bad-input-og' }),
    wrongType: [['indicators', 'missing_now'], ['indicators.0', ['made_up']], ['notes', 5], ['estimatedAge', 'fifteen'], ['estimatedAge', 14.5]],
    tooLong: [['narrative', long(20_001)], ['notes', long(5001)], ['estimatedAge', 26]],
  },
};

const queryRoutes: Record<string, { as: Role; cases: [param: string, value: string][] }> = {
  'GET /api/users': { as: 'administrator', cases: [['role', 'wizard'], ['officeId', 'HFD'], ['q', long(65)], ['limit', '0'], ['limit', '201'], ['cursor', 'not a cursor'], ['cursor', 'bm90LWEtY3Vyc29y'], ['bogus', '1']] },
  'GET /api/offices': { as: 'administrator', cases: [['limit', 'lots'], ['cursor', 'bm90LWEtY3Vyc29y'], ['bogus', '1']] },
  'GET /api/audit': {
    as: 'auditor',
    cases: [['from', 'yesterday'], ['to', '2026-13-45'], ['limit', '0'], ['limit', 'lots'], ['limit', '201'], ['cursor', 'not a cursor'], ['cursor', 'bm90LWpzb24'], ['dir', 'sideways'], ['sort', 'username'], ['userId', 'me'], ['outcome', 'maybe'], ['bogus', '1']],
  },
  'GET /api/outbox': {
    as: 'careline_supervisor',
    cases: [['status', 'lost'], ['limit', '0'], ['limit', '201'], ['limit', 'lots'], ['cursor', 'not a cursor'], ['dir', 'sideways'], ['recordType', long(41)], ['recordId', long(81)], ['bogus', '1']],
  },
  'GET /api/directory': { as: 'careline_worker', cases: [['kind', 'embassy'], ['q', long(81)], ['bogus', '1']] },
  'GET /api/approvals': { as: 'administrator', cases: [['status', 'lost'], ['sort', 'decided'], ['dir', 'up'], ['limit', '-1'], ['cursor', 'bm90LWEtY3Vyc29y'], ['bogus', '1']] },
  'GET /api/referrals': { as: 'careline_worker', cases: [['status', 'lost'], ['bogus', '1']] },
  'GET /api/work/unit': { as: 'supervisor', cases: [['state', 'done'], ['owner', 'me'], ['bogus', '1']] },
  'GET /api/work/unit/owners': { as: 'supervisor', cases: [['limit', '0'], ['limit', '201'], ['cursor', 'bm90LWEtY3Vyc29y'], ['bogus', '1']] },
  'GET /api/compliance': { as: 'hart_director', cases: [['from', 'yesterday'], ['to', '2026-13-45'], ['bogus', '1']] },
  'GET /api/consults': { as: 'hart_liaison', cases: [['status', 'lost'], ['bogus', '1']] },
  'GET /api/hart/support': { as: 'hart_lead', cases: [['status', 'lost'], ['bogus', '1']] },
  'GET /api/cases': {
    as: 'ongoing_worker',
    cases: [['htConcern', 'maybe'], ['missing737', 'x'], ['limit', '0'], ['limit', '201'], ['limit', 'lots'], ['cursor', 'not a cursor'], ['cursor', 'bm90LWEtY3Vyc29y'], ['bogus', '1']],
  },
  'GET /api/cases/missing-737': { as: 'hart_liaison', cases: [['limit', '0'], ['limit', '201'], ['cursor', 'bm90LWEtY3Vyc29y'], ['bogus', '1']] },
  'GET /api/referrals/assignment-queue': { as: 'supervisor', cases: [['limit', '0'], ['limit', '201'], ['cursor', 'bm90LWEtY3Vyc29y'], ['bogus', '1']] },
  'GET /api/referrals/investigators': { as: 'supervisor', cases: [['limit', '0'], ['limit', '201'], ['cursor', 'bm90LWEtY3Vyc29y'], ['bogus', '1']] },
  'GET /api/referrals/notice-problems': { as: 'careline_supervisor', cases: [['limit', '0'], ['limit', '201'], ['cursor', 'bm90LWEtY3Vyc29y'], ['bogus', '1']] },
  'GET /api/referrals/triage-queue': { as: 'hart_director', cases: [['limit', '0'], ['limit', '201'], ['cursor', 'bm90LWEtY3Vyc29y'], ['bogus', '1']] },
  'GET /api/work': { as: 'ongoing_worker', cases: [['limit', '0'], ['limit', '201'], ['cursor', 'bm90LWEtY3Vyc29y'], ['bogus', '1']] },
  'GET /api/people': { as: 'supervisor', cases: [['kind', 'wizard'], ['q', long(81)], ['q', ' '], ['q', '1234'], ['limit', '0'], ['limit', '201'], ['cursor', 'bm90LWEtY3Vyc29y'], ['bogus', '1']] },
};

const clients = new Map<string, Client>();
async function clientFor(who: Role | 'signed out'): Promise<Client> {
  if (!clients.has(who)) {
    const c = who === 'signed out' ? new Client(server.baseUrl) : await signedIn(server, who);
    if (who === 'signed out') await c.refresh();
    clients.set(who, c);
  }
  return clients.get(who)!;
}

async function fingerprint(): Promise<string> {
  const rows = await queryRows(db(), sql`select (select count(*) || ':' || sum(version) from users) as u, (select count(*) || ':' || sum(version) from offices) as o,
    (select count(*) || ':' || sum(version) from people) as p, (select count(*) from sessions) as s, (select count(*) from user_roles) as r,
    (select count(*) || ':' || sum(version) from partner_agencies) as d, (select count(*) || ':' || sum(version) from referrals) as f`);
  return JSON.stringify(rows[0]);
}

function expectNamed(r: Reply, status: number, field: string, what: string): void {
  const body = r.body as ErrorBody;
  expect(r.status, `${what}: ${JSON.stringify(body)}`).toBe(status);
  expect(body.fields?.map((f) => f.field), what).toContain(field);
  expect(body.message, what).toContain(field);
  expect(body.requestId).toBe(r.headers.get('x-request-id'));
}

describe('bad request bodies', () => {
  it('covers every route that takes a body', () => {
    const withBody = server.app.routesList.filter((r) => ['POST', 'PATCH', 'PUT'].includes(r.method)).map((r) => `${r.method} ${r.url}`);
    expect(withBody.filter((k) => !(k in bodyRoutes))).toEqual([]);
    expect(Object.keys(bodyRoutes).filter((k) => !withBody.includes(k))).toEqual([]);
  });

  for (const [key, spec] of Object.entries(bodyRoutes)) {
    const method = key.split(' ')[0]!;
    it(`${key}: malformed JSON, wrong types, unknown fields, over-long fields -> 400 naming them; oversized -> 413 body; nothing written`, async () => {
      const c = await clientFor(spec.as);
      const send = (body: string, type = 'application/json') => c.raw(method, spec.path(), { body, headers: { 'content-type': type, 'x-csrf-token': c.csrfToken } });
      const before = await fingerprint();

      expectNamed(await send('{"firstName": "Unclosed'), 400, 'body', 'malformed JSON');
      expectNamed(await send('['), 400, 'body', 'truncated JSON');
      const form = await send('name=value', 'application/x-www-form-urlencoded');
      expectNamed(form, 415, 'body', 'a form-encoded body');
      const huge = JSON.stringify({ ...(spec.valid ? await spec.valid() : {}), filler: long(server.config.bodyLimitBytes) });
      const oversized = await send(huge);
      expectNamed(oversized, 413, 'body', 'oversized body');
      expect((oversized.body as ErrorBody).error).toBe('body_too_large');

      if (spec.valid) {
        const valid = spec.valid;
        const withField = async (field: string, value: unknown) => send(JSON.stringify({ ...(await valid()), [field.split('.')[0]!]: value }));
        for (const [field, value] of spec.wrongType) expectNamed(await withField(field, value), 400, field, `wrong type for ${field}`);
        for (const [field, value] of spec.tooLong) expectNamed(await withField(field, value), 400, field, `over-long ${field}`);
        expectNamed(await withField('surprise', 1), 400, 'surprise', 'unknown field');
        expectNamed(await send(JSON.stringify('just a string')), 400, 'body', 'a JSON string for a body');
        expectNamed(await send('name=value', 'text/plain'), 400, 'body', 'a text body');
      }
      expect(await fingerprint(), `${key} half-wrote something`).toBe(before);
    });
  }
});

/** Routes with an id and no body whose permission only one role holds (the guard answers others first). */
const pathRoles: Record<string, Role> = { 'GET /api/referrals/:id/assignment': 'supervisor' };

describe('bad path parameters', () => {
  it('answers 400 naming `id` on every route with an id that is not a UUID', async () => {
    const withId = server.app.routesList.filter((r) => r.url.includes(':id'));
    expect(withId.length).toBeGreaterThan(5);
    for (const route of withId) {
      const key = `${route.method} ${route.url}`;
      const hartDirector = ['/api/people', '/api/obligations', '/api/timeline', '/api/consults', '/api/hart'].some((p) => route.url.startsWith(p));
      const as = bodyRoutes[key]?.as ?? pathRoles[key] ?? (hartDirector ? 'hart_director' : route.url.startsWith('/api/referrals') ? 'careline_worker' : route.url.startsWith('/api/cases') ? 'ongoing_worker' : 'administrator');
      const c = await clientFor(as);
      const body = bodyRoutes[key]?.valid ? await bodyRoutes[key].valid() : undefined;
      const r = await c.request(route.method, route.url.replace(':id', 'not-a-uuid'), body);
      expectNamed(r, 400, 'id', key);
    }
  });
});

describe('bad query strings', () => {
  it('covers every route that takes query parameters (from the OpenAPI document)', async () => {
    const doc = (await (await signedIn(server, 'auditor')).get<{ paths: Record<string, Record<string, { parameters?: { in: string }[] }>> }>('/api/docs/json')).body;
    const withQuery: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) if (op.parameters?.some((x) => x.in === 'query')) withQuery.push(`${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    expect(withQuery.sort()).toEqual(Object.keys(queryRoutes).sort());
  });

  for (const [key, spec] of Object.entries(queryRoutes)) {
    it(`${key}: a bad query parameter -> 400 naming it`, async () => {
      const c = await clientFor(spec.as);
      const url = key.split(' ')[1]!;
      for (const [param, value] of spec.cases) expectNamed(await c.get(`${url}?${param}=${encodeURIComponent(value)}`), 400, param, `${param}=${value}`);
      expect((await c.get(url)).status).toBe(200);
    });
  }
});

describe('well-formed bodies that point at nothing', () => {
  it('answer 400 (409 for a taken name) naming the field, and write nothing', async () => {
    const admin = await clientFor('administrator');
    const director = await clientFor('hart_director');
    const before = await fingerprint();
    const user = { username: 'dangling.ref', displayName: 'Dangling', email: null, roles: ['supervisor'], officeId: ids.hfd, password: 'a-long-enough-password' };
    const office = { code: 'DANGLING', name: 'Dangling unit', kind: 'hart', regionCode: null, townName: null, phone: null };
    const person = { kind: 'child', firstName: 'Dangling', lastName: 'Reference', dateOfBirth: null, gender: 'unknown', townName: null, officeId: ids.hfd };
    expectNamed(await admin.post('/api/users', { ...user, officeId: crypto.randomUUID() }), 400, 'officeId', 'user in no office');
    expectNamed(await admin.post('/api/users', { ...user, username: 'sup001' }), 409, 'username', 'a taken username');
    expectNamed(await admin.post('/api/offices', { ...office, regionCode: 'R9' }), 400, 'regionCode', 'no such region');
    expectNamed(await admin.post('/api/offices', { ...office, townName: 'Atlantis' }), 400, 'townName', 'no such town');
    expectNamed(await director.post('/api/people', { ...person, officeId: crypto.randomUUID() }), 400, 'officeId', 'person in no office');
    expectNamed(await director.post('/api/people', { ...person, townName: 'Atlantis' }), 400, 'townName', 'person in no town');
    expectNamed(await director.patch(`/api/people/${ids.person}`, { townName: 'Atlantis', version: await version(people, ids.person) }), 400, 'townName', 'moved to no town');
    expect(await fingerprint()).toBe(before);
  });
});

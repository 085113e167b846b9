import type { PersonMatchView, PersonView, ReferralView } from '@harbor/policy/api';
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, offices, people, personMatchKeys, referralChildren, referrals, userRoles, users } from '../db/schema.js';
import { matchKeyRows, openIdentity } from '../people/index.js';
import { demoPassword, demoUsername } from '../seed/index.js';
import { Client, signedIn, startTestServer, type TestServer } from '../test/harness.js';
import { completeDraft } from '../test/referral-fixtures.js';

/** Repeat victims: a child already known is found while a new referral is written, and linked to it. */
let server: TestServer;
let worker: Client;
const db = () => server.db.database.db;
type ErrorBody = { error: string; message: string; fields?: { field: string; message: string }[] };

const marisol = { firstName: 'Marisol', lastName: 'Quintero-Ávila', aliases: ['Mari Q'], dateOfBirth: '2011-02-03', townName: 'Manchester' };
const draftAbout = (child: Partial<typeof marisol> & { linkedPersonId?: string | null }) => {
  const d = completeDraft();
  d.children[0] = { ...d.children[0]!, ...marisol, ...child };
  return d;
};

async function submit(draft: ReturnType<typeof completeDraft>): Promise<{ status: number; body: ReferralView & ErrorBody; id: string }> {
  const created = await worker.post<ReferralView>('/api/referrals', draft);
  expect(created.status).toBe(201);
  const r = await worker.post<ReferralView & ErrorBody>(`/api/referrals/${created.body.id}/submit`, { version: 1 });
  return { ...r, id: created.body.id };
}
const personOf = async (referralId: string) =>
  (await db().select({ personId: referralChildren.personId }).from(referralChildren).where(eq(referralChildren.referralId, referralId))).map((r) => r.personId);

let first: { id: string; number: string; personId: string };

beforeAll(async () => {
  server = await startTestServer();
  worker = await signedIn(server, 'careline_worker');
  const r = await submit(draftAbout({}));
  expect(r.status).toBe(200);
  const [personId] = await personOf(r.id);
  first = { id: r.id, number: r.body.number, personId: personId! };
});
afterAll(async () => {
  await server.close();
});

describe('repeat victims', () => {
  it('files a person record for each child of a submitted referral with the Careline, not the office of the child’s town', async () => {
    const [person] = await db()
      .select({ kind: people.kind, officeCode: offices.code, townName: people.townName })
      .from(people)
      .innerJoin(offices, eq(offices.id, people.officeId))
      .where(eq(people.id, first.personId));
    expect(person).toEqual({ kind: 'child', officeCode: 'CARELINE', townName: 'Manchester' });
    // The submitting worker (assigned reach) can open the child's record.
    const view = await worker.get<PersonView>(`/api/people/${first.personId}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ firstName: 'Marisol', lastName: 'Quintero-Ávila', aliases: ['Mari Q'], dateOfBirth: '2011-02-03' });
  });

  it('a second referral about the same child (alias + date of birth) finds the first child’s person', async () => {
    const r = await worker.post<PersonMatchView[]>('/api/referrals/person-matches', { firstName: 'Lupe', aliases: ['mari-q'], dateOfBirth: '2011-02-03' });
    expect(r.status).toBe(200);
    // CF-1: before linking, the least that lets the worker decide: initials, birth year, town, earlier referrals.
    expect(r.body).toEqual([
      {
        personId: first.personId,
        initials: 'M. Q.',
        birthYear: 2011,
        townName: 'Manchester',
        matchedOn: ['alias', 'dateOfBirth'],
        referrals: [{ number: first.number, receivedAt: new Date('2026-03-05T14:07:00-05:00').toISOString() }],
        details: null,
      },
    ]);
    expect(JSON.stringify(r.body)).not.toMatch(/Marisol|Quintero|Mari Q|2011-02-03/);
    // Case, accents and punctuation do not matter; name, town and date of birth rank first.
    const loose = await worker.post<PersonMatchView[]>('/api/referrals/person-matches', { firstName: 'MARISOL', lastName: 'quintero avila', townName: 'manchester', dateOfBirth: '2011-02-03' });
    expect(loose.body[0]).toMatchObject({ personId: first.personId, matchedOn: ['name', 'dateOfBirth', 'town'] });
    // A name alone is not enough.
    expect((await worker.post<PersonMatchView[]>('/api/referrals/person-matches', { firstName: 'Marisol', lastName: 'Quintero-Ávila' })).body).toEqual([]);
  });

  it('linking the match makes both referrals point to the same person, and no second record is made', async () => {
    const before = (await db().select({ id: people.id }).from(people)).length;
    const second = await submit(draftAbout({ firstName: 'Lupe', aliases: ['Mari Q'], linkedPersonId: first.personId }));
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(await personOf(second.id)).toEqual([first.personId]);
    expect((await db().select({ id: people.id }).from(people)).length).toBe(before);
    const again = await worker.post<PersonMatchView[]>('/api/referrals/person-matches', { firstName: 'Marisol', lastName: 'Quintero-Ávila', dateOfBirth: '2011-02-03' });
    expect(again.body[0]?.referrals.map((r) => r.number)).toEqual([first.number, second.body.number]);
  });

  it('files the new children of a referral together, each with its own record and match keys, the linked one kept, in the order entered', async () => {
    const d = draftAbout({ firstName: 'Lupe', aliases: ['Mari Q'], linkedPersonId: first.personId });
    const carla = { ...d.children[0]!, firstName: 'Carla', lastName: 'Primera', aliases: ['Carly'], dateOfBirth: '2010-01-01', townName: 'Bristol', linkedPersonId: null };
    const dora = { ...carla, firstName: 'Dora', lastName: 'Tercera', aliases: [], dateOfBirth: '2013-03-03', townName: 'Norwich' };
    d.children = [carla, d.children[0]!, dora];
    const r = await submit(d);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const rows = await db().select().from(referralChildren).where(eq(referralChildren.referralId, r.id)).orderBy(referralChildren.childIndex);
    expect(rows.map((c) => c.childIndex)).toEqual([0, 1, 2]);
    expect(rows[1]!.personId).toBe(first.personId);
    for (const [at, child] of [[0, carla], [2, dora]] as const) {
      const [p] = await db().select().from(people).where(eq(people.id, rows[at]!.personId));
      const identity = openIdentity(server.vault, p!.id, p!.identity);
      expect(identity).toEqual({ firstName: child.firstName, lastName: child.lastName, aliases: child.aliases, dateOfBirth: child.dateOfBirth });
      expect(p!.townName).toBe(child.townName);
      const keys = await db().select({ kind: personMatchKeys.kind, hash: personMatchKeys.hash }).from(personMatchKeys).where(eq(personMatchKeys.personId, p!.id));
      const expected = matchKeyRows(server.vault, p!.id, identity, child.townName).map((k) => ({ kind: k.kind, hash: k.hash }));
      expect(keys).toHaveLength(expected.length);
      expect(keys).toEqual(expect.arrayContaining(expected));
    }
    // Each new child is found by the repeat-victim search by their own keys.
    const found = await worker.post<PersonMatchView[]>('/api/referrals/person-matches', { firstName: 'Dora', lastName: 'Tercera', dateOfBirth: '2013-03-03' });
    expect(found.body.map((m) => m.personId)).toEqual([rows[2]!.personId]);
  });

  it('refuses a link to an unknown person or to someone who is not a child: 400 naming the field, the draft kept', async () => {
    const [caregiver] = await db().select({ id: people.id }).from(people).where(eq(people.kind, 'caregiver')).limit(1);
    for (const linkedPersonId of [crypto.randomUUID(), caregiver!.id]) {
      const r = await submit(draftAbout({ linkedPersonId }));
      expect(r.status).toBe(400);
      expect(r.body.fields?.map((f) => f.field)).toEqual(['children.0.linkedPersonId']);
      expect(r.body.message).toContain('children.0.linkedPersonId');
      const [row] = await db().select({ status: referrals.status }).from(referrals).where(eq(referrals.id, r.id));
      expect(row?.status).toBe('draft');
      expect(await personOf(r.id)).toEqual([]);
    }
  });

  it('[CF-1] audits the match answer with every person shown, and the one shown in full, never the names', async () => {
    const r = await worker.post<PersonMatchView[]>('/api/referrals/person-matches', { firstName: 'Marisol', lastName: 'Quintero-Ávila', townName: 'Manchester' });
    expect(r.body).toHaveLength(1);
    const [row] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'referral.person_matches'), eq(auditEvents.requestId, r.headers.get('x-request-id')!)));
    expect(row).toMatchObject({ outcome: 'success', detail: { count: 1, personIds: [first.personId], shownInFull: [] } });
    expect(JSON.stringify(row)).not.toMatch(/Marisol|Quintero|Manchester/);
  });

  it('[CF-1] gives the full details only of the child the worker linked, while it still matches what was entered', async () => {
    const q = { firstName: 'Marisol', lastName: 'Quintero-Ávila', townName: 'Manchester' };
    const linked = await worker.post<PersonMatchView[]>('/api/referrals/person-matches', { ...q, linkedPersonId: first.personId });
    expect(linked.status).toBe(200);
    expect(linked.body[0]).toMatchObject({ personId: first.personId, initials: 'M. Q.', details: { firstName: 'Marisol', lastName: 'Quintero-Ávila', aliases: ['Mari Q'], dateOfBirth: '2011-02-03' } });
    const [row] = await db().select().from(auditEvents).where(eq(auditEvents.requestId, linked.headers.get('x-request-id')!));
    expect(row).toMatchObject({ action: 'referral.person_matches', recordId: first.personId, detail: { personIds: [first.personId], shownInFull: [first.personId] } });
    // A link to a child the search does not find (another name, another town) opens nothing.
    const [other] = await db().select({ id: people.id }).from(people).where(eq(people.kind, 'child')).limit(1);
    for (const attempt of [{ firstName: 'Nobody', lastName: 'Known', townName: 'Manchester', linkedPersonId: first.personId }, { ...q, linkedPersonId: other!.id }]) {
      const r = await worker.post<PersonMatchView[]>('/api/referrals/person-matches', attempt);
      expect(r.status).toBe(200);
      expect(r.body.map((m) => m.details)).toEqual(r.body.map(() => null));
    }
  });

  it('gives the investigation worker assigned to the referral reach over its child', async () => {
    const investigator = await signedIn(server, 'investigation_worker');
    const accepted = await submit(draftAbout({ firstName: 'Rosa', lastName: 'Investigada', aliases: [], townName: 'Hartford', dateOfBirth: '2012-04-05' }));
    const [personId] = await personOf(accepted.id);
    expect((await investigator.get(`/api/people/${personId!}`)).status).toBe(404);
    // Nor do the Hartford office's supervisor and HART liaison see the child before the referral reaches them.
    for (const role of ['supervisor', 'hart_liaison', 'hart_lead'] as const) {
      const other = await signedIn(server, role);
      expect((await other.get(`/api/people/${personId!}`)).status, role).toBe(404);
      expect((await other.get<{ items: PersonView[] }>('/api/people?limit=200')).body.items.map((p) => p.id), role).not.toContain(personId);
    }
    const decided = await worker.post<ReferralView>(`/api/referrals/${accepted.id}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: 2 });
    expect(decided.status).toBe(200);
    const supervisor = await signedIn(server, 'supervisor');
    const me = (await investigator.refresh()).body.user!;
    const assigned = await supervisor.post(`/api/referrals/${accepted.id}/assignment`, { userId: me.id, version: decided.body.version });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect((await investigator.get(`/api/people/${personId!}`)).status).toBe(200);
  });

  it('refuses a link that does not match the child as entered, and the same person twice in one referral', async () => {
    const other = await submit(draftAbout({ firstName: 'Olga', lastName: 'Unrelated', aliases: [], dateOfBirth: '2009-12-12', townName: 'Bridgeport' }));
    expect(other.status).toBe(200);
    const [otherPerson] = await personOf(other.id);
    const stranger = await submit(draftAbout({ linkedPersonId: otherPerson! }));
    expect(stranger.status).toBe(400);
    expect(stranger.body.fields?.map((f) => f.field)).toEqual(['children.0.linkedPersonId']);
    const twice = draftAbout({ linkedPersonId: first.personId });
    twice.children.push({ ...twice.children[0]! });
    const r = await submit(twice);
    expect(r.status).toBe(400);
    expect(r.body.fields?.map((f) => f.field)).toEqual(['children.1.linkedPersonId']);
  });

  it('a worker who links an earlier child does not thereby reach that child’s record', async () => {
    const [roster] = await db()
      .select({ username: users.username })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'careline_worker')))
      .where(ne(users.username, demoUsername('careline_worker')))
      .limit(1);
    const colleague = new Client(server.baseUrl);
    expect((await colleague.signIn(roster!.username, demoPassword)).status).toBe(200);
    expect((await colleague.get(`/api/people/${first.personId}`)).status).toBe(404);
    const created = await colleague.post<ReferralView>('/api/referrals', draftAbout({ linkedPersonId: first.personId }));
    const submitted = await colleague.post<ReferralView>(`/api/referrals/${created.body.id}/submit`, { version: 1 });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(await personOf(created.body.id)).toEqual([first.personId]);
    expect((await colleague.get(`/api/people/${first.personId}`)).status, 'linking is not a way in').toBe(404);
  });
});

describe('[CF-1] the per-user limit on repeat-victim searches', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ matchSearchesPerHour: 3 });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('[CF-1] answers 429 with a clear message past HARBOR_MATCH_SEARCHES_PER_HOUR in an hour, audited as denied; another user still searches', async () => {
    const me = await signedIn(limited, 'careline_worker');
    const q = { firstName: 'Limit', lastName: 'Tester', dateOfBirth: '2012-01-01' };
    for (let i = 0; i < 3; i++) expect((await me.post('/api/referrals/person-matches', q)).status).toBe(200);
    const refused = await me.post<ErrorBody>('/api/referrals/person-matches', q);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: 'too_many_searches' });
    expect(refused.body.message).toMatch(/3 times in the last hour/);
    expect(refused.headers.get('retry-after')).toBe('600');
    const rows = await limited.db.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, refused.headers.get('x-request-id')!));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'referral.person_matches', outcome: 'denied', username: demoUsername('careline_worker'), detail: { status: 429 } });
    // The limit is per user: the Careline supervisor is not held by the worker's searches.
    expect((await (await signedIn(limited, 'careline_supervisor')).post('/api/referrals/person-matches', q)).status).toBe(200);
  });
});

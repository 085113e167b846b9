import type { CaseSummaryView, CaseView, Missing737Item, Page, ReferralView } from '@harbor/policy/api';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, caseAllegations, caseNotices, cases, consults, documents, obligations, offices, outboxMessages, people, referrals } from '../db/schema.js';
import { extractPdfText } from '../documents/index.js';
import { createSmtpTransport, deliverDue, deliveryOptionsFrom, type MailTransport } from '../outbox/index.js';
import { demoUsername } from '../seed/index.js';
import { staffOf, userIdOf } from '../test/casework-fixtures.js';
import { signedIn, startTestServer, type Client, type TestServer } from '../test/harness.js';
import { collectPages, expectStablePaging } from '../test/paging.js';
import { SmtpPeer } from '../test/smtp-peer.js';

/** Open cases and "Raise an HT concern" (OG-1 .. OG-4), HL-2's cases lacking a sent DCF-737. */
let server: TestServer;
let peer: SmtpPeer;
let transport: MailTransport;
let ongoing: Client;
let liaison: Client;
let hfd = '';
let me = '';
const db = () => server.db.database.db;

beforeAll(async () => {
  peer = await new SmtpPeer().start();
  server = await startTestServer({ smtpUrl: peer.url });
  transport = createSmtpTransport(peer.url, { connectionMs: 5000, greetingMs: 5000, socketMs: 10_000 });
  ongoing = await signedIn(server, 'ongoing_worker');
  liaison = await signedIn(server, 'hart_liaison');
  hfd = (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, 'HFD')))[0]!.id;
  me = await userIdOf(server, demoUsername('ongoing_worker'));
});
afterAll(async () => {
  transport.close();
  await peer.stop();
  await server.close();
});

async function deliver(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const report = await deliverDue(server.app.harbor.data.forSystem('outbox'), transport, server.clock.now(), await deliveryOptionsFrom(server.app.harbor.data, server.config, server.vault));
    if (report.claimed === 0) return;
  }
}
let n = 0;
const newChild = () => ({ kind: 'new', firstName: 'Rosa', lastName: `Casework${++n}`, dateOfBirth: '2011-04-02', gender: 'female', townName: 'Hartford' });
async function openCase(client = ongoing, body: Record<string, unknown> = {}): Promise<CaseView> {
  const r = await client.post<CaseView>('/api/cases', { child: newChild(), officeId: hfd, workerId: me, idempotencyKey: `case-open-${++n}`, ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}
const concern = (key: string) => ({
  indicators: ['missing_now', 'hotel_keys_or_supplies', 'much_older_partner'],
  narrative: 'CONCERN-SECRET: the youth came back with hotel key cards and talks about an older boyfriend who pays for things.',
  notes: 'Foster mother reported it at the monthly visit.',
  idempotencyKey: key,
});

describe('open cases', () => {
  it('opens a case directly with a new child (sealed), numbered C-YYYY-NNNNNN, assigned to the ongoing worker; a retry makes nothing new', async () => {
    const body = { child: newChild(), officeId: hfd, workerId: me, idempotencyKey: 'case-create-retry-1' };
    const a = await ongoing.post<CaseView>('/api/cases', body);
    const b = await ongoing.post<CaseView>('/api/cases', body);
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(a.body).toMatchObject({ number: expect.stringMatching(/^C-\d{4}-\d{6}$/), officeCode: 'HFD', workerId: me, childName: body.child.firstName + ' ' + body.child.lastName, htConcernAt: null, missing737: false, canRaise: true });
    const [person] = await db().select().from(people).where(eq(people.id, a.body.child.personId));
    expect(person!.identity).not.toContain(body.child.lastName);
    expect(await db().select().from(cases).where(eq(cases.idempotencyKey, body.idempotencyKey))).toHaveLength(1);
    // The retry's answer shows the child too: both are in the audit trail, the second as a replay.
    const audits = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'case.create'), eq(auditEvents.recordId, a.body.id))).orderBy(auditEvents.id);
    expect(audits.map((x) => [x.outcome, (x.detail as { replayed?: boolean }).replayed ?? false])).toEqual([['success', false], ['success', true]]);
  });

  it('refuses another office, a worker who is not an ongoing worker of the office, and a child out of reach, by field', async () => {
    const far = (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, 'BPT')))[0]!.id;
    const r1 = await ongoing.post<{ fields: { field: string }[] }>('/api/cases', { child: newChild(), officeId: far, workerId: me, idempotencyKey: 'case-bad-0001' });
    expect([r1.status, r1.body.fields[0]?.field]).toEqual([400, 'officeId']);
    const r2 = await ongoing.post<{ fields: { field: string }[] }>('/api/cases', { child: newChild(), officeId: hfd, workerId: await userIdOf(server, demoUsername('supervisor')), idempotencyKey: 'case-bad-0002' });
    expect([r2.status, r2.body.fields[0]?.field]).toEqual([400, 'workerId']);
    const [bpt] = await db().select({ id: people.id }).from(people).innerJoin(offices, eq(offices.id, people.officeId)).where(and(eq(offices.code, 'BPT'), eq(people.kind, 'child'))).limit(1);
    const r3 = await ongoing.post<{ fields: { field: string }[] }>('/api/cases', { child: { kind: 'existing', personId: bpt!.id }, officeId: hfd, workerId: me, idempotencyKey: 'case-bad-0003' });
    expect([r3.status, r3.body.fields[0]?.field]).toEqual([400, 'child.personId']);
  });

  it('is reached by its worker and the office, not by a worker of another office or one not assigned (404)', async () => {
    const c = await openCase();
    const supervisor = await signedIn(server, 'supervisor');
    expect((await supervisor.get(`/api/cases/${c.id}`)).status).toBe(200);
    const otherHere = await staffOf(server, 'ongoing_worker', 'HFD');
    const otherThere = await staffOf(server, 'ongoing_worker', 'BPT');
    for (const who of [otherHere.client, otherThere.client]) {
      expect((await who.get(`/api/cases/${c.id}`)).status).toBe(404);
      expect((await who.post(`/api/cases/${c.id}/ht-concern`, concern('case-scope-0001'))).status).toBe(404);
      expect((await who.get<Page<CaseSummaryView>>('/api/cases?limit=200')).body.items.map((x) => x.id)).not.toContain(c.id);
    }
  });
});

describe('Raise an HT concern on an open case', () => {
  let c: CaseView;
  let raised: CaseView;
  beforeAll(async () => {
    c = await openCase();
    const r = await ongoing.post<CaseView>(`/api/cases/${c.id}/ht-concern`, concern('og-raise-0001'));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    raised = r.body;
  });

  it('[OG-1] records the red-flag assessment (the worker’s words sealed) and requests a HART consult of the area office', async () => {
    expect(raised.htConcern).toMatchObject({ indicators: ['missing_now', 'hotel_keys_or_supplies', 'much_older_partner'], narrative: concern('').narrative });
    const [row] = await db().select().from(cases).where(eq(cases.id, c.id));
    expect(JSON.stringify(row!.redFlags)).not.toContain('CONCERN-SECRET');
    expect(raised.consults).toHaveLength(1);
    const [consult] = await db().select().from(consults).where(eq(consults.subjectId, c.id));
    expect(consult).toMatchObject({ subjectType: 'case', officeId: hfd, status: 'requested' });
    const og1 = raised.duties.filter((d) => d.clause === 'OG-1');
    expect(og1.map((d) => [d.completes, d.state])).toEqual([
      ['red_flags_assessed', 'done'],
      ['consult_requested', 'done'],
    ]);
    const [hl1] = await db().select().from(obligations).where(and(eq(obligations.subjectId, consult!.id), eq(obligations.clause, 'HL-1')));
    expect(hl1).toMatchObject({ ownerRole: 'hart_liaison', ownerOfficeId: hfd });
    expect((await ongoing.post(`/api/cases/${c.id}/ht-concern`, { ...concern('og-bad-0001'), indicators: [] })).status).toBe(400);
  });

  it('[OG-2] sends the DCF-737 to local police, the HART Director (not the HART Lead), the FBI, the Chief State’s Attorney and the MDT', async () => {
    expect(raised.notices.filter((x) => x.means === 'dcf737').map((x) => x.party).sort()).toEqual(['chief_states_attorney', 'fbi_field_office', 'hart_director', 'mdt', 'police_department']);
    expect(raised.duties.find((d) => d.clause === 'OG-2' && d.completes === 'dcf737_sent')?.state).toBe('done');
    await deliver();
    const mails = peer.received.filter((m) => m.subject === `DCF-737 notice, open case ${c.number}`);
    expect(mails.flatMap((m) => m.envelopeTo).sort()).toEqual(['ct-child-exploitation@fbi.example.gov', 'hart-director@dcf.example.gov', 'mdt.hartford@mdt.example.org', 'records@hartford-pd.example.gov', 'trafficking@csa.example.gov']);
    for (const m of mails) {
      const text = extractPdfText(m.attachments[0]!.content);
      expect(text).toContain(c.number);
      expect(text).toContain('open case');
      expect(text).not.toContain('CONCERN-SECRET');
      expect(text).not.toContain(c.child.lastName);
    }
    const after = (await ongoing.get<CaseView>(`/api/cases/${c.id}`)).body;
    expect(after.notices.filter((x) => x.means === 'dcf737').every((x) => x.status === 'sent')).toBe(true);
    expect(after.missing737).toBe(false);
  });

  it('[OG-2][OG-3] one allegation, one set: exactly five DCF-737s in all, each party once; the Careline referral the concern made sends none of its own', async () => {
    await deliver();
    const referralNumber = raised.carelineReferral!.number;
    const about = peer.received.filter((m) => m.subject.includes(c.number) || m.subject.includes(referralNumber));
    const dcf737 = about.filter((m) => m.attachments.some((a) => a.filename.startsWith('DCF-737')));
    expect(dcf737).toHaveLength(5);
    expect(dcf737.flatMap((m) => m.envelopeTo).sort()).toEqual(['ct-child-exploitation@fbi.example.gov', 'hart-director@dcf.example.gov', 'mdt.hartford@mdt.example.org', 'records@hartford-pd.example.gov', 'trafficking@csa.example.gov']);
    expect(about.filter((m) => m.envelopeTo.includes('hart-lead.r4@dcf.example.gov')), 'the HART Lead is not a party of OG-2').toEqual([]);
    const referral = (await (await signedIn(server, 'careline_supervisor')).get<ReferralView>(`/api/referrals/${raised.carelineReferral!.id}`)).body;
    expect(referral.notices.filter((x) => x.means !== 'dcf823')).toEqual([]);
    expect(referral.origin).toEqual({ type: 'case', id: c.id, number: c.number, allegation: 1 });
  });

  it('[OG-3] refers the new allegation to the Careline: a referral about the same child, submitted, waiting for the Careline’s decision', async () => {
    expect(raised.carelineReferral).toMatchObject({ status: 'submitted', number: expect.stringMatching(/^R-/) });
    const [ref] = await db().select().from(referrals).where(eq(referrals.id, raised.carelineReferral!.id));
    const [careline] = await db().select({ id: offices.id }).from(offices).where(eq(offices.code, 'CARELINE'));
    expect(ref).toMatchObject({ originType: 'case', originId: c.id, originAllegation: 1, officeId: careline!.id, htCharacteristics: true });
    const carelineSupervisor = await signedIn(server, 'careline_supervisor');
    const queue = await collectPages<{ id: string }>(carelineSupervisor, '/api/referrals?status=submitted', 200);
    expect(queue.items.map((x) => x.id)).toContain(ref!.id);
    expect(raised.duties.find((d) => d.clause === 'OG-3')?.state).toBe('done');
  });

  it('[OG-4] leaves MDT collaboration and the legal / RRG consults open for the worker, due in 5 business days', () => {
    const og4 = raised.duties.find((d) => d.clause === 'OG-4');
    expect(og4).toMatchObject({ state: 'open', completes: 'mdt_legal_rrg_consulted', ownerName: expect.stringContaining('demo ongoing') });
    expect(Date.parse(og4!.dueAt) - Date.parse(raised.htConcern!.at)).toBeGreaterThanOrEqual(5 * 86_400_000);
  });

  it('a retry with the same key answers the first and makes nothing new', async () => {
    const again = await ongoing.post<CaseView>(`/api/cases/${c.id}/ht-concern`, concern('og-raise-0001'));
    expect(again.status).toBe(200);
    expect(again.body.htConcern?.at).toBe(raised.htConcern?.at);
    expect(await db().select().from(caseNotices).where(eq(caseNotices.caseId, c.id))).toHaveLength(6);
    expect(await db().select().from(consults).where(eq(consults.subjectId, c.id))).toHaveLength(1);
    expect(await db().select().from(referrals).where(eq(referrals.originId, c.id))).toHaveLength(1);
    expect((await ongoing.get<CaseView>(`/api/cases/${c.id}`)).body.allegations.map((a) => a.seq)).toEqual([1]);
    const rows = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'case.ht_concern'), eq(auditEvents.recordId, c.id), eq(auditEvents.outcome, 'success'))).orderBy(auditEvents.id);
    expect(rows.map((x) => (x.detail as { replayed?: boolean }).replayed ?? false)).toEqual([false, true]);
    expect(JSON.stringify(rows.map((x) => x.detail))).not.toContain('CONCERN-SECRET');
  });

  it('[HL-2] HART staff read only cases with an HT concern or a HART consult (least privilege); the case’s workers read every case of theirs', async () => {
    const plain = await openCase();
    expect((await liaison.get(`/api/cases/${plain.id}`)).status).toBe(404);
    expect((await liaison.get<Page<CaseSummaryView>>('/api/cases?limit=200')).body.items.map((x) => x.id)).not.toContain(plain.id);
    expect((await liaison.get(`/api/timeline/case/${plain.id}`)).status).toBe(404);
    expect((await (await signedIn(server, 'hart_director')).get(`/api/cases/${plain.id}`)).status).toBe(404);
    expect((await ongoing.get(`/api/cases/${plain.id}`)).status).toBe(200);
    expect((await liaison.get(`/api/cases/${c.id}`)).status).toBe(200); // the case with the HT concern
  });

  it('lists cases within reach with the HT-concern and missing-DCF-737 filters', async () => {
    const plain = await openCase();
    const withConcern = (await ongoing.get<Page<CaseSummaryView>>('/api/cases?limit=200&htConcern=yes')).body.items.map((x) => x.id);
    expect(withConcern).toContain(c.id);
    expect(withConcern).not.toContain(plain.id);
    expect((await ongoing.get<Page<CaseSummaryView>>('/api/cases?limit=200&htConcern=no')).body.items.map((x) => x.id)).toContain(plain.id);
    expect((await ongoing.get('/api/cases?htConcern=maybe')).status).toBe(400);
  });
});

describe('A new HT allegation on a case that already has an HT concern', () => {
  let c: CaseView;
  let first: CaseView;
  let second: CaseView;
  const allegation = (key: string) => ({
    indicators: ['ownership_tattoo', 'earnings_kept_by_other'],
    narrative: 'LATER-SECRET: months later the youth has a new tattoo of a name and works nights for an adult who keeps the pay.',
    idempotencyKey: key,
  });
  const post = (key: string) => ongoing.post<CaseView>(`/api/cases/${c.id}/ht-concern`, allegation(key));
  const subject2 = () => `DCF-737 notice, open case ${c.number} (new allegation 2)`;
  beforeAll(async () => {
    c = await openCase();
    first = (await ongoing.post<CaseView>(`/api/cases/${c.id}/ht-concern`, concern('og-new-0001'))).body;
    await deliver();
    const r = await post('og-new-0002');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    second = r.body;
  });

  it('[OG-2] a second allegation sends five new DCF-737s (its own notices, mails and documents), listed under it', async () => {
    expect(second.allegations.map((a) => a.seq)).toEqual([1, 2]);
    const [one, two] = second.allegations;
    expect(two!.notices.filter((x) => x.means === 'dcf737').map((x) => x.party).sort()).toEqual(['chief_states_attorney', 'fbi_field_office', 'hart_director', 'mdt', 'police_department']);
    expect(two!.notices.map((x) => x.id).filter((id) => one!.notices.some((n) => n.id === id))).toEqual([]);
    expect(one!.notices.filter((x) => x.means === 'dcf737').map((x) => x.status)).toEqual(Array(5).fill('sent'));
    // Each allegation has its own phone call to local police, awaiting the worker's record (OG-2).
    expect([one!, two!].map((a) => a.notices.filter((x) => x.means === 'phone').map((x) => [x.party, x.status]))).toEqual([[['police_department', 'awaiting_entry']], [['police_department', 'awaiting_entry']]]);
    expect(await db().select().from(caseNotices).where(eq(caseNotices.caseId, c.id))).toHaveLength(12);
    await deliver();
    const mails = peer.received.filter((m) => m.subject === subject2());
    expect(mails.flatMap((m) => m.envelopeTo).sort()).toEqual(['ct-child-exploitation@fbi.example.gov', 'hart-director@dcf.example.gov', 'mdt.hartford@mdt.example.org', 'records@hartford-pd.example.gov', 'trafficking@csa.example.gov']);
    for (const m of mails) expect(extractPdfText(m.attachments[0]!.content)).not.toContain('LATER-SECRET');
    const after = (await ongoing.get<CaseView>(`/api/cases/${c.id}`)).body;
    expect(after.allegations[1]!.notices.filter((x) => x.means === 'dcf737').every((x) => x.status === 'sent')).toBe(true);
    expect(after.missing737).toBe(false);
  });

  it('[OG-3] a second allegation makes and submits its own Careline referral for the same child', async () => {
    const [one, two] = second.allegations;
    expect(one!.referral?.id).toBe(first.carelineReferral!.id);
    expect(two!.referral).toMatchObject({ status: 'submitted', number: expect.stringMatching(/^R-/) });
    expect(two!.referral!.id).not.toBe(one!.referral!.id);
    expect(second.carelineReferral?.id).toBe(two!.referral!.id);
    const refs = await db().select().from(referrals).where(eq(referrals.originId, c.id));
    expect(refs.map((r) => r.status).sort()).toEqual(['submitted', 'submitted']);
    // Each referral is marked with the allegation it comes from, whose DCF-737s the case sent (OG-2).
    expect(refs.map((r) => [r.id, r.originAllegation]).sort()).toEqual([[one!.referral!.id, 1], [two!.referral!.id, 2]].sort());
    const carelineSupervisor = await signedIn(server, 'careline_supervisor');
    expect((await collectPages<{ id: string }>(carelineSupervisor, '/api/referrals?status=submitted', 200)).items.map((x) => x.id)).toContain(two!.referral!.id);
  });

  it('[OG-1] records its own red-flag assessment (sealed) and, the first consult still open, requests no other and says so', async () => {
    const two = second.allegations[1]!;
    expect(two).toMatchObject({ indicators: ['ownership_tattoo', 'earnings_kept_by_other'], narrative: allegation('').narrative, notes: null, byName: expect.stringContaining('demo ongoing') });
    expect(second.htConcern?.narrative).toBe(concern('').narrative);
    const [row] = await db().select().from(caseAllegations).where(eq(caseAllegations.caseId, c.id));
    expect(row).toMatchObject({ seq: 2, indicators: ['ownership_tattoo', 'earnings_kept_by_other'], consultRequested: false });
    expect(row!.assessmentSealed).not.toContain('LATER-SECRET');
    expect(await db().select().from(consults).where(eq(consults.subjectId, c.id))).toHaveLength(1);
    expect(two.consult).toMatchObject({ number: second.allegations[0]!.consult!.number, requested: false, status: 'requested' });
    expect(second.allegations[0]!.consult?.requested).toBe(true);
  });

  it('[OG-2] [OG-3] a retry of the second allegation makes nothing new (200, audited as a replay); the duties are not duplicated', async () => {
    const count = async () => ({
      notices: (await db().select().from(caseNotices).where(eq(caseNotices.caseId, c.id))).length,
      mails: (await db().select().from(outboxMessages).where(eq(outboxMessages.recordId, c.id))).length,
      documents: (await db().select().from(documents).where(eq(documents.recordId, c.id))).length,
      referrals: (await db().select().from(referrals).where(eq(referrals.originId, c.id))).length,
      allegations: (await db().select().from(caseAllegations).where(eq(caseAllegations.caseId, c.id))).length,
      duties: (await db().select().from(obligations).where(eq(obligations.subjectId, c.id))).length,
    });
    const before = await count();
    expect(before).toEqual({ notices: 12, mails: 10, documents: 10, referrals: 2, allegations: 1, duties: 10 });
    const again = await post('og-new-0002');
    expect(again.status).toBe(200);
    expect(again.body.allegations.map((a) => [a.seq, a.at])).toEqual(second.allegations.map((a) => [a.seq, a.at]));
    expect(await count()).toEqual(before);
    // A retry of the first concern is still the first.
    expect((await ongoing.post<CaseView>(`/api/cases/${c.id}/ht-concern`, concern('og-new-0001'))).body.allegations).toHaveLength(2);
    expect(await count()).toEqual(before);

    // Each allegation's OG-1 .. OG-3 duties are done; OG-4, still open from the first, is not raised twice.
    const duties = await db().select().from(obligations).where(eq(obligations.subjectId, c.id));
    const by = (completes: string) => duties.filter((d) => d.completes === completes).map((d) => d.state);
    for (const done of ['red_flags_assessed', 'consult_requested', 'dcf737_sent', 'careline_referral_made']) expect(by(done)).toEqual(['done', 'done']);
    expect(by('mdt_legal_rrg_consulted')).toEqual(['open']);
    // OG-2's police call, still open from the first allegation, covers the second's call too (not raised twice).
    expect(by('police_phoned')).toEqual(['open']);

    const rows = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'case.ht_concern'), eq(auditEvents.recordId, c.id), eq(auditEvents.outcome, 'success'))).orderBy(auditEvents.id);
    expect(rows.map((x) => x.detail as { allegation?: number; replayed?: boolean }).map((d) => [d.allegation, d.replayed ?? false])).toEqual([
      [1, false],
      [2, false],
      [2, true],
      [1, true],
    ]);
    const details = JSON.stringify(rows.map((x) => x.detail));
    for (const secret of ['LATER-SECRET', 'CONCERN-SECRET', 'ownership_tattoo', 'missing_now']) expect(details).not.toContain(secret);
  });

  it('[OG-1] a third allegation once the consult was held requests a new consult; OG-4 done meanwhile is raised again', async () => {
    await db().update(consults).set({ status: 'held' }).where(eq(consults.subjectId, c.id));
    await db().update(obligations).set({ state: 'done' }).where(and(eq(obligations.subjectId, c.id), eq(obligations.completes, 'mdt_legal_rrg_consulted')));
    const third = await post('og-new-0003');
    expect(third.status, JSON.stringify(third.body)).toBe(200);
    const timeline = await ongoing.get<{ items: { kind: string }[] }>(`/api/timeline/case/${c.id}`);
    expect(timeline.body.items.filter((e) => e.kind.startsWith('case.ht_')).map((e) => e.kind)).toEqual(['case.ht_concern', 'case.ht_allegation', 'case.ht_allegation']);
    expect(third.body.allegations.map((a) => a.seq)).toEqual([1, 2, 3]);
    expect(third.body.allegations[2]!.consult).toMatchObject({ requested: true, status: 'requested' });
    expect(third.body.allegations[2]!.consult!.id).not.toBe(third.body.allegations[0]!.consult!.id);
    expect(await db().select().from(consults).where(eq(consults.subjectId, c.id))).toHaveLength(2);
    expect(third.body.duties.filter((d) => d.completes === 'mdt_legal_rrg_consulted').map((d) => d.state)).toEqual(expect.arrayContaining(['done', 'open']));
  });
});

describe('OG-3 when the child’s record has no date of birth', () => {
  it('[OG-3] answers 400 naming estimatedAge and saves nothing (no red flags, notices, referral, consult); with the estimated age the referral is submitted', async () => {
    const person = await ongoing.post<{ id: string }>('/api/people', { kind: 'child', firstName: 'Nadia', lastName: 'Noage', dateOfBirth: null, gender: 'female', townName: 'Hartford', officeId: hfd });
    expect(person.status, JSON.stringify(person.body)).toBe(201);
    const c = await openCase(ongoing, { child: { kind: 'existing', personId: person.body.id } });
    expect(c.child.dateOfBirth).toBeNull();
    const refused = await ongoing.post<{ fields: { field: string; message: string }[] }>(`/api/cases/${c.id}/ht-concern`, concern('og3-noage-0001'));
    expect(refused.status).toBe(400);
    expect(refused.body.fields.map((f) => f.field)).toEqual(['estimatedAge']);
    const [row] = await db().select().from(cases).where(eq(cases.id, c.id));
    expect(row).toMatchObject({ htConcernAt: null, redFlags: null, version: c.version });
    expect(await db().select().from(caseNotices).where(eq(caseNotices.caseId, c.id))).toHaveLength(0);
    expect(await db().select().from(outboxMessages).where(eq(outboxMessages.recordId, c.id))).toHaveLength(0);
    expect(await db().select().from(referrals).where(eq(referrals.originId, c.id))).toHaveLength(0);
    expect(await db().select().from(consults).where(eq(consults.subjectId, c.id))).toHaveLength(0);
    expect(await db().select().from(obligations).where(eq(obligations.subjectId, c.id))).toHaveLength(0);

    const ok = await ongoing.post<CaseView>(`/api/cases/${c.id}/ht-concern`, { ...concern('og3-noage-0002'), estimatedAge: 15 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.allegations[0]!.referral?.status).toBe('submitted');
    expect(ok.body.duties.find((d) => d.clause === 'OG-3')?.state).toBe('done');
    // A later allegation on the same child needs the age again, and is refused the same way without it.
    const later = await ongoing.post<{ fields: { field: string }[] }>(`/api/cases/${c.id}/ht-concern`, concern('og3-noage-0003'));
    expect([later.status, later.body.fields.map((f) => f.field)]).toEqual([400, ['estimatedAge']]);
    expect(await db().select().from(caseAllegations).where(eq(caseAllegations.caseId, c.id))).toHaveLength(0);
    expect(await db().select().from(caseNotices).where(eq(caseNotices.caseId, c.id))).toHaveLength(6);
  });
});

describe('HL-2: open cases with an HT concern lacking a sent DCF-737', () => {
  it('[HL-2] the liaison sees the office’s cases whose DCF-737 is not sent or was never generated, with the reason; not once sent', async () => {
    const queued = await openCase();
    await ongoing.post(`/api/cases/${queued.id}/ht-concern`, concern('hl2-queued-0001'));
    // A second allegation's DCF-737s, not sent either: each party is named once.
    expect((await ongoing.post(`/api/cases/${queued.id}/ht-concern`, concern('hl2-queued-0002'))).status).toBe(200);
    // An imported case whose HT concern came with no DCF-737.
    const imported = await openCase();
    await db().update(cases).set({ htConcernAt: server.clock.now(), htConcernBy: me }).where(eq(cases.id, imported.id));
    const list = await liaison.get<Page<Missing737Item>>('/api/cases/missing-737?limit=200');
    expect(list.status).toBe(200);
    const byId = new Map(list.body.items.map((x) => [x.caseId, x]));
    expect(byId.get(queued.id)).toMatchObject({ reason: 'not_sent', officeCode: 'HFD', parties: expect.arrayContaining(['hart_director', 'police_department']) });
    expect(byId.get(queued.id)!.parties).toHaveLength(5);
    expect(byId.get(imported.id)).toMatchObject({ reason: 'no_notice', parties: [] });
    expect((await liaison.get<Page<CaseSummaryView>>('/api/cases?limit=200&missing737=yes')).body.items.map((x) => x.id)).toEqual(expect.arrayContaining([queued.id, imported.id]));

    await deliver();
    const after = (await liaison.get<Page<Missing737Item>>('/api/cases/missing-737?limit=200')).body.items.map((x) => x.caseId);
    expect(after).not.toContain(queued.id);
    expect(after).toContain(imported.id);

    // The Director sees every office's; a liaison of another office does not see Hartford's; a worker is refused.
    expect((await (await signedIn(server, 'hart_director')).get<Page<Missing737Item>>('/api/cases/missing-737?limit=200')).body.items.map((x) => x.caseId)).toContain(imported.id);
    const farLiaison = await staffOf(server, 'hart_liaison', 'BPT');
    expect((await farLiaison.client.get<Page<Missing737Item>>('/api/cases/missing-737?limit=200')).body.items.map((x) => x.caseId)).not.toContain(imported.id);
    expect((await ongoing.get('/api/cases/missing-737')).status).toBe(403);
  });
});

describe('OG-2: the phone call to local police on an open case', () => {
  it('[OG-2] an HT concern on an open case records the police call and its duty; recording the call closes it', async () => {
    const c = await openCase();
    const raised = await ongoing.post<CaseView>(`/api/cases/${c.id}/ht-concern`, concern('og2-phone-0001'));
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    // The phone notice to the town's police, awaiting the worker's record of the call.
    expect(raised.body.notices.filter((x) => x.means === 'phone')).toMatchObject([{ party: 'police_department', partnerName: expect.stringContaining('Hartford'), status: 'awaiting_entry', phoneCall: null, allegation: 1 }]);
    // Its duty: due at once, owned by the case's ongoing worker.
    const duty = async () => (await db().select().from(obligations).where(and(eq(obligations.subjectId, c.id), eq(obligations.completes, 'police_phoned'))))[0];
    expect(await duty()).toMatchObject({ clause: 'OG-2', ruleCode: 'phone_local_police_on_case', ownerUserId: me, state: 'open', dueAt: new Date(raised.body.htConcern!.at) });

    // Only who may raise the concern records the call: the HART liaison reads the case, but may not.
    const call = { calledAt: server.clock.now().toISOString(), officerName: 'Officer Tam Reyes', badgeNumber: '3318', policeCaseNumber: 'HPD-26-00412' };
    expect((await liaison.post(`/api/cases/${c.id}/phone-notices`, call)).status).toBe(404);
    expect((await ongoing.post(`/api/cases/${c.id}/phone-notices`, { ...call, calledAt: new Date(server.clock.now().getTime() + 3_600_000).toISOString() })).status).toBe(400);
    const r = await ongoing.post<CaseView>(`/api/cases/${c.id}/phone-notices`, call);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.notices.find((x) => x.means === 'phone')).toMatchObject({ status: 'recorded', phoneCall: { ...call, calledAt: new Date(call.calledAt).toISOString() } });
    expect(await duty()).toMatchObject({ state: 'done' });
    // Written once; the officer's name, badge and case number are sealed at rest (CF-1).
    expect((await ongoing.post(`/api/cases/${c.id}/phone-notices`, { ...call, officerName: 'Someone Else' })).status).toBe(409);
    const [row] = await db().select().from(caseNotices).where(and(eq(caseNotices.caseId, c.id), eq(caseNotices.means, 'phone')));
    expect(row).toMatchObject({ recordedBy: me, calledAt: new Date(call.calledAt) });
    expect(row!.policeContactSealed).not.toContain('Tam Reyes');
    expect(row!.policeContactSealed).not.toContain('HPD-26-00412');
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'case.phone_notice'), eq(auditEvents.recordId, c.id), eq(auditEvents.outcome, 'success')));
    expect(audit).toBeDefined();
    expect(JSON.stringify(audit!.detail)).not.toContain('Tam Reyes');
  });
});

describe('the case lists page (issue 11)', () => {
  it('GET /api/cases: every open case in reach exactly once across pages, HT concerns first, filters kept on every page, each page audited by id with its children', async () => {
    for (let i = 0; i < 4; i++) await openCase();
    const director = await signedIn(server, 'hart_director');
    const supervisor = await signedIn(server, 'supervisor');
    for (const [client, path] of [
      [ongoing, '/api/cases'],
      [supervisor, '/api/cases'],
      [director, '/api/cases?htConcern=yes'],
      [supervisor, '/api/cases?htConcern=no'],
    ] as const) {
      const all = await expectStablePaging<CaseSummaryView>(client, path, (c) => c.id, 2);
      expect(all.length, path).toBeGreaterThan(0);
      // HT concerns first (newest first), then by opening, newest first.
      const concerned = all.filter((c) => c.htConcernAt !== null);
      expect(all.slice(0, concerned.length)).toEqual(concerned);
      expect(concerned.map((c) => c.htConcernAt)).toEqual(concerned.map((c) => c.htConcernAt).sort().reverse());
      const plain = all.slice(concerned.length).map((c) => c.openedAt);
      expect(plain).toEqual([...plain].sort().reverse());
      if (path.includes('htConcern=yes')) expect(concerned).toHaveLength(all.length);
      if (path.includes('htConcern=no')) expect(concerned).toHaveLength(0);
    }
    // Within scope on every page: the ongoing worker's pages hold only the cases the worker reaches.
    const mine = await expectStablePaging<CaseSummaryView>(ongoing, '/api/cases', (c) => c.id, 3);
    const everything = await expectStablePaging<CaseSummaryView>(director, '/api/cases?htConcern=yes', (c) => c.id, 50);
    expect(new Set(mine.map((c) => c.officeCode))).toEqual(new Set(['HFD']));
    expect(everything.length).toBeGreaterThan(0);

    const page = await ongoing.get<Page<CaseSummaryView>>('/api/cases?limit=2');
    const rows = await db().select().from(auditEvents).where(eq(auditEvents.requestId, page.headers.get('x-request-id')!));
    expect(rows.find((r) => r.action === 'case.list')).toMatchObject({ recordType: 'case', detail: { ids: page.body.items.map((c) => c.id), count: 2 } });
    const children = await db().select({ personId: cases.personId }).from(cases).where(inArray(cases.id, page.body.items.map((c) => c.id)));
    const listedPeople = (rows.find((r) => r.recordType === 'person')?.detail as { ids?: string[] } | null)?.ids ?? [];
    expect(listedPeople.sort()).toEqual(children.map((c) => c.personId).sort());
  });

  it('[HL-2] GET /api/cases/missing-737: every case lacking a sent DCF-737 exactly once across pages, oldest concern first, within the liaison’s reach', async () => {
    for (let i = 0; i < 3; i++) {
      const imported = await openCase();
      await db().update(cases).set({ htConcernAt: new Date(server.clock.now().getTime() - i * 60_000), htConcernBy: me }).where(eq(cases.id, imported.id));
    }
    const all = await expectStablePaging<Missing737Item>(liaison, '/api/cases/missing-737', (c) => c.caseId, 2);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(new Set(all.map((c) => c.officeCode))).toEqual(new Set(['HFD']));
    expect(all.map((c) => c.htConcernAt)).toEqual(all.map((c) => c.htConcernAt).sort());
    const director = await signedIn(server, 'hart_director');
    const statewide = await expectStablePaging<Missing737Item>(director, '/api/cases/missing-737', (c) => c.caseId, 2);
    expect(statewide.map((c) => c.caseId)).toEqual(expect.arrayContaining(all.map((c) => c.caseId)));
    const page = await liaison.get<Page<Missing737Item>>('/api/cases/missing-737?limit=2');
    const [row] = await db().select().from(auditEvents).where(and(eq(auditEvents.requestId, page.headers.get('x-request-id')!), eq(auditEvents.action, 'case.missing_737')));
    expect(row).toMatchObject({ recordType: 'case', detail: { ids: page.body.items.map((c) => c.caseId), count: 2 } });
  });

  it('the case view names its child in the audit trail; a retried case opening by another caller is not their case', async () => {
    const c = await openCase();
    const r = await ongoing.get<CaseView>(`/api/cases/${c.id}`);
    const rows = await db().select().from(auditEvents).where(eq(auditEvents.requestId, r.headers.get('x-request-id')!));
    expect(rows.map((x) => `${x.recordType}:${x.recordId}`)).toEqual(expect.arrayContaining([`case:${c.id}`, `person:${c.child.personId}`]));
    // The same key from a caller outside the case's reach: refused, and the case is not shown.
    const far = await staffOf(server, 'supervisor', 'BPT');
    const bpt = (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, 'BPT')))[0]!.id;
    const key = `case-open-${n}`;
    const retry = await far.client.post<{ id?: string; error?: string }>('/api/cases', { child: newChild(), officeId: bpt, workerId: me, idempotencyKey: key });
    expect(retry.status).toBe(409);
    expect(JSON.stringify(retry.body)).not.toContain(c.id);
  });
});

import type { HtFoundResult, InvestigationView, ReferralView } from '@harbor/policy/api';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { auditEvents, consults, obligations, partnerAgencies, referralChildren, referralNotices, referrals } from '../db/schema.js';
import { raiseObligations } from '../obligations/index.js';
import { createSmtpTransport, deliverDue, deliveryOptionsFrom, type MailTransport } from '../outbox/index.js';
import { acceptedReferral, draftIn, noHtDraft, staffOf } from '../test/casework-fixtures.js';
import { signedIn, startTestServer, type Client, type TestServer } from '../test/harness.js';
import { SmtpPeer } from '../test/smtp-peer.js';

/**
 * The investigation checklist of an accepted HT referral (IN-1 .. IN-8) and IN-4's one action,
 * over HTTP against a real database, notices through a real SMTP peer.
 */
let server: TestServer;
let peer: SmtpPeer;
let transport: MailTransport;
let careline: Client;
let supervisor: Client;
let investigator: Client;
const db = () => server.db.database.db;

beforeAll(async () => {
  peer = await new SmtpPeer().start();
  server = await startTestServer({ smtpUrl: peer.url });
  transport = createSmtpTransport(peer.url, { connectionMs: 5000, greetingMs: 5000, socketMs: 10_000 });
  careline = await signedIn(server, 'careline_worker');
  supervisor = await signedIn(server, 'supervisor');
  investigator = await signedIn(server, 'investigation_worker');
});
afterAll(async () => {
  transport.close();
  await peer.stop();
  await server.close();
});

/** Delivers everything queued (in the worker's batches). */
async function deliver(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const report = await deliverDue(server.app.harbor.data.forSystem('outbox'), transport, server.clock.now(), await deliveryOptionsFrom(server.app.harbor.data, server.config, server.vault));
    if (report.claimed === 0) return;
  }
}
const clients = () => ({ careline, supervisor });
const checklist = async (id: string, who = investigator) => who.get<InvestigationView>(`/api/investigations/${id}`);
const item = (v: InvestigationView, completes: string) => v.items.find((i) => i.completes === completes)!;
const complete = (id: string, obligationId: string, body: unknown) => investigator.post<InvestigationView & { fields?: { field: string }[] }>(`/api/investigations/${id}/items/${obligationId}`, body);
const doneBody = { action: 'done', who: 'Worker and Officer Diaz', when: '2026-03-05T16:00:00-05:00', outcome: 'Went together to the home' };

describe('the investigation checklist of an accepted HT referral', () => {
  let referral: ReferralView;
  beforeAll(async () => {
    referral = await acceptedReferral(server, clients(), draftIn('Hartford'));
  });

  it('[IN-1] lists the duties acceptance created, owned by the Hartford supervisors until the worker is assigned, then by the worker', async () => {
    const unassigned = await acceptedReferral(server, clients(), draftIn('Hartford'), false);
    const [beforeAssign] = await db().select().from(obligations).where(and(eq(obligations.subjectId, unassigned.id), eq(obligations.clause, 'IN-1')));
    expect(beforeAssign).toMatchObject({ ownerRole: 'supervisor', ownerUserId: null, state: 'open' });
    // The Hartford supervisor oversees the area office's work and reads the checklist before assignment.
    expect((await checklist(unassigned.id, supervisor)).status).toBe(200);

    const r = await checklist(referral.id);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.canWrite).toBe(true);
    expect(r.body.referral).toMatchObject({ number: referral.number, htCharacteristics: true, areaOfficeName: 'Hartford Area Office' });
    expect(r.body.items.map((i) => `${i.clause} ${i.completes}`).sort()).toEqual([
      'CL-6 child_seen',
      'IN-1 consult_requested',
      'IN-3 legal_consulted',
      'IN-3 rrg_consulted',
      'IN-5 joint_response_recorded',
      'IN-6 hospital_assessment_decided',
      'IN-6 treatment_before_placement_decided',
      'IN-7 eligibility_coordinator_consulted',
    ]);
    for (const i of r.body.items) expect(i, i.clause).toMatchObject({ state: 'open', ownerName: expect.stringContaining('demo intake/investigation') });
    const supervisorView = await checklist(referral.id, supervisor);
    expect(supervisorView.status).toBe(200);
    expect(supervisorView.body.canWrite).toBe(false);
  });

  it('[IN-1] completing the consult item requests the HART consult from the area office’s liaisons (HL-1); a retry makes nothing twice', async () => {
    const v = (await checklist(referral.id)).body;
    const duty = item(v, 'consult_requested');
    const manual = await complete(referral.id, duty.id, doneBody);
    expect(manual.status).toBe(400);
    const body = { action: 'request_consult', reason: 'Labor trafficking suspected: works nights to repay travel', idempotencyKey: 'in1-consult-0001' };
    const [a, b] = [await complete(referral.id, duty.id, body), await complete(referral.id, duty.id, body)];
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(b.status).toBe(200);
    expect(item(a.body, 'consult_requested')).toMatchObject({ state: 'done', resolution: { consultNumber: expect.stringMatching(/^HC-\d{4}-\d{5}$/) } });
    expect(a.body.consults).toHaveLength(1);
    const audits = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'investigation.request_consult'), eq(auditEvents.recordId, referral.id))).orderBy(auditEvents.id);
    expect(audits.map((x) => (x.detail as { replayed?: boolean }).replayed ?? false)).toEqual([false, true]);
    const rows = await db().select().from(consults).where(eq(consults.subjectId, referral.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subjectType: 'referral', status: 'requested' });
    const [hl1] = await db().select().from(obligations).where(and(eq(obligations.subjectId, rows[0]!.id), eq(obligations.clause, 'HL-1')));
    expect(hl1).toMatchObject({ ownerRole: 'hart_liaison', ownerOfficeId: a.body.referral.areaOfficeId });
    // Another key after it is done: refused, no second consult.
    expect((await complete(referral.id, duty.id, { ...body, idempotencyKey: 'in1-consult-0002' })).status).toBe(409);
    expect(await db().select().from(consults).where(eq(consults.subjectId, referral.id))).toHaveLength(1);
  });

  it('[IN-2] a held consult obliges the investigation worker (not the liaison) to share its outcome with the MDT', async () => {
    const [consult] = await db().select().from(consults).where(eq(consults.subjectId, referral.id));
    const v0 = (await checklist(referral.id)).body;
    // Raised by the consult's holding (part B) with the contract of `consult_held`.
    await raiseObligations(
      db(),
      { clock: server.clock, vault: server.vault, timeZone: server.config.timeZone },
      { kind: 'consult_held', at: server.clock.now(), subjects: { consult: consult!.id, referral: referral.id }, officeId: v0.referral.areaOfficeId!, assigneeId: referral.investigatorId!, facts: { subjectType: 'referral', subjectWorkerId: referral.investigatorId! } },
      null,
    );
    const v = (await checklist(referral.id)).body;
    expect(item(v, 'consult_outcome_shared_with_mdt')).toMatchObject({ clause: 'IN-2', state: 'open', ownerName: expect.stringContaining('demo intake/investigation') });
    const r = await complete(referral.id, item(v, 'consult_outcome_shared_with_mdt').id, { ...doneBody, outcome: 'Sent the Decision Map result to the MDT coordinator' });
    expect(item(r.body, 'consult_outcome_shared_with_mdt').state).toBe('done');
  });

  it('[IN-3] legal staff not warranted (with a reason), the RRG consulted with who, when and outcome', async () => {
    const v = (await checklist(referral.id)).body;
    const noReason = await complete(referral.id, item(v, 'legal_consulted').id, { action: 'not_warranted' });
    expect(noReason.status).toBe(400);
    const legal = await complete(referral.id, item(v, 'legal_consulted').id, { action: 'not_warranted', reason: 'No court action is expected' });
    expect(item(legal.body, 'legal_consulted')).toMatchObject({ state: 'not_needed', resolution: { reason: 'No court action is expected' } });
    const rrg = await complete(referral.id, item(v, 'rrg_consulted').id, { ...doneBody, outcome: 'RRG advised a placement with services' });
    expect(item(rrg.body, 'rrg_consulted')).toMatchObject({ state: 'done', resolvedByName: expect.stringContaining('demo'), resolution: { who: doneBody.who, outcome: 'RRG advised a placement with services' } });
    // The sealed outcome is not in the row in clear.
    const [row] = await db().select().from(obligations).where(eq(obligations.id, item(v, 'rrg_consulted').id));
    expect(row!.resolutionSealed).not.toContain('RRG advised');
    expect((await complete(referral.id, item(v, 'rrg_consulted').id, doneBody)).status).toBe(409);
  });

  it('[IN-5] proceeded jointly with law enforcement is "done"; "not warranted" is refused, "not possible" needs a reason', async () => {
    const other = await acceptedReferral(server, clients(), draftIn('Hartford'));
    const v = (await checklist(other.id)).body;
    const id = item(v, 'joint_response_recorded').id;
    expect((await complete(other.id, id, { action: 'not_warranted', reason: 'x' })).status).toBe(400);
    const r = await complete(other.id, id, { action: 'not_possible', reason: 'Police unavailable within the response time' });
    expect(item(r.body, 'joint_response_recorded')).toMatchObject({ state: 'not_needed', resolution: { jointly: false } });
    const joint = await complete(referral.id, item((await checklist(referral.id)).body, 'joint_response_recorded').id, doneBody);
    expect(item(joint.body, 'joint_response_recorded')).toMatchObject({ state: 'done', resolution: { jointly: true } });
  });

  it('[IN-6] the emergency-department assessment names a designated hospital from the directory', async () => {
    const v = (await checklist(referral.id)).body;
    const id = item(v, 'hospital_assessment_decided').id;
    const missing = await complete(referral.id, id, doneBody);
    expect(missing.status).toBe(400);
    expect(missing.body.fields?.[0]?.field).toBe('hospitalId');
    const [police] = await db().select({ id: partnerAgencies.id }).from(partnerAgencies).where(eq(partnerAgencies.code, 'PD-HARTFORD'));
    expect((await complete(referral.id, id, { ...doneBody, hospitalId: police!.id })).status).toBe(400);
    const [hospital] = await db().select().from(partnerAgencies).where(eq(partnerAgencies.code, 'HOSP-HARTFORD'));
    const r = await complete(referral.id, id, { ...doneBody, hospitalId: hospital!.id });
    expect(item(r.body, 'hospital_assessment_decided')).toMatchObject({ state: 'done', resolution: { hospitalId: hospital!.id, hospitalName: hospital!.name } });
    const t = await complete(referral.id, item(v, 'treatment_before_placement_decided').id, { action: 'not_warranted', reason: 'Cleared by the ED' });
    expect(item(t.body, 'treatment_before_placement_decided').state).toBe('not_needed');
  });

  it('[IN-7] a child not a U.S. citizen at acceptance has the coordinator item; recording the fact again adds nothing', async () => {
    const r = await investigator.post<InvestigationView>(`/api/investigations/${referral.id}/facts`, { fact: 'child_not_us_citizen' });
    expect(r.status).toBe(200);
    expect(r.body.items.filter((i) => i.clause === 'IN-7')).toHaveLength(1);
    const other = await acceptedReferral(server, clients(), draftIn('Hartford', { citizenship: 'unknown' }));
    expect((await checklist(other.id)).body.items.some((i) => i.clause === 'IN-7')).toBe(false);
    const later = await investigator.post<InvestigationView>(`/api/investigations/${other.id}/facts`, { fact: 'child_not_us_citizen' });
    expect(later.body.items.filter((i) => i.clause === 'IN-7')).toHaveLength(1);
  });

  it('[IN-8] a child found missing during the investigation: the Silver Alert / NCMEC check is due within 4 hours, once', async () => {
    expect(item((await checklist(referral.id)).body, 'missing_child_alert_verified')).toBeUndefined();
    const r = await investigator.post<InvestigationView>(`/api/investigations/${referral.id}/facts`, { fact: 'child_missing' });
    const again = await investigator.post<InvestigationView>(`/api/investigations/${referral.id}/facts`, { fact: 'child_missing' });
    expect(again.body.items.filter((i) => i.clause === 'IN-8')).toHaveLength(1);
    expect(Date.parse(item(r.body, 'missing_child_alert_verified').dueAt)).toBe(server.clock.now().getTime() + 4 * 3_600_000);
    const missingAtIntake = await acceptedReferral(server, clients(), draftIn('Hartford', { livingSituation: 'missing_from_care' }));
    expect(item((await checklist(missingAtIntake.id)).body, 'missing_child_alert_verified')?.clause).toBe('IN-8');
  });

  it('is out of reach for a worker not assigned, a supervisor of another office and the Careline supervisor (404); a bad body is a 400', async () => {
    const otherWorker = await staffOf(server, 'investigation_worker', 'HFD');
    const far = await staffOf(server, 'supervisor', 'BPT');
    expect((await checklist(referral.id, otherWorker.client)).status).toBe(404);
    expect((await checklist(referral.id, far.client)).status).toBe(404);
    // The Careline supervisor's statewide reach is over referrals; it oversees only the Careline's own duties.
    expect((await checklist(referral.id, await signedIn(server, 'careline_supervisor'))).status).toBe(404);
    // The HART Director oversees every office's work.
    expect((await checklist(referral.id, await signedIn(server, 'hart_director'))).status).toBe(200);
    const duty = item((await checklist(referral.id)).body, 'child_seen');
    expect((await otherWorker.client.post(`/api/investigations/${referral.id}/items/${duty.id}`, doneBody)).status).toBe(404);
    expect((await otherWorker.client.post(`/api/investigations/${referral.id}/facts`, { fact: 'child_missing' })).status).toBe(404);
    expect((await complete(referral.id, duty.id, { action: 'done', who: 'x', when: 'yesterday', outcome: 'x' })).status).toBe(400);
    expect((await complete(referral.id, crypto.randomUUID(), doneBody)).status).toBe(404);
  });
});

describe('IN-4: HT first identified during an investigation', () => {
  it('[IN-4] makes a new Careline referral (prefilled, HT category, same child), submits it with its notices and its Critical Incident, the only set about the allegation; a retry makes nothing new', async () => {
    const original = await acceptedReferral(server, clients(), noHtDraft('Hartford'));
    expect(original.htCharacteristics).toBe(false);
    expect((await checklist(original.id)).body.items.map((i) => i.clause)).toEqual(['CL-6']);
    const body = { narrative: 'During the home visit the child said she works nights at a restaurant to repay a debt.', category: 'ht_labor', idempotencyKey: 'in4-found-0001' };
    const url = `/api/investigations/${original.id}/ht-found`;
    const r = await investigator.post<HtFoundResult>(url, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ status: 'submitted', submitted: true, criticalIncidents: 1, number: expect.stringMatching(/^R-/) });
    const again = await investigator.post<HtFoundResult>(url, body);
    expect(again.status).toBe(201);
    expect(again.body.referralId).toBe(r.body.referralId);
    expect(await db().select().from(referrals).where(eq(referrals.originId, original.id))).toHaveLength(1);
    expect((await investigator.post(url, { ...body, idempotencyKey: 'in4-found-0002' })).status).toBe(409);

    const [made] = await db().select().from(referrals).where(eq(referrals.id, r.body.referralId));
    expect(made).toMatchObject({ originType: 'referral', originId: original.id, htCharacteristics: true, status: 'submitted' });
    const view = (await investigator.get<ReferralView>(`/api/referrals/${made!.id}`)).body;
    expect(String(view.draft['narrative'])).toMatch(new RegExp(`^HT identified during investigation of ${original.number}\\. During the home visit`));
    expect((view.draft['children'] as { allegations: string[] }[])[0]!.allegations).toEqual(['neglect', 'ht_labor']);
    const people = async (id: string) => (await db().select({ p: referralChildren.personId }).from(referralChildren).where(eq(referralChildren.referralId, id))).map((x) => x.p);
    expect(await people(made!.id)).toEqual(await people(original.id));
    // The original (no HT characteristics) sent nothing; the Critical Incident is the new referral's, named for IN-4.
    expect(await db().select().from(referralNotices).where(eq(referralNotices.referralId, original.id))).toEqual([]);
    const incidents = await db().select().from(referralNotices).where(and(eq(referralNotices.referralId, made!.id), eq(referralNotices.means, 'dcf823')));
    expect(incidents.map((n) => n.key)).toEqual(['hart_director.dcf823.ht_found']);
    expect(view.origin).toEqual({ type: 'referral', id: original.id, number: original.number, allegation: null });

    const checklistAfter = (await checklist(original.id)).body;
    expect(item(checklistAfter, 'ht_referral_made')).toMatchObject({ clause: 'IN-4', state: 'done' });
    expect(checklistAfter.htFoundReferral).toMatchObject({ id: made!.id, number: made!.number });
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'investigation.ht_found'), eq(auditEvents.recordId, original.id)));
    expect(audit).toMatchObject({ outcome: 'success', detail: { newReferralId: made!.id } });
    expect(JSON.stringify(audit!.detail)).not.toContain('restaurant');

    // The new referral's DCF-737s and its DCF-823 go out through the real SMTP peer: no party gets two about one allegation.
    await deliver();
    const toNew = peer.received.filter((m) => m.subject.includes(made!.number));
    const dcf737 = peer.received.filter((m) => (m.subject.includes(made!.number) || m.subject.includes(original.number)) && m.subject.startsWith('DCF-737'));
    expect(dcf737).toHaveLength(5);
    expect(new Set(dcf737.flatMap((m) => m.envelopeTo)).size).toBe(5);
    expect(peer.received.filter((m) => m.subject.includes(original.number))).toEqual([]);
    expect(toNew.filter((m) => m.subject === `DCF-823 Critical Incident, referral ${made!.number}: HT first identified during the investigation`)).toHaveLength(1);
    for (const m of toNew) expect(m.text).not.toContain('restaurant');
  });

  it('[CL-4] the IN-4 referral\'s police-call duty is owned by the Careline office, whose supervisor closes it through the phone-notice route', async () => {
    const original = await acceptedReferral(server, clients(), noHtDraft('Hartford'));
    const r = await investigator.post<HtFoundResult>(`/api/investigations/${original.id}/ht-found`, { narrative: 'The child said she is made to work nights to repay a debt.', category: 'ht_labor', idempotencyKey: 'in4-phone-0001' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const [made] = await db().select().from(referrals).where(eq(referrals.id, r.body.referralId));
    const duty = async () => (await db().select().from(obligations).where(and(eq(obligations.subjectId, made!.id), eq(obligations.completes, 'police_phoned'))))[0];
    // Not the investigation worker (no `referral.write`): the Careline office's supervisors.
    expect(await duty()).toMatchObject({ clause: 'CL-4', ownerUserId: null, ownerRole: 'careline_supervisor', ownerOfficeId: made!.officeId, state: 'open' });
    const call = { calledAt: server.clock.now().toISOString(), officerName: 'Officer Rae Kim', badgeNumber: '2210', policeCaseNumber: 'HPD-26-00077' };
    const owner = await signedIn(server, 'careline_supervisor');
    const recorded = await owner.post<ReferralView>(`/api/referrals/${made!.id}/phone-notices`, call);
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body.notices.find((n) => n.means === 'phone')).toMatchObject({ status: 'recorded' });
    expect(await duty()).toMatchObject({ state: 'done' });
  });

  it('[IN-4] is refused on a referral that already has HT characteristics, and by a worker not assigned', async () => {
    const ht = await acceptedReferral(server, clients(), draftIn('Hartford'));
    const body = { narrative: 'During the home visit the child said more about the debt she owes.', category: 'ht_labor', idempotencyKey: 'in4-ht-0001' };
    expect((await investigator.post(`/api/investigations/${ht.id}/ht-found`, body)).status).toBe(409);
    const other = await staffOf(server, 'investigation_worker', 'HFD');
    const count = async () => (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from referrals`))[0]!.n;
    const before = await count();
    const refused = await other.client.post(`/api/investigations/${ht.id}/ht-found`, { ...body, idempotencyKey: 'in4-ht-0002' });
    expect(refused.status).toBe(404);
    expect(await count()).toBe(before);
    // The refusal is in the audit trail with the referral it was about.
    const [row] = await db().select().from(auditEvents).where(eq(auditEvents.requestId, refused.headers.get('x-request-id')!));
    expect(row).toMatchObject({ outcome: 'denied', action: 'investigation.ht_found', recordType: 'referral', recordId: ht.id });
  });
});

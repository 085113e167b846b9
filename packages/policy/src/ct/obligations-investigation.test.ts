import { describe, expect, it } from 'vitest';
import { obligationsFor, type ObligationEvent } from '../obligations/engine.js';
import { ctHolidayCalendar } from './holidays.js';
import { acceptanceFacts, dutyWaivers, investigationDutyLabels } from './obligations-investigation.js';
import { carelineIntakeActions, dutyLabel } from './duties.js';
import { ctObligationRules } from './obligations.js';

const run = (event: ObligationEvent) => obligationsFor(event, ctObligationRules, ctHolidayCalendar);
const supervisor = { kind: 'role', role: 'supervisor', officeId: 'office-hfd' } as const;

// Monday 2 June 2025, 10:00 in Hartford; the child must be seen by 10:00 the next day.
const at = new Date('2025-06-02T14:00:00Z');
const responseDueAt = '2025-06-03T14:00:00.000Z';
const accepted = (facts: ObligationEvent['facts'], assigneeId?: string): ObligationEvent => ({
  kind: 'referral_accepted',
  at,
  subjects: { referral: 'ref-1' },
  officeId: 'office-hfd',
  ...(assigneeId ? { assigneeId } : {}),
  facts: { responseDueAt, ...facts },
});
const one = (event: ObligationEvent, completes: string) => run(event).find((o) => o.completes === completes);

describe('investigation duties on an accepted HT referral', () => {
  it('[IN-1] a HART consult is requested within 1 business day, by the intake Program Manager until a worker is assigned', () => {
    expect(one(accepted({ ht: true }), 'consult_requested')).toEqual({
      clause: 'IN-1',
      ruleCode: 'request_hart_consult',
      subject: { type: 'referral', id: 'ref-1' },
      owner: supervisor,
      dueAt: new Date('2025-06-03T14:00:00.000Z'),
      completes: 'consult_requested',
    });
    expect(one(accepted({ ht: true }, 'worker-7'), 'consult_requested')?.owner).toEqual({ kind: 'person', personId: 'worker-7' });
    // Friday 4 July 2025 is Independence Day: Thursday's request is due Monday.
    const thursday = { ...accepted({ ht: true }), at: new Date('2025-07-03T14:00:00Z') };
    expect(one(thursday, 'consult_requested')?.dueAt).toEqual(new Date('2025-07-07T14:00:00Z'));
  });

  it('[IN-1] a referral without HT characteristics has no HT duties, only the response time (CL-6)', () => {
    expect(run(accepted({ ht: false })).map((o) => o.clause)).toEqual(['CL-6']);
    expect(run(accepted({})).map((o) => o.clause)).toEqual(['CL-6']);
  });

  it('[IN-2] a held consult on a referral obliges its investigation worker to share the outcome with the MDT in 5 business days', () => {
    const held: ObligationEvent = {
      kind: 'consult_held',
      at,
      subjects: { consult: 'c-1', referral: 'ref-1' },
      officeId: 'office-hfd',
      assigneeId: 'liaison-2',
      facts: { subjectType: 'referral', subjectWorkerId: 'worker-7' },
    };
    const got = run(held);
    expect(got.map((o) => o.clause)).toEqual(['HL-5', 'IN-2']);
    expect(got.find((o) => o.clause === 'IN-2')).toMatchObject({
      subject: { type: 'referral', id: 'ref-1' },
      owner: { kind: 'person', personId: 'worker-7' },
      dueAt: new Date('2025-06-09T14:00:00Z'),
      completes: 'consult_outcome_shared_with_mdt',
    });
    // The liaison owns HL-5, not IN-2; with nobody assigned the office's supervisors own IN-2.
    expect(got.find((o) => o.clause === 'HL-5')?.owner).toEqual({ kind: 'person', personId: 'liaison-2' });
    const unassigned = run({ ...held, facts: { subjectType: 'referral' } }).find((o) => o.clause === 'IN-2');
    expect(unassigned?.owner).toEqual(supervisor);
    // A consult on an open case: OG-4 covers the MDT there; no IN-2.
    expect(run({ ...held, subjects: { consult: 'c-1', case: 'k-1' }, facts: { subjectType: 'case' } }).map((o) => o.clause)).toEqual(['HL-5']);
  });

  it('[IN-3] legal staff and the Regional Resource Group are consulted within 5 business days, or marked not warranted', () => {
    const got = run(accepted({ ht: true }, 'worker-7')).filter((o) => o.clause === 'IN-3');
    expect(got.map((o) => o.completes)).toEqual(['legal_consulted', 'rrg_consulted']);
    for (const o of got) expect(o.dueAt).toEqual(new Date('2025-06-09T14:00:00Z'));
    expect(dutyWaivers['legal_consulted']).toBe('not_warranted');
    expect(dutyWaivers['rrg_consulted']).toBe('not_warranted');
  });

  it('[IN-4] HT first found during an investigation: the new referral and Critical Incident are due at once', () => {
    const got = run({ kind: 'ht_identified_in_investigation', at, subjects: { referral: 'ref-1' }, assigneeId: 'worker-7' });
    expect(got).toEqual([
      { clause: 'IN-4', ruleCode: 'refer_ht_found_in_investigation', subject: { type: 'referral', id: 'ref-1' }, owner: { kind: 'person', personId: 'worker-7' }, dueAt: at, completes: 'ht_referral_made' },
    ]);
  });

  it('[IN-5] the joint response with law enforcement is due by the response time; "not possible" needs a reason', () => {
    expect(one(accepted({ ht: true }), 'joint_response_recorded')).toMatchObject({ clause: 'IN-5', dueAt: new Date(responseDueAt) });
    expect(dutyWaivers['joint_response_recorded']).toBe('not_possible');
  });

  it('[IN-6] the hospital assessment and treatment before placement are decided by the response time, if warranted', () => {
    const got = run(accepted({ ht: true })).filter((o) => o.clause === 'IN-6');
    expect(got.map((o) => [o.completes, o.dueAt.toISOString()])).toEqual([
      ['hospital_assessment_decided', responseDueAt],
      ['treatment_before_placement_decided', responseDueAt],
    ]);
    expect(dutyWaivers['hospital_assessment_decided']).toBe('not_warranted');
  });

  it('[IN-7] a child who is not a U.S. citizen (any child) brings the Eligibility Certification Coordinator in', () => {
    const facts = acceptanceFacts({ ht: true, responseDueAt: new Date(responseDueAt), children: [{ citizenship: 'us_citizen' }, { citizenship: 'not_us_citizen' }] });
    expect(facts).toMatchObject({ ht: true, usCitizen: false, responseDueAt });
    expect(run(accepted(facts)).map((o) => o.clause)).toContain('IN-7');
    expect(acceptanceFacts({ ht: true, responseDueAt: null, children: [{ citizenship: 'unknown' }] })).not.toHaveProperty('usCitizen');
    expect(acceptanceFacts({ ht: true, responseDueAt: null, children: [{ citizenship: 'us_citizen' }] }).usCitizen).toBe(true);
  });

  it('[IN-8] a child missing from care or missing now: the Silver Alert / NCMEC check is due within 4 hours', () => {
    const facts = acceptanceFacts({ ht: true, responseDueAt: new Date(responseDueAt), children: [{ livingSituation: 'home', indicators: ['missing_now'] }] });
    expect(facts['missing']).toBe(true);
    expect(one(accepted(facts), 'missing_child_alert_verified')).toMatchObject({ clause: 'IN-8', dueAt: new Date(at.getTime() + 4 * 3_600_000) });
    expect(acceptanceFacts({ ht: false, responseDueAt: null, children: [{ livingSituation: 'missing_from_care' }] })['missing']).toBe(true);
    expect(acceptanceFacts({ ht: false, responseDueAt: null, children: [{ livingSituation: 'home' }] })).not.toHaveProperty('missing');
  });
});

describe('ongoing-case duties when an HT concern is raised on an open case', () => {
  const raised: ObligationEvent = { kind: 'ht_concern_raised', at, subjects: { case: 'case-1' }, officeId: 'office-hfd', assigneeId: 'ongoing-3' };
  const byClause = (clause: string) => run(raised).filter((o) => o.clause === clause);

  it('[OG-1] red flags are assessed and a HART consult requested, owned by the case’s ongoing worker', () => {
    expect(byClause('OG-1').map((o) => [o.completes, o.owner])).toEqual([
      ['red_flags_assessed', { kind: 'person', personId: 'ongoing-3' }],
      ['consult_requested', { kind: 'person', personId: 'ongoing-3' }],
    ]);
    expect(run({ ...raised, assigneeId: undefined }).find((o) => o.clause === 'OG-1')?.owner).toEqual(supervisor);
  });

  it('[OG-2] the DCF-737 to the five parties and the phone call to local police are due at once, the call owned by the ongoing worker', () => {
    expect(byClause('OG-2')).toMatchObject([
      { completes: 'dcf737_sent', dueAt: at, subject: { type: 'case', id: 'case-1' } },
      { completes: 'police_phoned', dueAt: at, subject: { type: 'case', id: 'case-1' }, owner: { kind: 'person', personId: 'ongoing-3' } },
    ]);
  });

  it('[OG-3] the new HT allegation is referred to the Careline at once', () => {
    expect(byClause('OG-3')).toMatchObject([{ completes: 'careline_referral_made', dueAt: at }]);
  });

  it('[OG-4] MDT collaboration and legal / RRG consults within 5 business days, or not warranted', () => {
    expect(byClause('OG-4')).toMatchObject([{ completes: 'mdt_legal_rrg_consulted', dueAt: new Date('2025-06-09T14:00:00Z') }]);
    expect(dutyWaivers['mdt_legal_rrg_consulted']).toBe('not_warranted');
  });

  it('every duty these rules create has a checklist label (the Careline’s own CL-4 call is no checklist item, and has its duty label)', () => {
    for (const r of ctObligationRules) {
      if (!/^(IN|OG|CL)-/.test(r.clause)) continue;
      if (carelineIntakeActions.includes(r.completes)) expect(dutyLabel(r.completes), r.code).toBe('Phone local police about the HT referral (immediately)');
      else expect(investigationDutyLabels[r.completes], r.code).toBeTruthy();
    }
  });
});

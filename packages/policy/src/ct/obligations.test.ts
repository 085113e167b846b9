import { describe, expect, it } from 'vitest';
import { checkRules, obligationsFor, ObligationRuleError, type ObligationEvent } from '../obligations/engine.js';
import { ctHolidayCalendar } from './holidays.js';
import { ctObligationRules } from './obligations.js';

const rules = ctObligationRules;
const cal = ctHolidayCalendar;
const run = (event: ObligationEvent) => obligationsFor(event, rules, cal);

const accepted = (facts: ObligationEvent['facts'], assigneeId?: string): ObligationEvent => ({
  kind: 'referral_accepted',
  at: new Date('2025-06-02T14:00:00Z'),
  subjects: { referral: 'ref-1' },
  officeId: 'office-hartford',
  ...(assigneeId ? { assigneeId } : {}),
  facts: { responseDueAt: '2025-06-03T14:00:00.000Z', ...facts },
});

describe('Connecticut obligation rules', () => {
  it('the rule set is well formed', () => {
    expect(checkRules(rules)).toEqual([]);
  });

  it('[CL-4] submitting an HT referral obliges the submitting Careline worker to phone local police, due at once; a referral without it has no such duty', () => {
    const at = new Date('2025-06-02T14:00:00Z');
    const submitted = (policePhoneRequired: boolean): ObligationEvent => ({ kind: 'referral_submitted', at, subjects: { referral: 'ref-1' }, officeId: 'careline', assigneeId: 'worker-3', facts: { policePhoneRequired } });
    expect(run(submitted(true))).toEqual([
      { clause: 'CL-4', ruleCode: 'phone_local_police', subject: { type: 'referral', id: 'ref-1' }, owner: { kind: 'person', personId: 'worker-3' }, dueAt: at, completes: 'police_phoned' },
    ]);
    expect(run(submitted(false))).toEqual([]);
  });

  it('[CL-6] an accepted referral obliges the assigned worker to see the child by the response time', () => {
    expect(run(accepted({}, 'worker-7'))).toEqual([
      {
        clause: 'CL-6',
        ruleCode: 'see_child_by_response_time',
        subject: { type: 'referral', id: 'ref-1' },
        owner: { kind: 'person', personId: 'worker-7' },
        dueAt: new Date('2025-06-03T14:00:00.000Z'),
        completes: 'child_seen',
      },
    ]);
  });

  it('[CL-6] with nobody assigned yet, the office supervisor owns it; without a response time it is an error', () => {
    expect(run(accepted({}))[0]?.owner).toEqual({ kind: 'role', role: 'supervisor', officeId: 'office-hartford' });
    expect(() => run(accepted({ responseDueAt: null }))).toThrow(ObligationRuleError);
  });

  it('[IN-7] a child who is not a U.S. citizen: the worker consults the Eligibility Certification Coordinator', () => {
    const got = run(accepted({ usCitizen: false }, 'worker-7')).map((o) => [o.clause, o.completes]);
    expect(got).toEqual([['CL-6', 'child_seen'], ['IN-7', 'eligibility_coordinator_consulted']]);
    expect(run(accepted({ usCitizen: true }, 'worker-7')).map((o) => o.clause)).toEqual(['CL-6']);
    expect(run(accepted({}, 'worker-7')).map((o) => o.clause)).toEqual(['CL-6']); // unknown is not "not a citizen"
    const later = run({ kind: 'child_not_us_citizen', at: new Date('2025-06-05T15:00:00Z'), subjects: { referral: 'ref-1' }, assigneeId: 'worker-7' });
    // Learned on a Thursday at 11:00 a.m. EDT: due the next business day at the same time.
    expect(later).toMatchObject([{ clause: 'IN-7', dueAt: new Date('2025-06-06T15:00:00Z') }]);
  });

  it('[IN-8] a missing child: verify with law enforcement that a Silver Alert or NCMEC notice was made, within 4 hours', () => {
    const got = run(accepted({ missing: true }, 'worker-7')).find((o) => o.clause === 'IN-8');
    expect(got).toMatchObject({ completes: 'missing_child_alert_verified', dueAt: new Date('2025-06-02T18:00:00Z') });
    const later = run({ kind: 'child_missing', at: new Date('2025-06-09T03:00:00Z'), subjects: { referral: 'ref-1' }, officeId: 'office-hartford' });
    expect(later).toMatchObject([{ clause: 'IN-8', owner: { kind: 'role', role: 'supervisor', officeId: 'office-hartford' } }]);
  });

  it('[HL-1] a consult request is due to the office HART liaisons 72 elapsed hours later, across the spring change', () => {
    const at = new Date('2025-03-08T10:00:00-05:00');
    const got = run({ kind: 'consult_requested', at, subjects: { consult: 'c-1', referral: 'ref-1' }, officeId: 'office-hartford' });
    expect(got).toEqual([
      {
        clause: 'HL-1',
        ruleCode: 'hold_hart_consult',
        subject: { type: 'consult', id: 'c-1' },
        owner: { kind: 'role', role: 'hart_liaison', officeId: 'office-hartford' },
        dueAt: new Date(at.getTime() + 72 * 3_600_000),
        completes: 'consult_held',
      },
    ]);
  });

  it('[HL-5] a held consult must be entered within 5 business days, skipping Thanksgiving', () => {
    const got = run({ kind: 'consult_held', at: new Date('2025-11-25T14:00:00-05:00'), subjects: { consult: 'c-1' }, assigneeId: 'liaison-2' });
    expect(got).toMatchObject([{ clause: 'HL-5', owner: { kind: 'person', personId: 'liaison-2' }, dueAt: new Date('2025-12-03T19:00:00.000Z'), completes: 'consult_entered' }]);
  });

  it('an event no rule listens to creates nothing; a rule whose subject is missing is an error', () => {
    expect(run({ kind: 'referral_started', at: new Date(), subjects: { referral: 'r' } })).toEqual([]);
    expect(() => run({ kind: 'consult_requested', at: new Date('2025-06-02T14:00:00Z'), subjects: {}, officeId: 'o' })).toThrow(/names no consult/);
    expect(() => run({ kind: 'consult_requested', at: new Date('2025-06-02T14:00:00Z'), subjects: { consult: 'c' } })).toThrow(/has no office/);
  });
});

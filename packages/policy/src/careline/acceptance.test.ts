import { describe, expect, it } from 'vitest';
import { submitReferralBody } from '../api/referrals.js';
import { approvalNeeded, canApprove, checkDecision, nonAcceptanceReasons } from './acceptance.js';
import { assignmentTarget } from './critical-incident.js';
import { caregiverRelationships } from './vocabulary.js';

const referral = {
  receivedAt: '2025-03-05T19:07:00Z',
  channel: 'phone',
  reporter: { anonymous: false, name: 'Pat Reporter', relationship: 'professional', mandatedReporterType: 'school_staff' },
  children: [
    {
      firstName: 'Jamie',
      lastName: 'Doe',
      dateOfBirth: '2010-06-01',
      gender: 'female',
      races: ['unknown'],
      ethnicity: 'unknown',
      primaryLanguage: 'English',
      citizenship: 'us_citizen',
      townName: 'Hartford',
      livingSituation: 'home',
      dcfInvolvement: { openCase: false, inDcfCare: false },
      prostitutedOrCse: true,
      allegations: ['ht_sex'],
      indicators: ['advertised_online_for_sex'],
    },
  ],
  exploiters: [
    { unknown: true, relationship: 'unknown' },
    { unknown: false, name: 'Dre', relationship: 'online_contact' },
  ],
  narrative: 'The school counselor saw ads with the student’s photos on an escort site.',
};

describe('acceptance (CL-2)', () => {
  it('[CL-2] a referral with only a non-caregiver or unknown exploiter can be accepted', () => {
    const parsed = submitReferralBody.safeParse(referral);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(checkDecision({ decision: 'accepted' })).toEqual([]);
    expect(approvalNeeded('accepted')).toBeNull();
    if (!parsed.success) return;
    expect(parsed.data.exploiters.every((e) => !caregiverRelationships.includes(e.relationship))).toBe(true);
    const target = assignmentTarget({ townName: 'Hartford', children: parsed.data.children, exploiters: parsed.data.exploiters });
    expect(target).toMatchObject({ kind: 'regional_office', officeCode: 'R4-RO' });
  });

  it('[CL-2] never lists "no parent or caregiver perpetrator" as a reason not to accept', () => {
    expect(nonAcceptanceReasons.length).toBeGreaterThanOrEqual(4);
    expect(new Set(nonAcceptanceReasons.map((r) => r.code)).size).toBe(nonAcceptanceReasons.length);
    for (const r of nonAcceptanceReasons) expect(`${r.code} ${r.label}`).not.toMatch(/caregiver|parent|guardian|perpetrator/i);
  });

  it('[CL-2] a non-acceptance needs a reason from the configured list', () => {
    expect(checkDecision({ decision: 'not_accepted' })).toEqual([{ field: 'reasonCode', message: 'Choose the reason the referral is not accepted' }]);
    expect(checkDecision({ decision: 'not_accepted', reasonCode: 'made_up' })[0]?.message).toMatch(/Unknown reason/);
    expect(checkDecision({ decision: 'not_accepted', reasonCode: 'age_18_or_older' })).toEqual([]);
    const local = [{ code: 'tribal_jurisdiction', label: 'Within tribal jurisdiction' }];
    expect(checkDecision({ decision: 'not_accepted', reasonCode: 'tribal_jurisdiction' }, local)).toEqual([]);
    expect(checkDecision({ decision: 'accepted', reasonCode: 'age_18_or_older' })).toHaveLength(1);
  });

  it('[CL-2] a non-acceptance needs a Careline supervisor’s approval, not the deciding worker’s', () => {
    const needed = approvalNeeded('not_accepted');
    expect(needed).toMatchObject({ role: 'careline_supervisor', clause: 'CL-2' });
    if (!needed) throw new Error('approval expected');
    expect(canApprove(needed, { userId: 'w1', roles: ['careline_worker'] }, 'w2')).toEqual({ ok: false, message: needed.message });
    expect(canApprove(needed, { userId: 's1', roles: ['careline_supervisor'] }, 's1').ok).toBe(false);
    expect(canApprove(needed, { userId: 's1', roles: ['careline_supervisor'] }, 'w1')).toEqual({ ok: true });
  });
});

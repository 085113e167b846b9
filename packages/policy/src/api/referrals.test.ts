import { describe, expect, it } from 'vitest';
import {
  approveNonAcceptanceBody,
  decideReferralBody,
  referralDraft,
  submitReferralBody,
  triageReferralBody,
  updateReferralDraftBody,
} from './referrals.js';

const child = {
  firstName: 'Jamie',
  lastName: 'Doe',
  aliases: ['JJ'],
  dateOfBirth: '2010-06-01',
  gender: 'female',
  races: ['black_or_african_american', 'white'],
  ethnicity: 'hispanic_or_latino',
  primaryLanguage: 'Spanish',
  citizenship: 'not_us_citizen',
  townName: 'Hartford',
  state: 'CT',
  livingSituation: 'missing_from_care',
  dcfInvolvement: { openCase: true, inDcfCare: true },
  prostitutedOrCse: false,
  allegations: ['ht_labor', 'neglect'],
  indicators: ['long_hours_little_pay', 'lives_at_workplace'],
};
const body = {
  receivedAt: '2025-03-05T14:07:00-05:00',
  channel: 'mandated_reporter_email_fax',
  reporter: { anonymous: false, name: 'Pat Reporter', relationship: 'professional', mandatedReporterType: 'school_staff', contact: { phone: '860-555-0100' } },
  children: [child],
  exploiters: [{ unknown: false, name: 'Crew boss', relationship: 'employer', notes: 'Drives a white van' }],
  places: [{ townName: 'Enfield', type: 'business', detail: 'Farm stand on Route 5' }, { townName: null, state: null, type: 'online_platform' }],
  narrative: 'The student says she works every night at a farm stand to pay back her travel and lives in the owner’s barn.',
  otherConcerns: 'Has not seen a doctor for a year.',
  responsePriorityAnswers: { in_danger_now: 'no' },
};

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('referral API schemas', () => {
  it('accepts a complete referral with several races, categories, exploiters and places', () => {
    const parsed = submitReferralBody.safeParse(body);
    expect(issues(parsed)).toEqual([]);
    expect(parsed.data?.children[0]?.races).toHaveLength(2);
  });

  it('[CL-3] refuses submission without the narrative of why HT is suspected, or without a child', () => {
    const { narrative: _n, ...noNarrative } = body;
    expect(issues(submitReferralBody.safeParse(noNarrative)).join()).toMatch(/^narrative/);
    expect(issues(submitReferralBody.safeParse({ ...body, narrative: 'HT' }))[0]).toMatch(/narrative: Describe in full/);
    expect(issues(submitReferralBody.safeParse({ ...body, children: [] }))[0]).toBe('children: Add at least one child');
  });

  it('refuses unknown fields and oversized text by name', () => {
    expect(issues(submitReferralBody.safeParse({ ...body, ssn: '1' }))[0]).toMatch(/ssn/);
    expect(issues(submitReferralBody.safeParse({ ...body, children: [{ ...child, firstName: 'x'.repeat(81) }] }))[0]).toMatch(/^children\.0\.firstName/);
    expect(issues(submitReferralBody.safeParse({ ...body, children: [{ ...child, indicators: ['made_up'] }] }))[0]).toMatch(/^children\.0\.indicators\.0/);
  });

  it('[CL-7] refuses a prostituted child without the HT (sex) category, at the child’s allegations', () => {
    const r = submitReferralBody.safeParse({ ...body, children: [{ ...child, prostitutedOrCse: true }] });
    expect(issues(r)[0]).toMatch(/^children\.0\.allegations: Required: the child is reported to be prostituted/);
  });

  it('needs a date of birth or an estimated age, a race, a Connecticut town when the state is CT', () => {
    const { dateOfBirth: _d, ...noDob } = child;
    expect(issues(submitReferralBody.safeParse({ ...body, children: [noDob] }))).toEqual(['children.0.dateOfBirth: Enter the date of birth or an estimated age']);
    expect(submitReferralBody.safeParse({ ...body, children: [{ ...noDob, estimatedAge: 15 }] }).success).toBe(true);
    expect(issues(submitReferralBody.safeParse({ ...body, children: [{ ...child, races: [] }] }))[0]).toMatch(/children\.0\.races/);
    expect(issues(submitReferralBody.safeParse({ ...body, children: [{ ...child, townName: 'Springfield' }] }))[0]).toMatch(/children\.0\.townName: Choose a Connecticut town/);
    expect(submitReferralBody.safeParse({ ...body, children: [{ ...child, townName: 'Springfield', state: 'MA' }] }).success).toBe(true);
  });

  it('keeps reporter and exploiter names consistent with "anonymous" and "unknown"', () => {
    const anon = { anonymous: true, relationship: 'community_member', mandatedReporterType: null };
    expect(submitReferralBody.safeParse({ ...body, reporter: anon }).success).toBe(true);
    expect(issues(submitReferralBody.safeParse({ ...body, reporter: { ...anon, name: 'X' } }))[0]).toMatch(/reporter\.name/);
    expect(issues(submitReferralBody.safeParse({ ...body, exploiters: [{ unknown: false, relationship: 'stranger' }] }))[0]).toMatch(/exploiters\.0\.name/);
  });

  it('[CL-2] accepts an exploiter who is a parent, and one who is not: neither is required', () => {
    expect(submitReferralBody.safeParse({ ...body, exploiters: [] }).success).toBe(true);
    expect(submitReferralBody.safeParse({ ...body, exploiters: [{ unknown: false, name: 'Mother', relationship: 'parent' }] }).success).toBe(true);
  });

  it('saves a partial draft with empty text kept, and still refuses unknown fields', () => {
    expect(referralDraft.safeParse({}).success).toBe(true);
    const partial = { channel: 'phone', children: [{ firstName: '', indicators: ['missing_now'] }], narrative: '' };
    expect(referralDraft.parse(partial)).toEqual(partial);
    expect(referralDraft.safeParse({ bogus: 1 }).success).toBe(false);
    expect(issues(updateReferralDraftBody.safeParse({ channel: 'phone' }))[0]).toMatch(/^version/);
  });

  it('refuses a receipt time in the future', () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(issues(submitReferralBody.safeParse({ ...body, receivedAt: future }))[0]).toMatch(/^receivedAt/);
  });

  it('[CL-2] a decision is acceptance with the priority answers, or non-acceptance with a listed reason', () => {
    expect(decideReferralBody.safeParse({ decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: 2 }).success).toBe(true);
    expect(decideReferralBody.safeParse({ decision: 'not_accepted', reasonCode: 'age_18_or_older', version: 2 }).success).toBe(true);
    expect(decideReferralBody.safeParse({ decision: 'not_accepted', reasonCode: 'no_caregiver', version: 2 }).success).toBe(false);
    expect(decideReferralBody.safeParse({ decision: 'not_accepted', version: 2 }).success).toBe(false);
    expect(approveNonAcceptanceBody.safeParse({ approved: false, version: 3 }).success).toBe(false);
  });

  it('[CL-6] an override in the decision needs a reason', () => {
    const base = { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'no' }, override: { to: 'within_2_hours', reason: '' } }, version: 1 };
    expect(decideReferralBody.safeParse(base).success).toBe(false);
  });

  it('[DR-2] a triage body needs an outcome, and a reason for no further action', () => {
    expect(triageReferralBody.safeParse({ outcomes: ['regional_hart', 'mdt'], version: 1 }).success).toBe(true);
    expect(issues(triageReferralBody.safeParse({ outcomes: ['no_further_action'], version: 1 }))).toEqual(['reason: Give the reason no further action is needed']);
  });
});

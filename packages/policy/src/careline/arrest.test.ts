import { describe, expect, it } from 'vitest';
import { referralDraft, submitReferralBody } from '../api/referrals.js';
import { checkArrestedYouthRole, referralFromArrest, victimNotOffenderErrors, victimNotOffenderMessage } from './arrest.js';
import { referralHtCharacteristics } from './characteristics.js';
import { checkAllegations } from './maltreatment.js';

const notice = {
  receivedAt: '2025-03-05T23:40:00-05:00',
  officerPhone: '860-555-0142',
  report: {
    statute: '53a-82' as const,
    department: 'Hartford Police Department',
    officerName: 'Officer R. Diaz',
    badgeNumber: '4471',
    policeCaseNumber: 'HPD-25-00913',
    arrestedAt: '2025-03-05T22:15:00-05:00',
    arrestTownName: 'Hartford',
  },
  youth: { firstName: 'Maya', lastName: 'Lopez', estimatedAge: 16, townName: 'Hartford' },
};

describe('arrest of a youth for prostitution (CL-8)', () => {
  it('[CL-8] a law-enforcement arrest report becomes a referral in which the youth is the child victim', () => {
    const draft = referralFromArrest(notice);
    expect(referralDraft.safeParse(draft).success).toBe(true);
    expect(draft.channel).toBe('law_enforcement');
    expect(draft.reporter).toMatchObject({ relationship: 'law_enforcement', mandatedReporterType: 'police_officer', anonymous: false });
    expect(draft.children).toHaveLength(1);
    const child = draft.children?.[0];
    expect(child).toMatchObject({ firstName: 'Maya', lastName: 'Lopez', prostitutedOrCse: true, allegations: ['ht_sex'], indicators: ['arrested_for_prostitution'] });
    expect(draft.exploiters).toEqual([]);
    expect(checkAllegations(child ?? {})).toEqual([]);
    expect(referralHtCharacteristics(draft.children ?? [])).toMatchObject({ flagged: true, evident: true });
    expect(draft.narrative).toMatch(/53a-82/);
    expect(draft.arrest?.policeCaseNumber).toBe('HPD-25-00913');
  });

  it('[CL-8] refuses to record the arrested youth as an offender or alleged exploiter, with a clear message', () => {
    expect(checkArrestedYouthRole('child')).toEqual([]);
    for (const role of ['offender', 'alleged_exploiter', 'suspect']) {
      expect(checkArrestedYouthRole(role)).toEqual([{ field: 'role', message: victimNotOffenderMessage }]);
    }
    expect(victimNotOffenderMessage).toMatch(/child victim/);
    const errors = victimNotOffenderErrors({
      children: [{ firstName: 'Maya', lastName: 'Lopez', aliases: ['Candy'] }],
      exploiters: [{ name: 'Big T' }, { name: '  maya   LOPEZ ' }, { name: 'candy' }],
    });
    expect(errors.map((e) => e.field)).toEqual(['exploiters.1.name', 'exploiters.2.name']);
  });

  it('[CL-8] a submitted arrest referral that names the youth as exploiter is refused by field', () => {
    const draft = referralFromArrest(notice);
    const body = {
      ...draft,
      children: draft.children?.map((c) => ({
        ...c,
        gender: 'female',
        races: ['unknown'],
        ethnicity: 'unknown',
        primaryLanguage: 'English',
        citizenship: 'unknown',
        livingSituation: 'home',
        dcfInvolvement: { openCase: false, inDcfCare: false },
      })),
      narrative: `${draft.narrative ?? ''} She was found at a motel with an adult man.`,
      exploiters: [{ unknown: false, name: 'Maya Lopez', relationship: 'other' }],
    };
    const parsed = submitReferralBody.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.find((i) => i.path.join('.') === 'exploiters.0.name')?.message).toBe(victimNotOffenderMessage);
    expect(submitReferralBody.safeParse({ ...body, exploiters: [{ unknown: true, relationship: 'unknown' }] }).success).toBe(true);
  });
});

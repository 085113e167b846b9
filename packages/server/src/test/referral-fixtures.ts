/** A complete referral as a Careline worker would submit it (labor trafficking suspected, not evident). */
export const narrativeText = 'NARRATIVE-SECRET: the student says she works every night at a farm stand to pay back her travel and sleeps in the owner’s barn.';

export const completeDraft = () => ({
  receivedAt: '2026-03-05T14:07:00-05:00',
  channel: 'mandated_reporter_email_fax',
  reporter: { anonymous: false, name: 'Pat Reporter', relationship: 'professional', mandatedReporterType: 'school_staff', contact: { phone: '860-555-0100' } },
  children: [
    {
      firstName: 'Jamie',
      lastName: 'Doeski',
      aliases: ['JJ'],
      dateOfBirth: '2010-06-01',
      gender: 'female',
      races: ['white'],
      ethnicity: 'hispanic_or_latino',
      primaryLanguage: 'Spanish',
      citizenship: 'not_us_citizen',
      townName: 'Enfield',
      state: 'CT',
      livingSituation: 'home',
      dcfInvolvement: { openCase: false, inDcfCare: false },
      prostitutedOrCse: false,
      allegations: ['ht_labor', 'neglect'],
      indicators: ['long_hours_little_pay', 'lives_at_workplace'],
    },
  ],
  exploiters: [{ unknown: false, name: 'Crew boss', relationship: 'employer', notes: 'Drives a white van' }],
  places: [{ townName: 'Enfield', type: 'business', detail: 'Farm stand on Route 5' }],
  narrative: narrativeText,
  otherConcerns: 'Has not seen a doctor for a year.',
});

/** The same referral with commercial sexual exploitation reported: trafficking evident (CL-5). */
export const evidentDraft = () => {
  const d = completeDraft();
  d.children[0] = { ...d.children[0]!, prostitutedOrCse: true, allegations: ['ht_sex'], indicators: ['sold_or_exchanged_for_sex'] };
  return d;
};

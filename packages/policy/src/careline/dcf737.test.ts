import { describe, expect, it } from 'vitest';
import { dcf737Content, reporterTypeText } from './dcf737.js';
import { ageOn, formatDateTime, initials } from './document.js';

const narrative = 'She told the nurse a man named Dre posts her photos and drives her to the Route 5 motel.';
const referral = {
  referralNumber: 'CL-2025-000123',
  receivedAt: '2025-03-05T19:07:00Z',
  townName: 'Hartford',
  children: [
    {
      firstName: 'jamie',
      lastName: 'Doe-Smith',
      dateOfBirth: '2009-03-06',
      gender: 'female',
      allegations: ['sexual_abuse', 'ht_sex'] as const,
      indicators: ['advertised_online_for_sex', 'much_older_partner'],
      address: '12 Elm Street, Hartford',
    },
    { firstName: 'Ana', estimatedAge: 14, gender: 'unknown', allegations: ['neglect'] as const, indicators: [] },
  ],
  reporter: { anonymous: false, name: 'Nurse Pat Reporter', relationship: 'professional', mandatedReporterType: 'physician_nurse_or_medical' },
  worker: { name: 'Careline Worker Kim', callbackPhone: '1-800-842-2288 ext. 5' },
  narrative,
  otherConcerns: 'Mother works nights.',
} as const;

const text = (doc: object): string => JSON.stringify(doc);

describe('DCF-737 content (CL-4)', () => {
  it('[CL-4] holds the minimum necessary: number, date and time, initials, age, gender, town, categories, indicators, reporter type, worker and call-back', () => {
    const doc = dcf737Content(referral);
    expect(doc.form).toBe('DCF-737');
    const all = text(doc);
    for (const expected of [
      'CL-2025-000123',
      'March 5, 2025 at 2:07 PM EST',
      'Hartford',
      '["Initials","J.D."]',
      '["Age","15"]',
      'Female',
      'Human trafficking (sex); Sexual abuse/exploitation',
      'The child appears in online ads for escort, massage or dating services',
      'Physician, nurse or other medical provider (mandated reporter)',
      'Careline Worker Kim',
      '1-800-842-2288 ext. 5',
      '["Initials","A."]',
      'About 14 (estimated)',
    ]) {
      expect(all).toContain(expected);
    }
    expect(doc.footer).toMatch(/CONFIDENTIAL/);
  });

  it('[CL-4] never holds the narrative, full names, addresses or the reporter’s name', () => {
    const all = text(dcf737Content(referral));
    for (const forbidden of [narrative, 'Dre', 'Route 5', 'jamie', 'Jamie', 'Doe-Smith', 'Ana"', 'Elm Street', 'Pat Reporter', 'Mother works nights']) {
      expect(all).not.toContain(forbidden);
    }
  });

  it('[CL-4] names the reporter by type only, and an anonymous reporter as such', () => {
    expect(reporterTypeText({ anonymous: true })).toBe('Anonymous reporter');
    expect(reporterTypeText({ anonymous: false, relationship: 'relative', mandatedReporterType: null })).toBe('Relative');
  });

  it('[CL-4] formats dates in America/New_York and ages on the day received', () => {
    expect(formatDateTime('2025-07-04T16:00:00Z')).toBe('July 4, 2025 at 12:00 PM EDT');
    expect(ageOn('2009-03-06', '2025-03-05')).toBe(15);
    expect(ageOn('2009-03-05', '2025-03-05')).toBe(16);
    expect(initials(' élodie ', null)).toBe('É.');
    expect(initials('', '')).toBe('Unknown');
  });
});

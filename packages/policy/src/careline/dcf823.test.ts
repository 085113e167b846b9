import { describe, expect, it } from 'vitest';
import { dcf823Content, type Dcf823Input } from './dcf823.js';

const narrative = 'She told the nurse a man named Dre posts her photos and drives her to the Route 5 motel.';
const text = (doc: object): string => JSON.stringify(doc);

describe('DCF-823 content (CL-5)', () => {
  const input: Dcf823Input = {
    referralNumber: 'CL-2025-000123',
    receivedAt: '2025-03-05T19:07:00Z',
    townName: 'Hartford',
    reason: 'Critical Incident required: the referral was accepted for investigation.',
    decision: 'accepted',
    responsePriority: { label: 'Within 2 hours', dueAt: '2025-03-05T21:07:00Z', overridden: true },
    assignedOfficeName: 'Region 4 (North Central) Regional Office',
    children: [
      {
        firstName: 'Jamie',
        lastName: 'Doe',
        dateOfBirth: '2009-03-06',
        gender: 'female',
        townName: 'Hartford',
        livingSituation: 'missing_from_care',
        citizenship: 'us_citizen',
        dcfInvolvement: { openCase: true, inDcfCare: true },
        allegations: ['ht_sex'],
        indicators: ['missing_now'],
      },
    ],
    exploiters: [{ unknown: true, relationship: 'unknown' }, { unknown: false, relationship: 'intimate_partner' }],
    places: [{ townName: 'Hartford', type: 'hotel_motel' }, { type: 'online_platform' }],
    noticesSent: ['Hartford Police Department (DCF-737)', 'FBI field office (DCF-737)'],
    incidentSummary: 'Youth on AWOL from a group home advertised online; police recovered her at a motel.',
    worker: { name: 'Careline Worker Kim', callbackPhone: '1-800-842-2288 ext. 5' },
  };

  it('[CL-5] holds the incident, decision, priority, assignment, children, exploiters, places, notices and the worker’s summary', () => {
    const doc = dcf823Content(input);
    expect(doc.form).toBe('DCF-823');
    expect(doc.title).toMatch(/Critical Incident/);
    const all = text(doc);
    for (const expected of [
      'Jamie Doe',
      'Missing from care (AWOL)',
      'Within 2 hours (supervisor override)',
      'March 5, 2025 at 4:07 PM EST',
      'Region 4 (North Central) Regional Office',
      'Boyfriend, girlfriend or partner',
      'Unknown person',
      'Hotel or motel, Hartford',
      'FBI field office (DCF-737)',
      input.incidentSummary,
      'Critical Incident required: the referral was accepted',
    ]) {
      expect(all).toContain(expected);
    }
  });

  it('[CL-5] takes a short worker summary instead of the narrative, and refuses one too long', () => {
    expect(text(dcf823Content({ ...input, incidentSummary: '' }))).toContain('No summary written.');
    expect(() => dcf823Content({ ...input, incidentSummary: 'x'.repeat(1501) })).toThrow(/1500/);
    const withExtra = { ...input, narrative, address: '12 Elm Street' };
    expect(text(dcf823Content(withExtra))).not.toContain('Elm Street');
    expect(text(dcf823Content(withExtra))).not.toContain(narrative);
  });
});

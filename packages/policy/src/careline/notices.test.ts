import { describe, expect, it } from 'vitest';
import { referralHtCharacteristics } from './characteristics.js';
import { criticalIncidentNotices, defaultCriticalIncidentRecipients, noticeTown, referralNoticesWarranted, requiredNotices } from './notices.js';

describe('notices (CL-4, OG-2)', () => {
  it('[CL-4] a Careline referral notifies local police immediately by phone and DCF-737, and the HART Lead, FBI, Chief State’s Attorney and MDT by DCF-737', () => {
    const notices = requiredNotices({ context: 'careline', townName: 'Bridgeport' });
    expect(notices.map((n) => n.key)).toEqual([
      'police_department.phone',
      'police_department.dcf737',
      'hart_lead.dcf737',
      'fbi_field_office.dcf737',
      'chief_states_attorney.dcf737',
      'mdt.dcf737',
    ]);
    expect(notices.every((n) => n.clause === 'CL-4')).toBe(true);
    const police = notices.filter((n) => n.party === 'police_department');
    expect(police.map((n) => n.means)).toEqual(['phone', 'dcf737']);
    expect(police.every((n) => n.immediate && n.resolveBy === 'town' && n.resolveKey === 'Bridgeport')).toBe(true);
    expect(police[0]?.description).toBe('Bridgeport Police Department (phone call, immediately)');
    expect(notices.filter((n) => !n.immediate).every((n) => n.means === 'dcf737')).toBe(true);
  });

  it('[CL-4] resolves the HART Lead by region, the MDT by judicial district, the FBI and prosecutor statewide', () => {
    const notices = requiredNotices({ context: 'careline', townName: 'Stamford' });
    const by = (party: string) => notices.find((n) => n.party === party);
    expect(by('hart_lead')).toMatchObject({ resolveBy: 'region', resolveKey: 'R1' });
    expect(by('mdt')).toMatchObject({ resolveBy: 'judicial_district', resolveKey: 'JD-STM' });
    expect(by('fbi_field_office')).toMatchObject({ resolveBy: 'statewide', resolveKey: null });
    expect(by('chief_states_attorney')).toMatchObject({ resolveBy: 'statewide', resolveKey: null });
    expect(by('hart_director')).toBeUndefined();
  });

  it('[OG-2] HT newly identified on an open case notifies the HART Director instead of the HART Lead', () => {
    const notices = requiredNotices({ context: 'ongoing', townName: 'new haven' });
    expect(notices.map((n) => n.party)).toEqual([
      'police_department',
      'police_department',
      'hart_director',
      'fbi_field_office',
      'chief_states_attorney',
      'mdt',
    ]);
    expect(notices.every((n) => n.clause === 'OG-2')).toBe(true);
    expect(notices.find((n) => n.party === 'hart_director')).toMatchObject({ resolveBy: 'statewide', resolveKey: null });
    expect(notices[0]?.resolveKey).toBe('New Haven');
  });

  it('[CL-4] refuses a town that is not in Connecticut', () => {
    expect(() => requiredNotices({ context: 'careline', townName: 'Springfield' })).toThrow(/Springfield/);
  });

  it('[CL-4] the child’s Connecticut town decides the notices, else the first place in Connecticut', () => {
    expect(noticeTown({ children: [{ townName: 'waterbury', state: 'CT' }], places: [{ townName: 'Hartford' }] })).toBe('Waterbury');
    expect(noticeTown({ children: [{ townName: 'Boston', state: 'MA' }], places: [{ townName: null }, { townName: 'Groton', state: 'CT' }] })).toBe('Groton');
    expect(noticeTown({ children: [{ townName: 'Boston', state: 'MA' }], places: [] })).toBeNull();
  });

  it('[CL-5] the Critical Incident goes to each configured recipient once, resolved like a notice, keyed by stage', () => {
    expect(defaultCriticalIncidentRecipients).toEqual(['hart_director']);
    const atReport = criticalIncidentNotices({ townName: 'Hartford', recipients: ['hart_director', 'hart_lead', 'hart_director'], stage: 'report' });
    expect(atReport.map((n) => [n.key, n.means, n.immediate, n.clause, n.resolveBy, n.resolveKey])).toEqual([
      ['hart_director.dcf823', 'dcf823', true, 'CL-5', 'statewide', null],
      ['hart_lead.dcf823', 'dcf823', true, 'CL-5', 'region', 'R4'],
    ]);
    expect(atReport[1]!.description).toContain('DCF-823');
    const accepted = criticalIncidentNotices({ townName: 'Hartford', recipients: ['hart_director'], stage: 'accepted' });
    expect(accepted.map((n) => n.key)).toEqual(['hart_director.dcf823.accepted']);
  });

  it('[IN-4] HT first found during an investigation: the referral gets a Critical Incident of its own stage', () => {
    const found = criticalIncidentNotices({ townName: 'Hartford', recipients: ['hart_director'], stage: 'ht_found' });
    expect(found.map((n) => n.key)).toEqual(['hart_director.dcf823.ht_found']);
  });

  it('[CL-4] a referral without HT characteristics (neglect only) warrants no DCF-737 and no police notice', () => {
    const neglect = referralHtCharacteristics([{ indicators: [], allegations: ['neglect', 'physical_injury'], prostitutedOrCse: false }]);
    expect(neglect.flagged).toBe(false);
    const d = referralNoticesWarranted({ htCharacteristics: neglect.flagged, origin: 'report' });
    expect(d).toMatchObject({ required: false, clause: 'CL-4' });
    expect(d.reason).toMatch(/No HT characteristics/);
  });

  it('[CL-4] an HT indicator, an HT category or a child reported prostituted each warrant the DCF-737s and the police call', () => {
    const flags = [
      { indicators: ['long_hours_little_pay'], allegations: ['neglect'] },
      { indicators: [], allegations: ['ht_labor'] },
      { indicators: [], allegations: ['sexual_abuse'], prostitutedOrCse: true },
    ];
    for (const child of flags) {
      const ht = referralHtCharacteristics([child]);
      expect(ht.flagged, JSON.stringify(child)).toBe(true);
      expect(referralNoticesWarranted({ htCharacteristics: ht.flagged, origin: 'report' }).required).toBe(true);
    }
  });

  it('[OG-2] one allegation, one set: the Careline referral made from an open case’s HT concern sends none of its own; IN-4’s referral sends its set', () => {
    expect(referralNoticesWarranted({ htCharacteristics: true, origin: 'open_case' })).toMatchObject({ required: false, clause: 'OG-2' });
    expect(referralNoticesWarranted({ htCharacteristics: true, origin: 'investigation' })).toMatchObject({ required: true, clause: 'CL-4' });
  });
});

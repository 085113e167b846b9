import { describe, expect, it } from 'vitest';
import { assignmentTarget, criticalIncidentRequired, criticalIncidentStep, criticalIncidentTriggers, siuRules } from './critical-incident.js';

const home = { livingSituation: 'home' as const, inDcfCare: false };

describe('Critical Incident and assignment (CL-5)', () => {
  it('[CL-5] an accepted referral with HT characteristics creates a Critical Incident', () => {
    expect(criticalIncidentRequired({ accepted: true, htEvident: false, htCharacteristics: true })).toEqual({
      required: true,
      reason: 'Critical Incident required: the referral, which has HT characteristics, was accepted for investigation.',
      clause: 'CL-5',
    });
  });

  it('[CL-5] an accepted referral without HT characteristics (neglect only) needs no Critical Incident', () => {
    expect(criticalIncidentRequired({ accepted: true, htEvident: false, htCharacteristics: false })).toEqual({ required: false, reason: null, clause: 'CL-5' });
  });

  it('[CL-5] trafficking evident at the report creates a Critical Incident, accepted, not accepted or undecided', () => {
    for (const accepted of [true, false, null]) {
      const d = criticalIncidentRequired({ accepted, htEvident: true, htCharacteristics: true });
      expect(d.required).toBe(true);
      expect(d.reason).toMatch(/evident when the report was made/);
    }
  });

  it('[CL-5] a non-accepted or undecided referral without evident trafficking needs no Critical Incident', () => {
    expect(criticalIncidentRequired({ accepted: false, htEvident: false, htCharacteristics: true })).toEqual({ required: false, reason: null, clause: 'CL-5' });
    expect(criticalIncidentRequired({ accepted: null, htEvident: false, htCharacteristics: true }).required).toBe(false);
  });

  it('[IN-4] HT first identified during an investigation creates a Critical Incident named for it', () => {
    const d = criticalIncidentRequired({ accepted: null, htEvident: false, htCharacteristics: true, htFoundInInvestigation: true });
    expect(d.required).toBe(true);
    expect(d.reason).toMatch(/first identified during an investigation \(IN-4\)/);
    expect(criticalIncidentTriggers.ht_found).toEqual({ label: 'HT first identified during the investigation', clause: 'IN-4' });
  });

  it('[CL-5] one Critical Incident per referral: the first trigger creates version 1, a later one makes the next version of the same document', () => {
    expect(criticalIncidentStep({ currentVersion: null })).toEqual({ action: 'create', version: 1 });
    expect(criticalIncidentStep({ currentVersion: 1 })).toEqual({ action: 'update', version: 2, previousVersion: 1 });
    expect(Object.keys(criticalIncidentTriggers)).toEqual(['report', 'accepted', 'ht_found']);
    expect(criticalIncidentTriggers.report.label).toBe('trafficking evident at the report');
    expect(criticalIncidentTriggers.accepted.label).toBe('HT referral accepted');
  });

  it('[CL-5] an accepted referral goes to the regional office of the region of the town’s area office', () => {
    const target = assignmentTarget({ townName: 'Enfield', children: [home], exploiters: [{ unknown: true }] });
    expect(target).toMatchObject({ kind: 'regional_office', officeCode: 'R4-RO', regionCode: 'R4', areaOfficeCode: 'MAN' });
    expect(target.reason).toMatch(/Manchester Area Office/);
    expect(assignmentTarget({ townName: 'Norwalk', children: [home], exploiters: [] }).officeCode).toBe('R1-RO');
  });

  it('[CL-5] goes to the Special Investigations Unit when the alleged exploiter is a DCF employee or a foster parent', () => {
    const employee = assignmentTarget({ townName: 'Enfield', children: [home], exploiters: [{ relationship: 'dcf_employee' }] });
    expect(employee).toEqual({ kind: 'siu', officeCode: 'SIU', ruleCode: 'exploiter_dcf_employee', reason: 'An alleged exploiter is a DCF employee' });
    const foster = assignmentTarget({ townName: 'Enfield', children: [home], exploiters: [{ unknown: true }, { relationship: 'foster_parent' }] });
    expect(foster.kind).toBe('siu');
  });

  it('[CL-5] goes to the SIU for a child in DCF care in congregate care, not for a child at home', () => {
    const inCare = { livingSituation: 'congregate_care' as const, inDcfCare: true };
    expect(assignmentTarget({ townName: 'Hartford', children: [home, inCare], exploiters: [] })).toMatchObject({ kind: 'siu', ruleCode: 'in_care_congregate' });
    expect(assignmentTarget({ townName: 'Hartford', children: [{ livingSituation: 'congregate_care', inDcfCare: false }], exploiters: [] }).kind).toBe('regional_office');
  });

  it('[CL-5] the SIU mapping is configurable data', () => {
    expect(siuRules.length).toBeGreaterThan(0);
    const none = assignmentTarget({ townName: 'Hartford', children: [home], exploiters: [{ relationship: 'dcf_employee' }] }, []);
    expect(none.kind).toBe('regional_office');
    const custom = assignmentTarget({ townName: 'Hartford', children: [{ livingSituation: 'detention' }], exploiters: [] }, [
      { code: 'detention', label: 'The child is in detention', livingSituationIn: ['detention'] },
    ]);
    expect(custom).toMatchObject({ kind: 'siu', ruleCode: 'detention' });
  });

  it('[CL-5] refuses to assign by a town that is not in Connecticut', () => {
    expect(() => assignmentTarget({ townName: 'Albany', children: [home], exploiters: [] })).toThrow(/Albany/);
  });
});

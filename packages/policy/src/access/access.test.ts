import { describe, expect, it } from 'vitest';
import { permissionsOf } from './permissions.js';
import { roleDefs, roles, widestScope } from './roles.js';

describe('roles and permissions', () => {
  it('gives every role a label, a scope and a home page', () => {
    for (const r of roles) {
      expect(roleDefs[r].label.length).toBeGreaterThan(3);
      expect(roleDefs[r].home.length).toBeGreaterThan(1);
    }
  });

  it('keeps administrators and auditors away from children\'s records (least privilege)', () => {
    expect(permissionsOf(['administrator'])).not.toContain('person.read');
    expect(permissionsOf(['auditor'])).not.toContain('person.read');
    expect(permissionsOf(['auditor'])).not.toContain('user.manage');
    expect(widestScope(['administrator', 'auditor'])).toBe('none');
  });

  it('gives a user with several roles the union of their permissions and the widest reach', () => {
    const both = permissionsOf(['hart_liaison', 'administrator']);
    expect(both).toContain('person.read');
    expect(both).toContain('user.manage');
    expect(widestScope(['investigation_worker', 'hart_lead'])).toBe('region');
    expect(widestScope(['hart_liaison', 'hart_director'])).toBe('statewide');
  });

  it('grants only the audit trail and reference data to auditors', () => {
    expect(permissionsOf(['auditor'])).toEqual(['audit.read', 'office.read', 'session.use', 'user.read']);
  });

  it('[CL-2] lets only a Careline supervisor approve a non-acceptance; the Careline writes referrals, the HART Director reads them', () => {
    for (const r of roles) {
      expect(permissionsOf([r]).includes('referral.approve'), r).toBe(r === 'careline_supervisor');
      expect(permissionsOf([r]).includes('referral.write'), r).toBe(r === 'careline_worker' || r === 'careline_supervisor');
      expect(permissionsOf([r]).includes('referral.read'), r).toBe(['careline_worker', 'careline_supervisor', 'hart_director', 'investigation_worker'].includes(r));
    }
    expect(permissionsOf(['administrator'])).toEqual(expect.arrayContaining(['directory.read', 'directory.manage']));
  });

  it('[CL-5] lets only a supervisor assign an accepted referral; [DR-1] only the HART Director triages the statewide queue', () => {
    for (const r of roles) {
      expect(permissionsOf([r]).includes('referral.assign'), r).toBe(r === 'supervisor');
      expect(permissionsOf([r]).includes('referral.triage'), r).toBe(r === 'hart_director');
    }
  });
});

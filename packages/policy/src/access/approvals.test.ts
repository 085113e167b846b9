import { describe, expect, it } from 'vitest';
import { childDocumentPartyKinds, inAgencyDomains, internalPartyKinds, mailDomain, namesChildren, reachGained, wideReach } from './approvals.js';

describe('changes a second administrator must approve (CF-1)', () => {
  it('[CF-1] counts every DCF-737 recipient and every possible DCF-823 recipient as a party whose mail names a child', () => {
    expect([...childDocumentPartyKinds].sort()).toEqual(['chief_states_attorney', 'fbi_field_office', 'hart_director', 'hart_lead', 'mdt', 'police_department']);
    expect(namesChildren('hospital')).toBe(false);
    expect(namesChildren('hart_director')).toBe(true);
    expect(internalPartyKinds).toEqual(['hart_director', 'hart_lead']);
  });

  it('[CF-1] a statewide or region-wide role is wide reach; office, assigned and no reach are not', () => {
    expect(wideReach({ roles: ['hart_director', 'careline_supervisor', 'administrator'], regionCode: null, enabled: true })).toEqual(['careline_supervisor: statewide', 'hart_director: statewide']);
    expect(wideReach({ roles: ['hart_lead'], regionCode: 'R4', enabled: true })).toEqual(['hart_lead: region R4']);
    expect(wideReach({ roles: ['hart_lead'], regionCode: null, enabled: true })).toEqual([]);
    expect(wideReach({ roles: ['supervisor', 'hart_liaison', 'careline_worker', 'administrator', 'auditor'], regionCode: 'R4', enabled: true })).toEqual([]);
    expect(wideReach({ roles: ['hart_director'], regionCode: null, enabled: false })).toEqual([]);
  });

  it('[CF-1] a new account, an added role, a move to another region and enabling a disabled account gain reach; narrowing does not', () => {
    const lead = { roles: ['hart_lead'] as const, regionCode: 'R4', enabled: true };
    expect(reachGained(null, { roles: ['hart_director'], regionCode: null, enabled: true })).toEqual(['hart_director: statewide']);
    expect(reachGained(null, { roles: ['ongoing_worker'], regionCode: 'R4', enabled: true })).toEqual([]);
    expect(reachGained({ roles: ['ongoing_worker'], regionCode: 'R4', enabled: true }, { roles: ['ongoing_worker', 'careline_supervisor'], regionCode: 'R4', enabled: true })).toEqual(['careline_supervisor: statewide']);
    expect(reachGained(lead, { ...lead, regionCode: 'R1' })).toEqual(['hart_lead: region R1']);
    expect(reachGained({ ...lead, enabled: false }, lead)).toEqual(['hart_lead: region R4']);
    expect(reachGained(lead, { ...lead, enabled: false })).toEqual([]);
    expect(reachGained(lead, { roles: [], regionCode: 'R4', enabled: true })).toEqual([]);
    expect(reachGained(lead, lead)).toEqual([]);
  });

  it('[CF-1] an internal address must be in one of the agency’s mail domains, exactly', () => {
    const domains = ['dcf.example.gov', 'CT.example.gov'];
    expect(mailDomain('A.Person@DCF.Example.gov')).toBe('dcf.example.gov');
    expect(inAgencyDomains('hart-director@dcf.example.gov', domains)).toBe(true);
    expect(inAgencyDomains('someone@ct.example.gov', domains)).toBe(true);
    expect(inAgencyDomains('admin@gmail.example.com', domains)).toBe(false);
    expect(inAgencyDomains('x@evil-dcf.example.gov', domains)).toBe(false);
    expect(inAgencyDomains('x@dcf.example.gov.evil.example', domains)).toBe(false);
    expect(inAgencyDomains('no-at-sign', domains)).toBe(false);
  });
});

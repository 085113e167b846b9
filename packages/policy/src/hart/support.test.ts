import { describe, expect, it } from 'vitest';
import { rolePermissions } from '../access/permissions.js';
import { decisionMapOverrideRoles } from './decision-map.js';
import { supportKinds, supportStatuses } from './support.js';

describe('HART support and oversight (policy data)', () => {
  it('[LD-2] a liaison may ask the Lead for support on consults, treatment options, law enforcement and recovery operations', () => {
    expect(supportKinds).toEqual(expect.arrayContaining(['consult', 'treatment', 'law_enforcement', 'recovery_operation']));
    expect(rolePermissions.hart_liaison).toContain('hart_support.request');
    expect(rolePermissions.hart_lead).toContain('hart_support.handle');
  });

  it('[LD-4] [DR-3] what the Lead cannot handle locally is escalated and answered by the Director', () => {
    expect(supportStatuses).toEqual(['open', 'answered', 'escalated', 'resolved']);
    expect(rolePermissions.hart_director).toEqual(expect.arrayContaining(['hart_support.handle', 'hart_support.read']));
  });

  it('[LD-1] the Lead and the Director keep the local teams; [DR-4] the Director reads every consult and escalation', () => {
    expect(rolePermissions.hart_lead).toContain('hart_team.manage');
    expect(rolePermissions.hart_director).toEqual(expect.arrayContaining(['hart_team.manage', 'consult.read', 'hart_support.read']));
    expect(rolePermissions.hart_liaison).not.toContain('hart_team.manage');
  });

  it('[HL-3] supervisors, the HART Lead and the Director may override the Decision Map; the liaison may not', () => {
    for (const role of decisionMapOverrideRoles) expect(rolePermissions[role]).toContain('consult.override');
    expect(rolePermissions.hart_liaison).not.toContain('consult.override');
  });
});

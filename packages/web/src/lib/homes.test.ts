import { roleDefs, roles } from '@harbor/policy';
import { describe, expect, it } from 'vitest';
import { homeOfRole, homes, homesOf } from './homes';

describe('role homes', () => {
  it('has a home page for the home of every role in the policy pack', () => {
    for (const role of roles) expect(homes).toContain(roleDefs[role].home);
  });

  it('opens the home of the first role, once per home', () => {
    expect(homeOfRole('hart_lead')).toBe('hart');
    expect(homesOf(['careline_supervisor', 'careline_worker', 'auditor'])).toEqual(['careline', 'audit']);
  });
});

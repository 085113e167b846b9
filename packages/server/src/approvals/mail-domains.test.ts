import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';

describe('HARBOR_AGENCY_MAIL_DOMAINS (CF-1)', () => {
  it('[CF-1] defaults to the demo agency’s domain, takes a comma-separated list, and names the setting when a domain is not one', () => {
    expect(loadConfig({}).agencyMailDomains).toEqual(['dcf.example.gov']);
    expect(loadConfig({ HARBOR_AGENCY_MAIL_DOMAINS: ' CT.example.gov, dcf.example.gov ,' }).agencyMailDomains).toEqual(['ct.example.gov', 'dcf.example.gov']);
    expect(() => loadConfig({ HARBOR_AGENCY_MAIL_DOMAINS: 'not a domain' })).toThrow(/HARBOR_AGENCY_MAIL_DOMAINS/);
    expect(() => loadConfig({ HARBOR_AGENCY_MAIL_DOMAINS: ' , ' })).toThrow(/HARBOR_AGENCY_MAIL_DOMAINS/);
  });
});

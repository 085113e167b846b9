import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';

describe('outgoing-mail settings', () => {
  it('defaults to no mail server (mail held as not sent), links on localhost for 30 days, 10 attempts', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ smtpUrl: null, secretKey: null, mailFrom: 'Harbor <harbor@localhost>', publicUrl: 'http://localhost:3000', ackLinkTtlMs: 30 * 86_400_000, outboxPollMs: 5000, outboxMaxAttempts: 10 });
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({}, { port: 4000 }).publicUrl).toBe('http://localhost:4000');
    expect(loadConfig({ SMTP_URL: '', HARBOR_SECRET_KEY: '' })).toMatchObject({ smtpUrl: null, secretKey: null });
  });

  it('reads the mail server, public address and key', () => {
    const c = loadConfig({ SMTP_URL: 'smtps://user:pw@mail.agency.example:465', HARBOR_PUBLIC_URL: 'https://harbor.agency.example/', HARBOR_SECRET_KEY: 'k'.repeat(32), HARBOR_ACK_LINK_DAYS: '7', HARBOR_OUTBOX_MAX_ATTEMPTS: '4' });
    expect(c).toMatchObject({ smtpUrl: 'smtps://user:pw@mail.agency.example:465', publicUrl: 'https://harbor.agency.example', secretKey: 'k'.repeat(32), ackLinkTtlMs: 7 * 86_400_000, outboxMaxAttempts: 4 });
  });

  it('names a wrong setting without repeating its value', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://user:s3cret@mail.example' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'http://user:s3cret@mail.example' })).not.toThrow(/s3cret/);
    expect(() => loadConfig({ HARBOR_SECRET_KEY: 'short-and-s3cret' })).toThrow(/HARBOR_SECRET_KEY/);
    expect(() => loadConfig({ HARBOR_SECRET_KEY: 'short-and-s3cret' })).not.toThrow(/s3cret/);
    expect(() => loadConfig({ HARBOR_PUBLIC_URL: 'harbor.example' })).toThrow(/HARBOR_PUBLIC_URL/);
    expect(() => loadConfig({ HARBOR_OUTBOX_MAX_ATTEMPTS: '0' })).toThrow(/HARBOR_OUTBOX_MAX_ATTEMPTS/);
  });

  it('[CL-5] reads the Critical Incident recipients as directory party kinds (the HART Director by default)', () => {
    expect(loadConfig({}).criticalIncidentRecipients).toEqual(['hart_director']);
    expect(loadConfig({ HARBOR_CRITICAL_INCIDENT_TO: 'hart_director, hart_lead' }).criticalIncidentRecipients).toEqual(['hart_director', 'hart_lead']);
    expect(() => loadConfig({ HARBOR_CRITICAL_INCIDENT_TO: 'hart_director,embassy' })).toThrow(/HARBOR_CRITICAL_INCIDENT_TO/);
    // It names the children: never to an outside agency.
    expect(() => loadConfig({ HARBOR_CRITICAL_INCIDENT_TO: 'hart_director,fbi_field_office' })).toThrow(/HARBOR_CRITICAL_INCIDENT_TO.*stays within the agency/);
    expect(() => loadConfig({ HARBOR_CRITICAL_INCIDENT_TO: ' , ' })).toThrow(/HARBOR_CRITICAL_INCIDENT_TO/);
  });
});

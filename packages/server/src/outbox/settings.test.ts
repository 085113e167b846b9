import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { describeSmtpUrl, parseSmtpUrl } from './transport.js';

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
    // [CF-1] The one origin changes are accepted from; unset, the host each request was sent to.
    expect(c.publicOrigin).toBe('https://harbor.agency.example');
    expect(loadConfig({ HARBOR_PUBLIC_URL: 'https://Harbor.Agency.example:8443/harbor/' }).publicOrigin).toBe('https://harbor.agency.example:8443');
    expect(loadConfig({}).publicOrigin).toBeNull();
    expect(() => loadConfig({ HARBOR_PUBLIC_URL: 'https://harbor agency.example' })).toThrow(/HARBOR_PUBLIC_URL/);
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

  it('[CF-1] requires TLS for outgoing mail unless SMTP_URL opts out with ?tls=off', () => {
    expect(parseSmtpUrl('smtps://mail.agency.example')).toMatchObject({ secure: true, tls: 'required', port: null });
    expect(parseSmtpUrl('smtp://u%40x:p%3Aw@mail.agency.example:587')).toMatchObject({ secure: false, tls: 'required', port: 587, user: 'u@x', password: 'p:w' });
    expect(parseSmtpUrl('smtp://127.0.0.1:2525?tls=off')).toMatchObject({ secure: false, tls: 'off' });
    expect(parseSmtpUrl('smtp://mail.agency.example?tls_ca=/etc/harbor/ca.pem')).toMatchObject({ tls: 'required', caFile: '/etc/harbor/ca.pem' });
    expect(describeSmtpUrl('smtp://user:s3cret@mail.agency.example:587')).toBe('smtp://mail.agency.example:587 (STARTTLS required)');
    expect(describeSmtpUrl('smtp://127.0.0.1:2525?tls=off')).toBe('smtp://127.0.0.1:2525 (no TLS: tls=off)');
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525?tls=off' }).smtpUrl).toBe('smtp://127.0.0.1:2525?tls=off');
  });

  it('[CF-1] refuses an SMTP_URL that would weaken TLS some other way, naming the problem and not the password', () => {
    // nodemailer reads its own options from the query string; Harbor lets none through.
    for (const url of ['smtp://u:s3cret@mail.example?ignoreTLS=true', 'smtp://u:s3cret@mail.example?tls.rejectUnauthorized=false', 'smtp://u:s3cret@mail.example?tls=optional', 'smtps://u:s3cret@mail.example?tls=off']) {
      expect(() => loadConfig({ SMTP_URL: url }), url).toThrow(/SMTP_URL/);
      expect(() => loadConfig({ SMTP_URL: url }), url).not.toThrow(/s3cret/);
      expect(() => parseSmtpUrl(url), url).toThrow(/SMTP_URL/);
    }
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example?ignoreTLS=true' })).toThrow(/only \?tls=off and \?tls_ca=\/path.*ignoreTLS/);
  });
});

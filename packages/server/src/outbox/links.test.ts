import { describe, expect, it } from 'vitest';
import { ackUrl, deriveLinkKeys, issueToken, sealToken, tokenHash, unsealToken, verifyToken } from './links.js';
import { messageIdFor } from './transport.js';

const keys = deriveLinkKeys('a-secret-key-of-at-least-thirty-two-characters');
const otherKeys = deriveLinkKeys('another-secret-key-of-at-least-thirty-two-chars');
const id = '0b9a4c52-6f0e-4d7a-9a51-3c2f5e7d8a10';
const now = new Date('2026-03-02T12:00:00Z');
const in30Days = new Date(now.getTime() + 30 * 86_400_000);

describe('acknowledgment tokens', () => {
  it('verifies a token it issued, naming its message, until it expires', () => {
    const issued = issueToken(keys, id, in30Days);
    expect(issued.token.length).toBeLessThanOrEqual(100);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(issued.hash).toBe(tokenHash(issued.token));
    expect(verifyToken(keys, issued.token, now)).toEqual({ ok: true, messageId: id, hash: issued.hash });
    expect(verifyToken(keys, issued.token, new Date(in30Days.getTime() - 1000)).ok).toBe(true);
    expect(verifyToken(keys, issued.token, in30Days)).toEqual({ ok: false, reason: 'expired' });
  });

  it('is random: two tokens for the same message and expiry differ', () => {
    expect(issueToken(keys, id, in30Days).token).not.toBe(issueToken(keys, id, in30Days).token);
  });

  it('refuses every altered character, another key, and malformed tokens', () => {
    const { token } = issueToken(keys, id, in30Days);
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      const alt = token[i] === 'A' ? 'B' : token[i] === '1' ? '2' : 'A';
      const altered = token.slice(0, i) + alt + token.slice(i + 1);
      const check = verifyToken(keys, altered, now);
      expect(check.ok, `character ${i}`).toBe(false);
    }
    expect(verifyToken(otherKeys, token, now)).toEqual({ ok: false, reason: 'invalid' });
    for (const bad of ['', '...', 'a.b.c.d', `${token}.x`, token.split('.').slice(0, 3).join('.'), token.toUpperCase()]) {
      expect(verifyToken(keys, bad, now), bad).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('does not let an expired token live longer by changing its expiry', () => {
    const { token } = issueToken(keys, id, new Date(now.getTime() - 1000));
    expect(verifyToken(keys, token, now)).toEqual({ ok: false, reason: 'expired' });
    const [m, exp, n, s] = token.split('.');
    expect(verifyToken(keys, `${m}.${Number(exp) + 86_400}.${n}.${s}`, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('seals a token for its message only, and only the same key opens it', () => {
    const { token } = issueToken(keys, id, in30Days);
    const sealed = sealToken(keys, id, token);
    expect(sealed).not.toContain(token);
    expect(unsealToken(keys, id, sealed)).toBe(token);
    expect(unsealToken(otherKeys, id, sealed)).toBeNull();
    expect(unsealToken(keys, '11111111-1111-4111-8111-111111111111', sealed)).toBeNull();
    expect(unsealToken(keys, id, sealed.replace(/\.(.)/, (_m, c: string) => `.${c === 'A' ? 'B' : 'A'}`))).toBeNull();
    expect(unsealToken(keys, id, 'garbage')).toBeNull();
  });

  it('derives different keys for signing and sealing, and the same from the same secret', () => {
    expect(keys.sign.equals(keys.seal)).toBe(false);
    expect(deriveLinkKeys('a-secret-key-of-at-least-thirty-two-characters')).toEqual(keys);
  });

  it('builds the link on the public address', () => {
    expect(ackUrl('https://harbor.example.org/', 'abc')).toBe('https://harbor.example.org/ack/abc');
  });
});

describe('Message-ID', () => {
  it('is the same for the same idempotency key, differs between keys, and reveals neither', () => {
    const a = messageIdFor('referral:123:dcf737:police', 'Harbor <careline@dcf.example>');
    expect(a).toBe(messageIdFor('referral:123:dcf737:police', 'Harbor <careline@dcf.example>'));
    expect(a).toMatch(/^<[0-9a-f]{40}@dcf\.example>$/);
    expect(a).not.toContain('123');
    expect(messageIdFor('referral:124:dcf737:police', 'careline@dcf.example')).not.toBe(a);
  });
});

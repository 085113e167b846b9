import { expect } from 'vitest';
import { demoPassword } from './browser';

/** What the browser tests need of a referral answered by the API. */
export interface Referral {
  id: string;
  number: string;
  version: number;
}

/**
 * A browser-like API client for setting up the browser tests: keeps the session cookie and sends
 * the CSRF token on changes, as the web app does.
 */
export class Api {
  private cookies = new Map<string, string>();
  private csrf = '';

  constructor(private readonly baseUrl: string) {}

  async send(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { accept: 'application/json', cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    // As a browser does on a change: the CSRF token, and the Origin of Harbor's own page.
    if (method !== 'GET') {
      headers['x-csrf-token'] = this.csrf;
      headers['origin'] = new URL(this.baseUrl).origin;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  }

  async signIn(username: string): Promise<void> {
    this.csrf = ((await this.send('GET', '/api/session')).body as { csrfToken: string }).csrfToken;
    const r = await this.send('POST', '/api/session', { username, password: demoPassword });
    expect(r.status).toBe(200);
    this.csrf = (r.body as { csrfToken: string }).csrfToken;
  }

  /** Sends a request that must succeed, and answers its body as `T`. */
  async ok<T = Referral>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.send(method, path, body);
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    return r.body as T;
  }
}

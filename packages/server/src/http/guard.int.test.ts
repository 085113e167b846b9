import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, signedIn, startTestServer, type TestServer } from '../test/harness.js';

/**
 * The guard decides from the route the router matched, so no way of writing a URL reaches a
 * handler around it: percent-encoding, an absolute URL in the request line, odd case.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function rawRequest(line: string): Promise<string> {
  const { port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(`${line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (d: Buffer) => (data += d.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('the guard cannot be walked around', () => {
  it('refuses percent-encoded API paths to a caller who is not signed in, and leaks nothing', async () => {
    const anonymous = new Client(server.baseUrl);
    for (const path of ['/%61pi/users', '/ap%69/audit', '/%61pi/offices', '/%61pi/people']) {
      const r = await anonymous.get(path);
      expect(r.status, path).toBe(401);
      expect(JSON.stringify(r.body)).not.toMatch(/demo\./);
    }
  });

  it('refuses an absolute URL in the request line the same way', async () => {
    const reply = await rawRequest('GET http://example.test/api/users HTTP/1.1');
    expect(reply).toMatch(/^HTTP\/1\.1 401/);
    expect(reply).not.toMatch(/demo\./);
  });

  it('cannot create an account through an encoded path without a session or CSRF token', async () => {
    const anonymous = new Client(server.baseUrl);
    await anonymous.refresh();
    const r = await anonymous.post('/%61pi/users', {
      username: 'evil.admin',
      displayName: 'Evil',
      email: null,
      roles: ['administrator'],
      officeId: '00000000-0000-4000-8000-000000000000',
      password: 'a-long-enough-passphrase',
    });
    expect(r.status).toBe(401);
    const admin = await signedIn(server, 'administrator');
    const users = await admin.get<{ items: { username: string }[] }>('/api/users?q=evil');
    expect(users.body.items).toEqual([]);
  });

  it('applies the route permission and the audit whatever the spelling', async () => {
    const auditor = await signedIn(server, 'auditor');
    const r = await auditor.get('/%61pi/people');
    expect(r.status).toBe(403);
    const trail = await auditor.get<{ items: { requestId: string | null; outcome: string }[] }>(`/api/audit?outcome=denied`);
    expect(trail.body.items.some((row) => row.requestId === r.headers.get('x-request-id'))).toBe(true);
    expect(r.headers.get('cache-control')).toBe('no-store');
  });
});

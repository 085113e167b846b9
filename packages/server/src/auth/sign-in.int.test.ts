import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, demoUsername } from '../seed/index.js';
import { Client, startTestServer, type TestServer } from '../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('sign-in', () => {
  it('signs in a demo user with the right password and answers who they are', async () => {
    const c = new Client(server.baseUrl);
    const r = await c.signIn(demoUsername('hart_liaison'), demoPassword);
    expect(r.status).toBe(200);
    const s = await c.refresh();
    expect(s.body.user).not.toBeNull();
  });
});

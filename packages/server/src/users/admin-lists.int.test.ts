import type { ApprovalView, OfficeView, UserView } from '@harbor/policy/api';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offices } from '../db/schema.js';
import { signedIn, startTestServer, type Client, type TestServer } from '../test/harness.js';
import { collectPages, expectStablePaging } from '../test/paging.js';

/**
 * Issue 11: the administrators' lists (staff accounts, changes awaiting approval, offices) page by
 * keyset cursor: every row once across pages, in a stable order, filters kept; and the audit
 * search by a record's id finds the list rows that showed it (detail.ids).
 */
let server: TestServer;
let admin: Client;
const db = () => server.db.database.db;
const officeId = async (code: string) => (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, code)))[0]!.id;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedIn(server, 'administrator');
  const hfd = await officeId('HFD');
  // Same names: the id orders them, so a page boundary between them loses and repeats none.
  for (const n of [1, 2, 3, 4]) {
    const r = await admin.post('/api/users', { username: `same.name${n}`, displayName: 'Same Name', email: null, roles: ['ongoing_worker'], officeId: hfd, password: 'a-long-temporary-password' });
    expect(r.status).toBe(201);
  }
  // Changes that wait for a second administrator (statewide reach).
  const co = await officeId('CO');
  for (const n of [1, 2, 3, 4]) {
    const r = await admin.post('/api/users', { username: `waiting.${n}`, displayName: `Waiting ${n}`, email: null, roles: ['hart_director'], officeId: co, password: 'a-long-temporary-password' });
    expect(r.status).toBe(202);
  }
});
afterAll(async () => {
  await server.close();
});

describe('administrators’ lists page (issue 11)', () => {
  it('GET /api/users: every account once, by name then id, a page at a time', async () => {
    const all = await expectStablePaging<UserView>(admin, '/api/users', (u) => u.id);
    // The four of one name stand together (by name first), ordered among themselves by id.
    const at = all.map((u, i) => (u.displayName === 'Same Name' ? i : -1)).filter((i) => i >= 0);
    expect(at).toHaveLength(4);
    expect(at[3]! - at[0]!).toBe(3);
    const ids = at.map((i) => all[i]!.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('GET /api/users keeps its filters across pages (office, role, name)', async () => {
    const hfd = await officeId('HFD');
    const inHfd = await expectStablePaging<UserView>(admin, `/api/users?officeId=${hfd}`, (u) => u.id, 2);
    expect(inHfd.length).toBeGreaterThanOrEqual(4);
    expect(inHfd.every((u) => u.officeId === hfd)).toBe(true);
    const workers = await expectStablePaging<UserView>(admin, '/api/users?role=ongoing_worker', (u) => u.id, 2);
    expect(workers.every((u) => u.roles.includes('ongoing_worker'))).toBe(true);
    const same = await collectPages<UserView>(admin, '/api/users?q=same.name', 1);
    expect(same.items.map((u) => u.username).sort()).toEqual(['same.name1', 'same.name2', 'same.name3', 'same.name4']);
    expect(same.pages).toBe(4);
  });

  it('GET /api/approvals: every change of a status once, newest asked first', async () => {
    const pending = await expectStablePaging<ApprovalView>(admin, '/api/approvals', (a) => a.id, 2);
    expect(pending.filter((a) => a.targetLabel.startsWith('waiting.'))).toHaveLength(4);
    expect(pending.every((a) => a.status === 'pending')).toBe(true);
    const times = pending.map((a) => a.requestedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect((await collectPages<ApprovalView>(admin, '/api/approvals?status=approved', 2)).items).toEqual([]);
  });

  it('GET /api/offices: every office once, by name', async () => {
    const all = await expectStablePaging<OfficeView>(admin, '/api/offices', (o) => o.id, 5);
    expect(all.map((o) => o.code)).toContain('HFD');
  });

  it('a signed-in user without office.manage still reads the offices a page at a time', async () => {
    const worker = await signedIn(server, 'ongoing_worker');
    expect((await collectPages<OfficeView>(worker, '/api/offices', 200)).items.length).toBeGreaterThan(5);
  });
});

describe('audit search by record (issue 11)', () => {
  it('finds the list row that showed the record (detail.ids), not only rows naming it as their record', async () => {
    const director = await signedIn(server, 'hart_director');
    const made = await director.post<{ id: string }>('/api/people', { kind: 'child', firstName: 'Listed', lastName: 'Child', dateOfBirth: '2013-03-03', gender: 'female', townName: null, officeId: await officeId('HFD') });
    expect(made.status).toBe(201);
    const listed = await director.get<{ items: { id: string }[] }>('/api/people?limit=200');
    expect(listed.body.items.map((p) => p.id)).toContain(made.body.id);
    const auditor = await signedIn(server, 'auditor');
    const found = await auditor.get(`/api/audit?recordId=${made.body.id}&action=person.list`);
    expect(found.status).toBe(200);
    // The response's shape is the audit page's; the list row is in it, by its action.
    expect(JSON.stringify(found.body)).toContain('"action":"person.list"');
    const byRecord = await auditor.get(`/api/audit?recordId=${made.body.id}`);
    const text = JSON.stringify(byRecord.body);
    expect(text).toContain('"action":"person.create"');
    expect(text).toContain('"action":"person.list"');
  });
});

import type { PersonView, ReferralView } from '@harbor/policy/api';
import { collectPages } from '../test/paging.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { signedIn, startTestServer, type TestServer } from '../test/harness.js';
import { completeDraft, narrativeText } from '../test/referral-fixtures.js';

/** DESIGN: narratives and children's identifying fields are encrypted at rest; search uses keyed blind indexes. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const rawRows = async (table: string) =>
  (await queryRows<{ row: string }>(server.db.database.db, sql`select row_to_json(t)::text as row from ${sql.identifier(table)} t`)).map((r) => r.row).join('\n');

describe('encryption at rest', () => {
  it('keeps no narrative sentence or child’s name in the referral, people or match-key rows, while the API answers them', async () => {
    const worker = await signedIn(server, 'careline_worker');
    const draft = completeDraft();
    draft.children[0] = { ...draft.children[0]!, firstName: 'Oriana', lastName: 'Vexmoor', aliases: ['Ori V'] };
    const created = await worker.post<ReferralView>('/api/referrals', draft);
    expect(created.status).toBe(201);
    const submitted = await worker.post<ReferralView>(`/api/referrals/${created.body.id}/submit`, { version: 1 });
    expect(submitted.status).toBe(200);
    expect(submitted.body.draft).toMatchObject({ narrative: narrativeText });
    const director = await signedIn(server, 'hart_director');
    const hfd = (await director.get<{ items: { id: string; code: string }[] }>('/api/offices?limit=200')).body.items.find((o) => o.code === 'HFD')!;
    const person = await director.post<PersonView>('/api/people', { kind: 'child', firstName: 'Quillon', lastName: 'Barrowdale', aliases: ['Q-Bee'], dateOfBirth: '2012-09-17', gender: 'male', townName: 'Hartford', officeId: hfd.id });
    expect(person.status).toBe(201);
    expect((await director.get<PersonView>(`/api/people/${person.body.id}`)).body).toMatchObject({ firstName: 'Quillon', lastName: 'Barrowdale', aliases: ['Q-Bee'], dateOfBirth: '2012-09-17' });

    const stored = [await rawRows('referrals'), await rawRows('people'), await rawRows('person_match_keys'), await rawRows('referral_children')].join('\n');
    expect(stored).toContain(created.body.id);
    for (const secret of ['farm stand', 'sleeps in the owner', 'Pat Reporter', 'Crew boss', 'Oriana', 'Vexmoor', 'vexmoor', 'Ori V', 'Quillon', 'quillon', 'Barrowdale', 'Q-Bee', '2012-09-17']) {
      expect(stored, secret).not.toContain(secret);
    }
  });

  it('finds a child by blind index after a change of name through the people API', async () => {
    const director = await signedIn(server, 'hart_director');
    const worker = await signedIn(server, 'careline_worker');
    const people = (await collectPages<PersonView>(director, '/api/people', 200)).items;
    const quillon = people.find((p) => p.firstName === 'Quillon')!;
    const renamed = await director.patch<PersonView>(`/api/people/${quillon.id}`, { aliases: ['Quill'], version: quillon.version });
    expect(renamed.status).toBe(200);
    const find = async (alias: string) =>
      (await worker.post<{ personId: string }[]>('/api/referrals/person-matches', { firstName: 'Someone', aliases: [alias], dateOfBirth: '2012-09-17' })).body.map((m) => m.personId);
    expect(await find('quill')).toEqual([quillon.id]);
    expect(await find('Q-Bee')).toEqual([]);
  });
});

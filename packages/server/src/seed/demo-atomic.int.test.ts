import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createVault } from '../crypto/index.js';
import { dataLayer } from '../data/index.js';
import { queryRows } from '../db/client.js';
import { createTestDatabase, testDataKey, type TestDatabase } from '../test/harness.js';
import { seedAgencyStructure } from './agency.js';
import { demoSignIns, ensureDemoSeeded } from './demo.js';

/**
 * The first start's demo seeding is all or nothing (issue 10): a failure halfway leaves the
 * database as empty as before, which the next start (it seeds when there are no users) seeds again
 * completely; never a half-seeded agency that reports success.
 */
let target: TestDatabase;
const vault = createVault(testDataKey);
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { dataKey: testDataKey });
const db = () => target.database.db;
const data = () => dataLayer(target.database);

const counted = ['users', 'people', 'person_match_keys', 'referrals', 'documents', 'outbox_messages', 'obligations', 'cases', 'consults', 'hart_meetings', 'audit_events'] as const;
async function counts(): Promise<Record<(typeof counted)[number], number>> {
  const [row] = await queryRows<Record<string, number>>(db(), sql.raw(`select ${counted.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`));
  return row as Record<(typeof counted)[number], number>;
}

beforeAll(async () => {
  target = await createTestDatabase();
  await seedAgencyStructure(db());
}, 300_000);
afterAll(async () => {
  await target.drop();
});

describe('the demo seed', () => {
  it('fails halfway (after the referrals and the HART story) and leaves nothing; seeded again, it is complete', { timeout: 900_000 }, async () => {
    const empty = await counts();
    expect(empty.users).toBe(0);

    const steps: string[] = [];
    await expect(
      ensureDemoSeeded(data(), vault, true, config, {
        afterStep: (step) => {
          steps.push(step);
          if (step === 'hart') throw new Error('injected: the process dies here');
        },
      }),
    ).rejects.toThrow(/injected/);
    expect(steps).toEqual(['staff and people', 'referrals', 'hart']);
    // Nothing of the half-done seed is left: the next start sees an empty database.
    expect(await counts()).toEqual(empty);

    const signIns = await ensureDemoSeeded(data(), vault, true, config);
    expect(signIns).toEqual(demoSignIns());
    const full = await counts();
    // Every step ran: staff and people, the week's referrals with their documents and mail, the
    // HART story, the casework, the duties.
    for (const table of counted) expect(full[table], table).toBeGreaterThan(0);

    // Started again: seeded already, nothing added.
    expect(await ensureDemoSeeded(data(), vault, true, config)).toEqual(demoSignIns());
    expect(await counts()).toEqual(full);
  });
});

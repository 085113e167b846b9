import { agencyOffices, judicialDistricts as jdDefs, partnerDirectorySeed, regions as regionDefs, towns as townDefs } from '@harbor/policy';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { judicialDistricts, offices, partnerAgencies, regions, towns } from '../db/schema.js';

/**
 * The agency's structure from the policy pack: regions, judicial districts, offices, towns and
 * the partner directory (synthetic contacts).
 * Idempotent: rows that exist are left as the administrators have edited them.
 */
export async function seedAgencyStructure(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(regions).values(regionDefs.map((r) => ({ code: r.code, name: r.name }))).onConflictDoNothing();
    await tx.insert(judicialDistricts).values(jdDefs.map((j) => ({ code: j.code, name: j.name }))).onConflictDoNothing();
    await tx
      .insert(offices)
      .values(agencyOffices().map((o) => ({ code: o.code, name: o.name, kind: o.kind, regionCode: o.regionCode, townName: o.townName })))
      .onConflictDoNothing();
    await tx
      .insert(towns)
      .values(townDefs.map((t) => ({ name: t.name, county: t.county, areaOfficeCode: t.areaOfficeCode, judicialDistrictCode: t.judicialDistrictCode })))
      .onConflictDoNothing();
    await tx.insert(partnerAgencies).values(partnerDirectorySeed()).onConflictDoNothing();
  });
}

export async function countUsers(db: Db): Promise<number> {
  const [r] = await queryRows<{ n: number | string }>(db, sql`select count(*)::int as n from users`);
  return Number(r?.n ?? 0);
}

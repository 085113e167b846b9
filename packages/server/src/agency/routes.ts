import { agency } from '@harbor/policy';
import { agencyView, noQuery } from '@harbor/policy/api';
import { asc } from 'drizzle-orm';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { judicialDistricts, regions, towns } from '../db/schema.js';

/** Reference data every signed-in user needs (regions, judicial districts, towns). No child data, so no audit row. */
export function registerAgencyRoutes(app: HarborApp): void {
  app.get(
    '/api/agency',
    {
      config: { permission: 'authenticated' },
      schema: { summary: 'The agency: regions, judicial districts and towns', tags: ['agency'], querystring: noQuery, response: { 200: agencyView } },
    },
    async (req) =>
      repoOf(req).unit(async ({ db }) => {
        // One after another: the three reads share the unit's one connection.
        const r = await db.select().from(regions).orderBy(asc(regions.code));
        const j = await db.select().from(judicialDistricts).orderBy(asc(judicialDistricts.name));
        const t = await db.select().from(towns).orderBy(asc(towns.name));
        return { name: agency.name, state: agency.state, regions: r, judicialDistricts: j, towns: t };
      }),
  );
}

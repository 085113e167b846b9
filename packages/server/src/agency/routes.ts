import { agency } from '@harbor/policy';
import { agencyView, noQuery } from '@harbor/policy/api';
import { asc } from 'drizzle-orm';
import type { HarborApp } from '../http/types.js';
import { judicialDistricts, regions, towns } from '../db/schema.js';

/** Reference data every signed-in user needs (regions, judicial districts, towns). No child data. */
export function registerAgencyRoutes(app: HarborApp): void {
  const { database } = app.harbor;
  app.get(
    '/api/agency',
    {
      config: { permission: 'authenticated' },
      schema: { summary: 'The agency: regions, judicial districts and towns', tags: ['agency'], querystring: noQuery, response: { 200: agencyView } },
    },
    async () => {
      const db = database.db;
      const [r, j, t] = await Promise.all([
        db.select().from(regions).orderBy(asc(regions.code)),
        db.select().from(judicialDistricts).orderBy(asc(judicialDistricts.name)),
        db.select().from(towns).orderBy(asc(towns.name)),
      ]);
      return { name: agency.name, state: agency.state, regions: r, judicialDistricts: j, towns: t };
    },
  );
}

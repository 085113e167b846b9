import type { Role } from '@harbor/policy';
import type { ReferralView } from '@harbor/policy/api';
import { and, eq, ne } from 'drizzle-orm';
import { offices, userRoles, users } from '../db/schema.js';
import { demoPassword, demoUsername } from '../seed/index.js';
import { Client, type TestServer } from './harness.js';
import { completeDraft } from './referral-fixtures.js';

/** Issue 4 casework fixtures: referrals taken to an assigned investigation, staff of other offices. */

/** The complete (labor HT, child not a U.S. citizen) referral, about a child in `town`. */
export function draftIn(town: string, changes: Record<string, unknown> = {}) {
  const d = completeDraft();
  d.children[0] = { ...d.children[0]!, townName: town, ...changes };
  d.places = [{ ...d.places[0]!, townName: town }];
  return d;
}

/** No HT at all: neglect only, no indicators, a U.S. citizen (IN-4's investigation). */
export const noHtDraft = (town: string) => draftIn(town, { allegations: ['neglect'], indicators: [], citizenship: 'us_citizen' });

export async function userIdOf(server: TestServer, username: string): Promise<string> {
  return (await server.db.database.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
}

/** A seeded user of `role` in another office than the demo user's (`officeCode`), signed in. */
export async function staffOf(server: TestServer, role: Role, officeCode: string): Promise<{ client: Client; id: string }> {
  const [row] = await server.db.database.db
    .select({ id: users.id, username: users.username })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, role)))
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(and(eq(offices.code, officeCode), ne(users.username, demoUsername(role))))
    .limit(1);
  if (!row) throw new Error(`no ${role} in ${officeCode}`);
  const client = new Client(server.baseUrl);
  const r = await client.signIn(row.username, demoPassword);
  if (r.status !== 200) throw new Error(`sign-in of ${row.username} failed`);
  return { client, id: row.id };
}

/** Submits, accepts (within 2 hours) and, unless told not to, assigns the demo investigation worker. */
export async function acceptedReferral(
  server: TestServer,
  clients: { careline: Client; supervisor: Client },
  draft: Record<string, unknown>,
  assign = true,
): Promise<ReferralView> {
  const created = await clients.careline.post<ReferralView>('/api/referrals', draft);
  const submitted = await clients.careline.post<ReferralView>(`/api/referrals/${created.body.id}/submit`, { version: created.body.version });
  if (submitted.status !== 200) throw new Error(`submit: ${JSON.stringify(submitted.body)}`);
  const accepted = await clients.careline.post<ReferralView>(`/api/referrals/${created.body.id}/decision`, {
    decision: 'accepted',
    responsePriority: { answers: { in_danger_now: 'yes' } },
    version: submitted.body.version,
  });
  if (accepted.status !== 200) throw new Error(`decision: ${JSON.stringify(accepted.body)}`);
  if (!assign) return accepted.body;
  const userId = await userIdOf(server, demoUsername('investigation_worker'));
  const r = await clients.supervisor.post<ReferralView>(`/api/referrals/${created.body.id}/assignment`, { userId, version: accepted.body.version });
  if (r.status !== 200) throw new Error(`assignment: ${JSON.stringify(r.body)}`);
  return { ...accepted.body, investigatorId: userId, version: r.body.version };
}

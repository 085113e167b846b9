import { connecticutTownName, matchPerson, rankMatches } from '@harbor/policy';
import type { PersonMatchBody, PersonMatchView } from '@harbor/policy/api';
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/index.js';
import { audited } from '../audit/index.js';
import type { DbOrTx, Db } from '../db/client.js';
import { people, referralChildren, referrals } from '../db/schema.js';
import { requireUser } from './service.js';

/**
 * Repeat victims (issue 3): the children already known to Harbor that the child being recorded
 * may be. Deliberately statewide, whatever the worker's own reach: the Careline must find a child
 * known anywhere in the state. The answer carries only what identifies the child and the numbers
 * of the referrals about them; the audit row records how many were shown, never the names.
 */
const candidateLimit = 500;

/** Every candidate matches on date of birth or town, so only those rows are read. */
function candidateFilter(q: PersonMatchBody): SQL | null {
  const town = q.townName ? (connecticutTownName(q.townName) ?? q.townName.trim()) : null;
  const conds = [q.dateOfBirth ? eq(people.dateOfBirth, q.dateOfBirth) : undefined, town ? sql`lower(${people.townName}) = lower(${town})` : undefined].filter(
    (c): c is SQL => c !== undefined,
  );
  return conds.length ? (or(...conds) ?? null) : null;
}

export async function referralsOfPeople(tx: DbOrTx, personIds: readonly string[]): Promise<Map<string, PersonMatchView['referrals']>> {
  const byPerson = new Map<string, PersonMatchView['referrals']>();
  if (personIds.length === 0) return byPerson;
  const rows = await tx
    .selectDistinct({ personId: referralChildren.personId, number: referrals.number, receivedAt: referrals.receivedAt })
    .from(referralChildren)
    .innerJoin(referrals, eq(referrals.id, referralChildren.referralId))
    .where(inArray(referralChildren.personId, [...personIds]))
    .orderBy(asc(referrals.receivedAt), asc(referrals.number));
  for (const r of rows) {
    const list = byPerson.get(r.personId) ?? [];
    list.push({ number: r.number, receivedAt: r.receivedAt?.toISOString() ?? null });
    byPerson.set(r.personId, list);
  }
  return byPerson;
}

export async function findPersonMatches(db: Db, actor: Actor, q: PersonMatchBody): Promise<PersonMatchView[]> {
  requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const filter = candidateFilter(q);
    const rows = filter
      ? await tx
          .select({ id: people.id, firstName: people.firstName, lastName: people.lastName, aliases: people.aliases, dateOfBirth: people.dateOfBirth, townName: people.townName })
          .from(people)
          .where(and(eq(people.kind, 'child'), filter))
          .limit(candidateLimit)
      : [];
    const matched = rankMatches(
      rows.flatMap((r) => {
        const matchedOn = matchPerson(q, r);
        return matchedOn ? [{ ...r, matchedOn }] : [];
      }),
    );
    const refs = await referralsOfPeople(tx, matched.map((m) => m.id));
    await audit({ action: 'referral.person_matches', recordType: 'person', detail: { count: matched.length } });
    return matched.map(({ id, ...m }) => ({ personId: id, ...m, referrals: refs.get(id) ?? [] }));
  });
}

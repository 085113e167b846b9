import { aliasKeys, connecticutTownName, matchPerson, nameKeys, normalizeName, rankMatches } from '@harbor/policy';
import type { PersonMatchBody, PersonMatchView } from '@harbor/policy/api';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor } from '../access/index.js';
import { audited } from '../audit/index.js';
import type { Vault } from '../crypto/index.js';
import type { Db, DbOrTx } from '../db/client.js';
import { people, personMatchKeys, referralChildren, referrals } from '../db/schema.js';
import { openIdentity, type MatchKeyKind } from '../people/index.js';
import { requireUser } from './service.js';

/**
 * Repeat victims (issue 3): the children already known to Harbor that the child being recorded
 * may be. Deliberately statewide, whatever the worker's own reach: the Careline must find a child
 * known anywhere in the state. The answer carries only what identifies the child and the numbers
 * of the referrals about them; the audit row records how many were shown, never the names.
 *
 * Names and dates of birth are sealed, so candidates are found by their keyed blind indexes
 * (person_match_keys), then opened and checked by the match rules.
 */
const candidateLimit = 200;

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

/** The ids of children whose blind indexes could satisfy the rule: (name or alias) with (dob or town), or dob with town. */
async function candidateIds(tx: DbOrTx, vault: Vault, q: PersonMatchBody): Promise<string[]> {
  const names = [...new Set([...nameKeys(q.firstName, q.lastName), ...aliasKeys(q.aliases ?? [])])];
  const town = q.townName ? normalizeName(connecticutTownName(q.townName) ?? q.townName) : '';
  const wanted: { kind: MatchKeyKind; hash: string }[] = [
    ...names.flatMap((n) => (['name', 'alias'] as const).map((kind) => ({ kind, hash: vault.index(kind, n) }))),
    ...(q.dateOfBirth ? [{ kind: 'dob' as const, hash: vault.index('dob', q.dateOfBirth) }] : []),
    ...(town ? [{ kind: 'town' as const, hash: vault.index('town', town) }] : []),
  ];
  if (!q.dateOfBirth && !town) return [];
  const hits = await tx
    .select({ personId: personMatchKeys.personId, kind: personMatchKeys.kind })
    .from(personMatchKeys)
    .where(or(...wanted.map((w) => and(eq(personMatchKeys.kind, w.kind), eq(personMatchKeys.hash, w.hash)))));
  const kinds = new Map<string, Set<string>>();
  for (const h of hits) kinds.set(h.personId, (kinds.get(h.personId) ?? new Set()).add(h.kind));
  return [...kinds]
    .filter(([, k]) => ((k.has('name') || k.has('alias')) && (k.has('dob') || k.has('town'))) || (k.has('dob') && k.has('town')))
    .map(([id]) => id);
}

export async function findPersonMatches(db: Db, vault: Vault, actor: Actor, q: PersonMatchBody): Promise<PersonMatchView[]> {
  requireUser(actor);
  return audited(db, actor, async (tx, audit) => {
    const ids = await candidateIds(tx, vault, q);
    const rows = ids.length
      ? await tx
          .select({ id: people.id, identity: people.identity, townName: people.townName })
          .from(people)
          .where(and(eq(people.kind, 'child'), inArray(people.id, ids)))
          .orderBy(sql`${people.createdAt} desc`)
          .limit(candidateLimit)
      : [];
    const matched = rankMatches(
      rows.flatMap(({ id, identity, townName }) => {
        const person = { id, ...openIdentity(vault, id, identity), townName };
        const matchedOn = matchPerson(q, person);
        return matchedOn ? [{ ...person, matchedOn }] : [];
      }),
    );
    const refs = await referralsOfPeople(tx, matched.map((m) => m.id));
    // Whose identity was shown to whom: the people's ids (never their names).
    await audit({ action: 'referral.person_matches', recordType: 'person', detail: { count: matched.length, personIds: matched.map((m) => m.id) } });
    return matched.map(({ id, ...m }) => ({ personId: id, ...m, referrals: refs.get(id) ?? [] }));
  });
}

import { aliasKeys, birthYearOf, connecticutTownName, matchInitials, matchPerson, nameKeys, normalizeName, rankMatches } from '@harbor/policy';
import type { PersonMatchBody, PersonMatchView } from '@harbor/policy/api';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Vault } from '../crypto/index.js';
import { queryRows, type UnitDb, type UserRepository } from '../data/index.js';
import { auditEvents, people, personMatchKeys, referralChildren, referrals } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import { openIdentity } from '../people/index.js';

/**
 * Repeat victims (issue 3): the children already known to Harbor that the child being recorded
 * may be. Deliberately statewide, whatever the worker's own reach: the Careline must find a child
 * known anywhere in the state. So the answer is the least that lets the worker decide (CF-1):
 * initials, birth year, town and the numbers of the earlier referrals. The full details (names,
 * aliases, date of birth) come back only for the child the worker has linked (`linkedPersonId`),
 * and only while that child still matches what the worker entered. The audit row names every
 * person shown (their ids, never their names) and the one shown in full. A user may search
 * `matchSearchesPerHour` times an hour (HARBOR_MATCH_SEARCHES_PER_HOUR): far above a busy
 * worker's day, it stops a script from walking the state's children through this route.
 *
 * Names and dates of birth are sealed, so candidates are found by their keyed blind indexes
 * (person_match_keys), intersected in SQL (issue 11: grouped by person, the rule in HAVING, the
 * newest `candidateLimit` only), then opened and checked by the match rules.
 */
const candidateLimit = 200;

export async function referralsOfPeople(tx: UnitDb, personIds: readonly string[]): Promise<Map<string, PersonMatchView['referrals']>> {
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

/**
 * The children whose blind indexes could satisfy the rule: (name or alias) with (dob or town), or
 * dob with town; the intersection is made by the database, newest records first, at most
 * `candidateLimit` of them (never every candidate in memory). The selective keys (names, aliases,
 * the date of birth) find the candidates through the lookup index; the town, shared by thousands
 * of children, is only checked for those candidates (the primary key), never scanned.
 */
async function candidates(tx: UnitDb, vault: Vault, q: PersonMatchBody): Promise<{ id: string; identity: string; townName: string | null }[]> {
  const names = [...new Set([...nameKeys(q.firstName, q.lastName), ...aliasKeys(q.aliases ?? [])])];
  const town = q.townName ? normalizeName(connecticutTownName(q.townName) ?? q.townName) : '';
  if (!q.dateOfBirth && !town) return [];
  const nameHashes = names.flatMap((n) => (['name', 'alias'] as const).map((kind) => sql`(${kind}, ${vault.index(kind, n)})`));
  const named = nameHashes.length > 0 ? sql`select person_id from ${personMatchKeys} where (kind, hash) in (${sql.join(nameHashes, sql`, `)})` : sql`select null::uuid as person_id where false`;
  const born = q.dateOfBirth ? sql`select person_id from ${personMatchKeys} where kind = 'dob' and hash = ${vault.index('dob', q.dateOfBirth)}` : sql`select null::uuid as person_id where false`;
  // A lateral probe per candidate (an EXISTS here is planned as a hash of the whole town's keys).
  const townProbe = town
    ? sql`select true as here from ${personMatchKeys} t where t.person_id = c.person_id and t.kind = 'town' and t.hash = ${vault.index('town', town)} limit 1`
    : sql`select true as here where false`;
  const rows = await queryRows<{ id: string; identity: string; town_name: string | null }>(
    tx,
    sql`with cand as (
        select k.person_id, bool_or(k.src = 'n') as named, bool_or(k.src = 'd') as born
        from (select person_id, 'n' as src from (${named}) n union all select person_id, 'd' from (${born}) d) k
        group by k.person_id)
      select p.id, p.identity, p.town_name from cand c
        left join lateral (${townProbe}) tw on true
        join ${people} p on p.id = c.person_id and p.kind = 'child'
      where (c.named and (c.born or tw.here)) or (c.born and tw.here)
      order by p.created_at desc, p.id desc
      limit ${candidateLimit}`,
  );
  return rows.map((r) => ({ id: r.id, identity: r.identity, townName: r.town_name }));
}

export interface MatchSearchContext {
  vault: Vault;
  /** Searches one user may make in an hour (HARBOR_MATCH_SEARCHES_PER_HOUR). */
  perHour: number;
}

export const matchSearchAction = 'referral.person_matches';

/**
 * CF-1: the per-user limit, counted from the audit trail (every search writes one success row,
 * stamped with the wall clock, which is therefore the clock of the hour here too).
 */
async function checkSearchLimit(tx: UnitDb, ctx: MatchSearchContext, userId: string): Promise<void> {
  const since = new Date(Date.now() - 3_600_000);
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(eq(auditEvents.userId, userId), eq(auditEvents.action, matchSearchAction), eq(auditEvents.outcome, 'success'), gte(auditEvents.occurredAt, since)));
  if ((row?.n ?? 0) >= ctx.perHour) {
    throw new HttpError(
      429,
      'too_many_searches',
      `You have searched for earlier records ${ctx.perHour} times in the last hour, the most Harbor allows one person. Wait a while before searching again; a Careline supervisor can help with an urgent case.`,
      undefined,
      { 'retry-after': '600' },
    );
  }
}

export async function findPersonMatches(repo: UserRepository, ctx: MatchSearchContext, q: PersonMatchBody): Promise<PersonMatchView[]> {
  const { vault } = ctx;
  return repo.unit(async (u) => {
    // The refusal (429) is audited as denied by the guard, like every refusal.
    await checkSearchLimit(u.db, ctx, u.user.id);
    const rows = await candidates(u.db, vault, q);
    const matched = rankMatches(
      rows.flatMap(({ id, identity, townName }) => {
        const person = { id, ...openIdentity(vault, id, identity), townName };
        const matchedOn = matchPerson(q, person);
        return matchedOn ? [{ ...person, matchedOn }] : [];
      }),
    );
    const refs = await referralsOfPeople(u.db, matched.map((m) => m.id));
    const linked = matched.find((m) => m.id === q.linkedPersonId) ?? null;
    // Whose records were shown to whom: every person's id, and the one shown in full (never a name).
    u.audit({
      action: matchSearchAction,
      recordType: 'person',
      recordId: linked?.id ?? null,
      detail: { count: matched.length, personIds: matched.map((m) => m.id), shownInFull: linked ? [linked.id] : [] },
    });
    u.shown('person', matched.map((m) => m.id));
    return matched.map((m) => ({
      personId: m.id,
      initials: matchInitials(m.firstName, m.lastName),
      birthYear: birthYearOf(m.dateOfBirth),
      townName: m.townName,
      matchedOn: m.matchedOn,
      referrals: refs.get(m.id) ?? [],
      details: m === linked ? { firstName: m.firstName, lastName: m.lastName, aliases: m.aliases, dateOfBirth: m.dateOfBirth } : null,
    }));
  });
}

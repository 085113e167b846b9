import { personMatchReasons } from '@harbor/policy';
import { personMatchView, type PersonMatchBody, type PersonMatchView } from '@harbor/policy/api';
import { z } from 'zod';
import { splitAliases, type ChildValues } from './draft';

/**
 * Repeat victims (issue 3, item 11): while a child is entered, Harbor looks for people already on
 * record by name or alias, date of birth and town, and the worker may link the child to one.
 * The contract of `POST /api/referrals/person-matches` is the shared one in `@harbor/policy/api`.
 */
export type PersonMatchQuery = PersonMatchBody;
export type PersonMatch = PersonMatchView;
export type MatchedOn = PersonMatch['matchedOn'][number];
export const personMatches = z.array(personMatchView);

/**
 * What to look up for a child, or null while there is no first name to look for. A linked child's
 * person goes with it: Harbor answers that one person's full details (CF-1), the others in brief.
 */
export function matchQueryOf(child: Pick<ChildValues, 'firstName' | 'lastName' | 'aliases' | 'dateOfBirth' | 'townName'> & { linkedPersonId?: string | null }): PersonMatchQuery | null {
  const firstName = child.firstName.trim();
  if (firstName === '') return null;
  const lastName = child.lastName.trim();
  const aliases = splitAliases(child.aliases);
  const townName = child.townName.trim();
  return {
    firstName,
    ...(lastName ? { lastName } : {}),
    ...(aliases.length > 0 ? { aliases } : {}),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(child.dateOfBirth) ? { dateOfBirth: child.dateOfBirth } : {}),
    ...(townName ? { townName } : {}),
    ...(child.linkedPersonId ? { linkedPersonId: child.linkedPersonId } : {}),
  };
}

/** A stable key of a query, so the same lookup is not sent twice on every blur. */
export const matchQueryKey = (q: PersonMatchQuery | null): string =>
  q ? JSON.stringify([q.firstName, q.lastName ?? '', q.aliases ?? [], q.dateOfBirth ?? '', q.townName ?? '', q.linkedPersonId ?? '']) : '';

/**
 * The candidates to show: the person already linked first (so it can be unlinked), then the
 * others with the most criteria matched first.
 */
export function orderMatches(matches: readonly PersonMatch[], linkedPersonId: string | null): PersonMatch[] {
  return [...matches].sort((a, b) => {
    if (a.personId === linkedPersonId) return -1;
    if (b.personId === linkedPersonId) return 1;
    return b.matchedOn.length - a.matchedOn.length;
  });
}

/** "name, date of birth": the criteria a candidate matched on, in the contract's order, in words. */
export function matchedOnText(on: readonly MatchedOn[], words: Readonly<Record<MatchedOn, string>>): string {
  return personMatchReasons.filter((m) => on.includes(m)).map((m) => words[m]).join(', ');
}

import { z } from 'zod';
import { splitAliases, type ChildValues } from './draft';

/**
 * Repeat victims (issue 3, item 11): while a child is entered, Harbor looks for people already on
 * record by name or alias, date of birth and town, and the worker may link the child to one.
 * The contract of `POST /api/referrals/person-matches`, as agreed with the branch that builds it;
 * it moves to `@harbor/policy/api` once that branch is merged.
 */
export const personMatchQuery = z.strictObject({
  firstName: z.string().min(1),
  lastName: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  dateOfBirth: z.string().optional(),
  townName: z.string().optional(),
});
export type PersonMatchQuery = z.infer<typeof personMatchQuery>;

export const matchedOnValues = ['name', 'alias', 'dateOfBirth', 'town'] as const;
export type MatchedOn = (typeof matchedOnValues)[number];

export const personMatch = z.object({
  personId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  aliases: z.array(z.string()),
  dateOfBirth: z.string().nullable(),
  townName: z.string().nullable(),
  matchedOn: z.array(z.enum(matchedOnValues)),
  referrals: z.array(z.object({ number: z.string(), receivedAt: z.string().nullable() })),
});
export type PersonMatch = z.infer<typeof personMatch>;
export const personMatches = z.array(personMatch);

/** What to look up for a child, or null while there is no first name to look for. */
export function matchQueryOf(child: Pick<ChildValues, 'firstName' | 'lastName' | 'aliases' | 'dateOfBirth' | 'townName'>): PersonMatchQuery | null {
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
  };
}

/** A stable key of a query, so the same lookup is not sent twice on every blur. */
export const matchQueryKey = (q: PersonMatchQuery | null): string => (q ? JSON.stringify([q.firstName, q.lastName ?? '', q.aliases ?? [], q.dateOfBirth ?? '', q.townName ?? '']) : '');

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
  return matchedOnValues.filter((m) => on.includes(m)).map((m) => words[m]).join(', ');
}

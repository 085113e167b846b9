import { carelineOfficeCode } from '../ct/agency.js';

/**
 * Repeat victims (issue 3): while a Careline worker records a child, Harbor looks for a child
 * already known under the same name or alias, born the same day or living in the same town, so
 * the worker can link the new referral to that child's record. Pure rules; the server finds the
 * candidates and this decides which of them match and on what.
 */
export const personMatchReasons = ['name', 'alias', 'dateOfBirth', 'town'] as const;
export type PersonMatchReason = (typeof personMatchReasons)[number];

/**
 * Where a new child's person record is filed on submission: with the Careline, not the area office
 * of the child's town. Until the referral is accepted and an investigation worker assigned (who then
 * reaches the child by assignment), the office's staff have no business with the child's identity.
 */
export const newChildRecordOfficeCode = carelineOfficeCode;

/** The most candidates the worker is shown. */
export const personMatchLimit = 10;

export interface PersonMatchQuery {
  firstName: string;
  lastName?: string | undefined;
  aliases?: readonly string[] | undefined;
  dateOfBirth?: string | null | undefined;
  townName?: string | null | undefined;
}

export interface PersonMatchCandidate {
  firstName: string;
  lastName: string;
  aliases: readonly string[];
  dateOfBirth: string | null;
  townName: string | null;
}

/**
 * A name as compared: compatibility-decomposed (NFKD), accents stripped, lower case, and every
 * character that is not a letter removed, so `José`, `JOSE` and `jo-se` are one name and
 * `O'Brien` is `obrien`.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]+/gu, '');
}

/** The forms of a name that are looked up: the first name alone and, with a last name, the full name. */
export function nameKeys(firstName: string, lastName?: string | null): string[] {
  const first = normalizeName(firstName);
  const last = normalizeName(lastName ?? '');
  return [...new Set([first, last ? first + last : ''].filter((k) => k !== ''))];
}

/** Each alias as compared (empty ones dropped). */
export function aliasKeys(aliases: readonly string[]): string[] {
  return [...new Set(aliases.map(normalizeName).filter((k) => k !== ''))];
}

/**
 * What a candidate matches on, or null when it is not a candidate. A candidate matches on its
 * full name (first and last) or an alias together with its date of birth or town, or on date of
 * birth and town together with the same first name or the same last name. A first name alone, or
 * the first letters of a name, never finds anyone: the search shows children's identities, so it
 * answers only a worker who already knows who the child is.
 */
export function matchPerson(q: PersonMatchQuery, c: PersonMatchCandidate): PersonMatchReason[] | null {
  const qFirst = normalizeName(q.firstName);
  const qLast = normalizeName(q.lastName ?? '');
  const cFirst = normalizeName(c.firstName);
  const cLast = normalizeName(c.lastName);
  const qAliases = aliasKeys(q.aliases ?? []);
  const cAliases = aliasKeys(c.aliases);
  const qNames = nameKeys(q.firstName, q.lastName);
  const cNames = nameKeys(c.firstName, c.lastName);

  const name = qFirst !== '' && qLast !== '' && qFirst + qLast === cFirst + cLast;
  const alias = qAliases.some((a) => cNames.includes(a) || cAliases.includes(a)) || qNames.some((n) => cAliases.includes(n));
  const dateOfBirth = !!q.dateOfBirth && q.dateOfBirth === c.dateOfBirth;
  const town = !!q.townName && !!c.townName && normalizeName(q.townName) === normalizeName(c.townName);
  const partial = (qLast !== '' && qLast === cLast) || (qFirst !== '' && qFirst === cFirst);

  const matched = ((name || alias) && (dateOfBirth || town)) || (dateOfBirth && town && partial);
  if (!matched) return null;
  const on: Record<PersonMatchReason, boolean> = { name, alias, dateOfBirth, town };
  return personMatchReasons.filter((r) => on[r]);
}

/** Best first: the most things matched; then by name, for a stable order. */
export function rankMatches<T extends { matchedOn: readonly PersonMatchReason[]; firstName: string; lastName: string }>(list: readonly T[]): T[] {
  return [...list]
    .sort((a, b) => b.matchedOn.length - a.matchedOn.length || normalizeName(a.lastName + a.firstName).localeCompare(normalizeName(b.lastName + b.firstName)))
    .slice(0, personMatchLimit);
}

/**
 * CF-1: what the Careline sees of a possible earlier child before linking: initials and the
 * birth year, with the town and the earlier referral numbers beside them: enough to ask the
 * caller and decide, not enough to learn who the child is. "Marisol Quintero-Ávila" -> "M. Q.".
 */
export function matchInitials(firstName: string, lastName: string): string {
  const first = (name: string) => [...name.trim()][0]?.toLocaleUpperCase('en') ?? '';
  return [first(firstName), first(lastName)].filter((c) => c !== '').map((c) => `${c}.`).join(' ');
}

export function birthYearOf(dateOfBirth: string | null | undefined): number | null {
  const m = dateOfBirth ? /^(\d{4})-/.exec(dateOfBirth) : null;
  return m ? Number(m[1]) : null;
}

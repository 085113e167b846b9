import { z } from 'zod';
import { pageOf, pageQueryFields, pastDate, shortText } from './common.js';

/** A person is one real human across referrals: a child, reporter, caregiver or alleged exploiter. */
export const personKinds = ['child', 'reporter', 'caregiver', 'alleged_exploiter'] as const;
export const genders = ['female', 'male', 'transgender_female', 'transgender_male', 'nonbinary', 'unknown'] as const;

export const personView = z.object({
  id: z.uuid(),
  kind: z.enum(personKinds),
  firstName: z.string(),
  lastName: z.string(),
  aliases: z.array(z.string()),
  dateOfBirth: z.string().nullable(),
  gender: z.enum(genders),
  townName: z.string().nullable(),
  officeId: z.uuid(),
  officeCode: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type PersonView = z.infer<typeof personView>;

export const personSummary = personView.pick({ id: true, kind: true, firstName: true, lastName: true, officeCode: true, townName: true });

export const createPersonBody = z.strictObject({
  kind: z.enum(personKinds),
  firstName: shortText(80),
  lastName: shortText(80),
  aliases: z.array(shortText(80)).max(20).default([]),
  dateOfBirth: pastDate.nullable(),
  gender: z.enum(genders),
  townName: z.string().max(80).nullable(),
  officeId: z.uuid(),
});
export type CreatePersonBody = z.infer<typeof createPersonBody>;

export const updatePersonBody = z.strictObject({
  firstName: shortText(80).optional(),
  lastName: shortText(80).optional(),
  aliases: z.array(shortText(80)).max(20).optional(),
  dateOfBirth: pastDate.nullable().optional(),
  gender: z.enum(genders).optional(),
  townName: z.string().max(80).nullable().optional(),
  version: z.number().int().min(1),
});
export type UpdatePersonBody = z.infer<typeof updatePersonBody>;

/**
 * The people list: newest first (names are sealed, so the database cannot order by them), a page
 * at a time; filter by kind, and search by name (`q`): a first name, a first and last name ("Maria
 * Lopez" or "Lopez, Maria") or an alias, compared whole without regard to case, accents or
 * punctuation (names are found through their keyed blind indexes, never read in clear by the database).
 */
export const personListQuery = z.strictObject({ ...pageQueryFields, kind: z.enum(personKinds).optional(), q: z.string().trim().min(1).max(80).optional() });
export type PersonListQuery = z.infer<typeof personListQuery>;
export const personPage = pageOf(personView);

import { aliasKeys, nameKeys, normalizeName } from '@harbor/policy';
import { eq } from 'drizzle-orm';
import type { Vault } from '../crypto/index.js';
import type { UnitDb as DbOrTx } from '../data/index.js';
import { personMatchKeys } from '../db/schema.js';

/**
 * A person's identifying fields, kept only sealed in `people.identity` (bound to the row), with
 * keyed blind indexes in `person_match_keys` for the repeat-victim search.
 */
export interface Identity {
  firstName: string;
  lastName: string;
  aliases: string[];
  dateOfBirth: string | null;
}

export const matchKeyKinds = ['name', 'alias', 'dob', 'town'] as const;
export type MatchKeyKind = (typeof matchKeyKinds)[number];

const at = (personId: string) => ({ table: 'people', column: 'identity', rowId: personId });

export function sealIdentity(vault: Vault, personId: string, identity: Identity): string {
  const { firstName, lastName, aliases, dateOfBirth } = identity;
  return vault.sealJson({ firstName, lastName, aliases, dateOfBirth }, at(personId));
}

export function openIdentity(vault: Vault, personId: string, sealed: string): Identity {
  return vault.openJson<Identity>(sealed, at(personId));
}

export function matchKeysOf(identity: Identity, townName: string | null): { kind: MatchKeyKind; value: string }[] {
  const keys: { kind: MatchKeyKind; value: string }[] = [
    ...nameKeys(identity.firstName, identity.lastName).map((value) => ({ kind: 'name' as const, value })),
    ...aliasKeys(identity.aliases).map((value) => ({ kind: 'alias' as const, value })),
  ];
  if (identity.dateOfBirth) keys.push({ kind: 'dob', value: identity.dateOfBirth });
  const town = townName ? normalizeName(townName) : '';
  if (town) keys.push({ kind: 'town', value: town });
  return keys;
}

/** The blind-index rows of a person (one per kind and value). */
export function matchKeyRows(vault: Vault, personId: string, identity: Identity, townName: string | null): (typeof personMatchKeys.$inferInsert)[] {
  const rows = matchKeysOf(identity, townName).map((k) => ({ personId, kind: k.kind, hash: vault.index(k.kind, k.value) }));
  return [...new Map(rows.map((r) => [`${r.kind}:${r.hash}`, r])).values()];
}

/** Replaces a person's blind indexes with those of their current identity and town. */
export async function writeMatchKeys(tx: DbOrTx, vault: Vault, personId: string, identity: Identity, townName: string | null): Promise<void> {
  await tx.delete(personMatchKeys).where(eq(personMatchKeys.personId, personId));
  const rows = matchKeyRows(vault, personId, identity, townName);
  if (rows.length > 0) await tx.insert(personMatchKeys).values(rows);
}

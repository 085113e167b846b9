import { criticalIncidentPartyKinds, noticeRules, type PartyKind } from '../careline/notices.js';
import { roleDefs, type Role } from './roles.js';

/**
 * CF-1: administrators run the system and never read a child's record (`permissions.ts`). Two
 * administrative changes would still hand one a child's identity: pointing the address of a party
 * that receives documents naming a child at themselves, or giving an account (their own, or a
 * "puppet" they create) reach to child records beyond one office. Those changes take effect only
 * when a second administrator approves them; this module says which changes they are.
 */

/**
 * Parties whose mail names a child: every DCF-737 recipient (each child's initials, age, gender,
 * town, allegations and indicators, with the referral number) and every party the DCF-823 may go to
 * (children's names and dates of birth). A change of their address waits for a second administrator.
 */
export const childDocumentPartyKinds: readonly PartyKind[] = [
  ...new Set<PartyKind>([...noticeRules.filter((r) => r.means === 'dcf737').map((r) => r.party), ...criticalIncidentPartyKinds]),
];

export const namesChildren = (kind: string): boolean => (childDocumentPartyKinds as readonly string[]).includes(kind);

/** Parties inside the agency: their addresses must be in the agency's own mail domains. */
export const internalPartyKinds: readonly PartyKind[] = ['hart_director', 'hart_lead'];

export const isInternalParty = (kind: string): boolean => (internalPartyKinds as readonly string[]).includes(kind);

/** What an account reaches, as far as approval is concerned. A disabled account reaches nothing. */
export interface AccountReach {
  readonly roles: readonly Role[];
  /** The region of the account's office (a region-wide role reaches nothing wider without one). */
  readonly regionCode: string | null;
  readonly enabled: boolean;
}

/**
 * The account's reach to child records beyond one office, one entry per role: `hart_director:
 * statewide`, `hart_lead: region R4`. Empty for office, assigned and no reach.
 */
export function wideReach(account: AccountReach): string[] {
  if (!account.enabled) return [];
  const out: string[] = [];
  for (const role of account.roles) {
    const scope = roleDefs[role].scope;
    if (scope === 'statewide') out.push(`${role}: statewide`);
    else if (scope === 'region' && account.regionCode) out.push(`${role}: region ${account.regionCode}`);
  }
  return [...new Set(out)].sort();
}

/**
 * CF-1: the wide reach a change gives that the account did not have before (none before for a new
 * account). Not empty: the change waits for a second administrator. Narrowing reach never waits.
 */
export function reachGained(before: AccountReach | null, after: AccountReach): string[] {
  const had = new Set(before ? wideReach(before) : []);
  return wideReach(after).filter((r) => !had.has(r));
}

/** The domain of an e-mail address, lower-cased ('' if it has none). */
export function mailDomain(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).trim().toLowerCase();
}

/** Whether an address is in one of the agency's mail domains (exactly; not a subdomain, not a look-alike). */
export function inAgencyDomains(address: string, domains: readonly string[]): boolean {
  const d = mailDomain(address);
  return d !== '' && domains.some((x) => x.trim().toLowerCase() === d);
}

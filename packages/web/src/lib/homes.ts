import { roleDefs, type Role } from '@harbor/policy';

/**
 * The home pages of the web app, one per `home` of the policy pack's roles (`/` opens the home
 * of the user's first role). A unit test keeps this list in step with the policy pack.
 */
export const homes = ['careline', 'casework', 'supervision', 'hart', 'hart-director', 'mdt', 'eligibility', 'training', 'admin', 'audit'] as const;
export type Home = (typeof homes)[number];

export const isHome = (value: string): value is Home => (homes as readonly string[]).includes(value);

/** The home of a role, as the policy pack names it. */
export function homeOfRole(role: Role): Home {
  const home = roleDefs[role].home;
  return isHome(home) ? home : 'casework';
}

/** The distinct homes of a user's roles, in the order of the roles. */
export function homesOf(roles: readonly Role[]): Home[] {
  return [...new Set(roles.map(homeOfRole))];
}

export const homePath = (home: Home): string => `/${home}`;

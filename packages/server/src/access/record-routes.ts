/**
 * CF-1: record routes are the routes with a child record's id in their path. On them a caller
 * whose role may never use the route and a caller whose role may, but who is outside the
 * record's reach, get the same answer: 404 "No such <record>, or you do not have access to it",
 * word for word what the service answers for a record out of reach. A 403 would tell the first
 * caller nothing the second does not learn, but two different answers let a prober tell a
 * permission refusal from a record's absence; one answer for both keeps that question closed.
 *
 * Routes on staff, offices, the partner directory and HART teams hold no child data: a refusal
 * there stays 403.
 */
const recordRoutes: readonly { readonly prefix: string; readonly noun: string }[] = [
  { prefix: '/api/referrals/:', noun: 'referral' },
  { prefix: '/api/cases/:', noun: 'case' },
  { prefix: '/api/people/:', noun: 'person' },
  { prefix: '/api/consults/:', noun: 'consult' },
  { prefix: '/api/obligations/:', noun: 'duty' },
  { prefix: '/api/timeline/referral/:', noun: 'referral' },
  { prefix: '/api/timeline/case/:', noun: 'case' },
  { prefix: '/api/investigations/:referralId/items/', noun: 'investigation item' },
  { prefix: '/api/investigations/:', noun: 'investigation' },
  { prefix: '/api/hart/support/:', noun: 'support request' },
];

/** The record a route's path names (the first prefix that fits: the longer ones come first) ('person', 'duty' ...), or null when it is not a record route. */
export function recordRouteNoun(routeUrl: string | undefined): string | null {
  if (!routeUrl) return null;
  return recordRoutes.find((r) => routeUrl.startsWith(r.prefix))?.noun ?? null;
}

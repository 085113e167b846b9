/**
 * LD-2: what a liaison may ask the region's HART Lead for support on (the policy's list:
 * consults, treatment options, law enforcement, recovery operations), and the states of a
 * request: open (with the Lead), answered (closed by the Lead), escalated (LD-4: with the
 * HART Director), resolved (DR-3: the Director answered).
 */
export const supportKinds = ['consult', 'treatment', 'law_enforcement', 'recovery_operation', 'other'] as const;
export type SupportKind = (typeof supportKinds)[number];

export const supportStatuses = ['open', 'answered', 'escalated', 'resolved'] as const;
export type SupportStatus = (typeof supportStatuses)[number];

export const consultStatuses = ['requested', 'held', 'entered'] as const;
export type ConsultStatus = (typeof consultStatuses)[number];

/**
 * The life of a Careline referral (CL-2): a draft saved as the worker types, submitted, then
 * accepted, or not accepted once a Careline supervisor approves it.
 */
export const referralStatuses = ['draft', 'submitted', 'accepted', 'not_accepted_pending_approval', 'not_accepted'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/** How a party was told (CL-4, CL-5): by phone, or by the DCF-737 or DCF-823 sent by e-mail. */
export const noticeMeansAll = ['phone', 'dcf737', 'dcf823'] as const;
export type NoticeMeansAll = (typeof noticeMeansAll)[number];

/** The referral number people read and say on the phone: `R-2026-000123`. */
export function referralNumber(year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError('The sequence starts at 1');
  return `R-${year}-${String(sequence).padStart(6, '0')}`;
}

/** Who to call back at DCF when the worker's office has no number on file (the Careline's line). */
export const carelineCallbackPhone = '1-800-842-2288';

import type { FieldError } from './common.js';
import type { PartyScope } from './notices.js';
import { locateTown } from './town.js';

/**
 * DR-1, DR-2: the HART Director's statewide queue and triage. Every referral with a DCF-737 sent
 * and every referral flagged with HT characteristics enters the queue, accepted or not; the
 * Director sends it for response by the regional HART team, the MDT (or both), or records no
 * further action with a reason.
 */
export const triageOutcomes = ['regional_hart', 'mdt', 'no_further_action'] as const;
export type TriageOutcome = (typeof triageOutcomes)[number];

export const triageOutcomeLabels: Readonly<Record<TriageOutcome, string>> = {
  regional_hart: 'Regional HART team response',
  mdt: 'Multidisciplinary team (MDT) review',
  no_further_action: 'No further action',
};

export interface QueueFacts {
  readonly dcf737Sent: boolean;
  readonly htCharacteristics: boolean;
  /** Not used to decide: a non-accepted referral enters the queue like an accepted one (DR-2). */
  readonly decision?: 'accepted' | 'not_accepted' | null;
}

/** DR-1: whether a referral enters the HART Director's statewide queue, and why. */
export function entersStatewideQueue(facts: QueueFacts): { enters: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (facts.dcf737Sent) reasons.push('A DCF-737 was sent');
  if (facts.htCharacteristics) reasons.push('The referral has HT characteristics');
  return { enters: reasons.length > 0, reasons };
}

export interface TriageInput {
  readonly outcomes: readonly string[];
  readonly reason?: string | null;
}

/** DR-2: field errors of a triage: at least one outcome, no further action stands alone and needs a reason. */
export function checkTriage(input: TriageInput): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set<string>(triageOutcomes);
  const unknown = input.outcomes.filter((o) => !known.has(o));
  if (unknown.length > 0) errors.push({ field: 'outcomes', message: `Unknown triage outcome: ${unknown.join(', ')}` });
  if (input.outcomes.length === 0) errors.push({ field: 'outcomes', message: 'Choose the regional HART team, the MDT, or no further action' });
  if (new Set(input.outcomes).size !== input.outcomes.length) errors.push({ field: 'outcomes', message: 'Each outcome can be chosen once' });
  if (input.outcomes.includes('no_further_action')) {
    if (input.outcomes.length > 1) errors.push({ field: 'outcomes', message: 'No further action cannot be combined with a referral to a team' });
    if (!input.reason?.trim()) errors.push({ field: 'reason', message: 'Give the reason no further action is needed' });
  }
  return errors;
}

export interface TriageTarget {
  readonly outcome: TriageOutcome;
  readonly resolveBy: PartyScope;
  readonly resolveKey: string;
}

/** DR-2: which team each outcome goes to, as a directory key for the referral's town. */
export function triageTargets(outcomes: readonly TriageOutcome[], townName: string): TriageTarget[] {
  const town = locateTown(townName);
  if (!town) throw new RangeError(`Not a Connecticut town: ${townName}`);
  return outcomes.flatMap((outcome): TriageTarget[] => {
    switch (outcome) {
      case 'regional_hart':
        return [{ outcome, resolveBy: 'region', resolveKey: town.region.code }];
      case 'mdt':
        return [{ outcome, resolveBy: 'judicial_district', resolveKey: town.judicialDistrict.code }];
      case 'no_further_action':
        return [];
    }
  });
}

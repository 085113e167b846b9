import { htCharacteristics, type HtCharacteristics } from './indicators.js';
import { htCategories } from './maltreatment.js';

/**
 * CL-1 over a whole referral: it has HT characteristics when one of its children has an indicator, an HT
 * allegation, or is reported prostituted or commercially sexually exploited. A minor in
 * commercial sex is a trafficking victim by definition (seed 000: "has not attained 18 years of
 * age"), so that report also makes trafficking evident (CL-5).
 */
export interface ChildFlags {
  readonly indicators?: readonly string[] | null;
  readonly allegations?: readonly string[] | null;
  readonly prostitutedOrCse?: boolean | null;
}

export interface ReferralHtCharacteristics extends HtCharacteristics {
  /** Why the referral is flagged, in words for the worker and the HART Director. */
  readonly reasons: string[];
}

export function referralHtCharacteristics(children: readonly ChildFlags[]): ReferralHtCharacteristics {
  const byIndicators = htCharacteristics([...new Set(children.flatMap((c) => c.indicators ?? []))]);
  const cse = children.some((c) => c.prostitutedOrCse === true);
  const htAllegation = children.some((c) => (c.allegations ?? []).some((a) => (htCategories as readonly string[]).includes(a)));
  const reasons: string[] = [];
  if (byIndicators.flagged) reasons.push('HT indicators were recorded');
  if (htAllegation) reasons.push('a human-trafficking maltreatment category was recorded');
  if (cse) reasons.push('a child is reported prostituted or commercially sexually exploited');
  const forms = new Set(byIndicators.forms);
  if (cse) forms.add('sex');
  return {
    flagged: reasons.length > 0,
    domains: byIndicators.domains,
    evident: byIndicators.evident || cse,
    forms: (['sex', 'labor'] as const).filter((f) => forms.has(f)),
    reasons,
  };
}

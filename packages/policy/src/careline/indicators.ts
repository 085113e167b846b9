import type { FieldError } from './common.js';

/**
 * CL-1: the human-trafficking (HT) indicator checklist of the Careline, in Harbor's own words
 * (not a copy of a proprietary screening tool). A single indicator gives the referral "HT
 * characteristics" for tracking, whether or not it is accepted. Indicators marked `evident` are
 * facts, not risk factors: with one of them, trafficking is evident when the report is made and a
 * Critical Incident is generated (CL-5).
 */

export const indicatorDomains = [
  { code: 'exploitation', label: 'Evidence of exploitation' },
  { code: 'control', label: 'Control by another person' },
  { code: 'missing', label: 'Runaway and missing history' },
  { code: 'money', label: 'Money, gifts or possessions without explanation' },
  { code: 'online', label: 'Online and phone activity' },
  { code: 'health', label: 'Physical and health signs' },
  { code: 'labor', label: 'Work and labor conditions' },
  { code: 'statements', label: 'What the child says and who the child is with' },
] as const;
export type IndicatorDomain = (typeof indicatorDomains)[number]['code'];

/** Which form of trafficking an indicator points to. */
export type TraffickingForm = 'sex' | 'labor' | 'both';

export interface IndicatorDef {
  readonly code: string;
  readonly domain: IndicatorDomain;
  readonly label: string;
  readonly hint?: string;
  readonly form: TraffickingForm;
  /** Trafficking is evident, not merely suspected, when this is reported (CL-5). */
  readonly evident?: boolean;
}

export const indicators = [
  // Evidence of exploitation
  { code: 'sold_or_exchanged_for_sex', domain: 'exploitation', form: 'sex', evident: true,
    label: 'The child is known to have been sold or traded for sex',
    hint: 'Anything of value given or received for a sex act with the child: money, drugs, food, a place to stay, a ride.' },
  { code: 'exploiter_or_buyer_identified', domain: 'exploitation', form: 'both', evident: true,
    label: 'A person who bought, sold or profited from the child has been identified' },
  { code: 'recovered_in_operation', domain: 'exploitation', form: 'both', evident: true,
    label: 'The child was recovered in a law-enforcement operation' },
  { code: 'arrested_for_prostitution', domain: 'exploitation', form: 'sex', evident: true,
    label: 'The child was arrested or detained for prostitution (Gen. Stat. 53a-82)',
    hint: 'A minor in commercial sex is a victim of sex trafficking; no force, fraud or coercion needs to be shown.' },
  { code: 'advertised_online_for_sex', domain: 'exploitation', form: 'sex',
    label: 'The child appears in online ads for escort, massage or dating services' },
  { code: 'sexual_images_traded', domain: 'exploitation', form: 'sex',
    label: 'Sexual images or videos of the child are being made, sold or traded' },
  { code: 'found_where_sex_is_sold', domain: 'exploitation', form: 'sex',
    label: 'The child was found at a hotel, motel, street or party known for commercial sex',
    hint: 'With no good reason to be there, or at hours that do not fit the child’s age.' },
  { code: 'nightly_quota', domain: 'exploitation', form: 'both',
    label: 'The child must bring back a set amount of money each night or day' },

  // Control by another person
  { code: 'someone_speaks_for_child', domain: 'control', form: 'both',
    label: 'Someone else answers for the child, or the child’s answers sound rehearsed' },
  { code: 'documents_held_by_other', domain: 'control', form: 'both',
    label: 'Someone else keeps the child’s ID, passport or birth certificate' },
  { code: 'movements_watched', domain: 'control', form: 'both',
    label: 'Another person watches or limits the child’s phone, movements or contacts' },
  { code: 'threats_if_leaves', domain: 'control', form: 'both',
    label: 'The child or the child’s family was threatened with harm if the child leaves or talks' },
  { code: 'owes_debt', domain: 'control', form: 'both',
    label: 'The child says they owe money to the person they stay or work with',
    hint: 'For travel, rent, food or a phone, and the amount never seems to go down.' },
  { code: 'afraid_of_person_or_police', domain: 'control', form: 'both',
    label: 'The child is afraid of a particular person, or of what happens if they talk to the police' },
  { code: 'moved_by_others', domain: 'control', form: 'both',
    label: 'Someone else moves the child between towns, hotels or states' },
  { code: 'cut_off_from_family', domain: 'control', form: 'both',
    label: 'Another person has cut the child off from family, school or friends' },

  // Runaway and missing history
  { code: 'repeated_runaway', domain: 'missing', form: 'both',
    label: 'The child has run away or gone missing from home or placement more than once' },
  { code: 'missing_now', domain: 'missing', form: 'both',
    label: 'The child is missing now, or nobody knows where the child is staying' },
  { code: 'returns_changed', domain: 'missing', form: 'both',
    label: 'The child comes back from time away with injuries, new things or a story that does not fit' },
  { code: 'found_far_from_home', domain: 'missing', form: 'both',
    label: 'The child was found out of town or out of state with no account of how they got there' },
  { code: 'no_stable_home', domain: 'missing', form: 'both',
    label: 'The child has no stable place to stay (couch-surfing, street, adults who are not family)' },

  // Money, gifts or possessions without explanation
  { code: 'unexplained_cash', domain: 'money', form: 'both',
    label: 'The child has cash, bank or prepaid cards they cannot account for' },
  { code: 'unexplained_goods', domain: 'money', form: 'sex',
    label: 'The child has new clothes, jewellery, hair, nails or electronics beyond their means' },
  { code: 'hotel_keys_or_supplies', domain: 'money', form: 'sex',
    label: 'The child carries hotel key cards, many condoms or other sex-trade supplies' },
  { code: 'gifts_with_strings', domain: 'money', form: 'both',
    label: 'An adult gives the child gifts, rides, drugs or a place to stay and expects something back' },

  // Online and phone activity
  { code: 'second_phone', domain: 'online', form: 'both',
    label: 'The child has a second phone, or a phone or account that someone else controls' },
  { code: 'meets_online_adults', domain: 'online', form: 'sex',
    label: 'The child talks online with adults they do not know, or goes to meet them' },
  { code: 'sexual_content_online', domain: 'online', form: 'sex',
    label: 'The child posts, or is pressed to send, sexual photos or videos' },
  { code: 'offers_of_easy_money', domain: 'online', form: 'both',
    label: 'The child received offers of modelling, dancing, travel or quick money' },

  // Physical and health signs
  { code: 'repeated_sti_or_pregnancy', domain: 'health', form: 'sex',
    label: 'Repeated sexually transmitted infections, pregnancies or requests for emergency contraception' },
  { code: 'unexplained_injuries', domain: 'health', form: 'both',
    label: 'Injuries the child cannot or will not explain, or marks of beating, burns or restraint' },
  { code: 'ownership_tattoo', domain: 'health', form: 'sex',
    label: 'A tattoo, brand or mark that signals that someone owns the child',
    hint: 'A name, initials, a crown, a dollar sign, a barcode, or words such as “property of”.' },
  { code: 'substances_supplied', domain: 'health', form: 'both',
    label: 'Drug or alcohol use that started or grew suddenly, or drugs supplied by an adult' },
  { code: 'exhaustion_or_neglected_health', domain: 'health', form: 'both',
    label: 'Exhaustion, hunger or untreated medical or dental problems' },

  // Work and labor conditions
  { code: 'long_hours_little_pay', domain: 'labor', form: 'labor',
    label: 'The child works long hours, at night or in school hours, for little or no pay' },
  { code: 'lives_at_workplace', domain: 'labor', form: 'labor',
    label: 'The child lives where they work, or the employer decides where they live' },
  { code: 'dangerous_work', domain: 'labor', form: 'labor',
    label: 'The child does dangerous work for their age, or without safety equipment' },
  { code: 'earnings_kept_by_other', domain: 'labor', form: 'labor',
    label: 'Someone else collects the child’s pay, or the child cannot keep what they earn' },
  { code: 'street_selling_for_adult', domain: 'labor', form: 'labor',
    label: 'The child sells goods or begs door to door or on the street for an adult who keeps the money' },
  { code: 'forced_to_carry_or_sell_drugs', domain: 'labor', form: 'labor',
    label: 'The child is made to carry or sell drugs, or commit other crimes, for someone else' },

  // What the child says and who the child is with
  { code: 'much_older_partner', domain: 'statements', form: 'sex',
    label: 'The child has a much older boyfriend or girlfriend who buys them things or controls them' },
  { code: 'uses_sex_trade_words', domain: 'statements', form: 'sex',
    label: 'The child uses words of the sex trade (such as “the life”, “the game”, “the track”, “daddy”, “quota”)' },
  { code: 'describes_being_made_to_work_or_have_sex', domain: 'statements', form: 'both',
    label: 'The child describes being made to have sex or to work for someone else’s gain' },
  { code: 'inconsistent_story', domain: 'statements', form: 'both',
    label: 'The child’s account of their age, home or journey changes, or they carry false ID showing an older age' },
  { code: 'peers_exploited', domain: 'statements', form: 'both',
    label: 'Friends or siblings of the child are known to be in commercial sex or exploited work' },
] as const satisfies readonly IndicatorDef[];

export type IndicatorCode = (typeof indicators)[number]['code'];
export const indicatorCodes: readonly IndicatorCode[] = indicators.map((i) => i.code);

const byCode: ReadonlyMap<string, IndicatorDef> = new Map<string, IndicatorDef>(indicators.map((i) => [i.code, i]));

export function isIndicatorCode(code: string): code is IndicatorCode {
  return byCode.has(code);
}

export function indicatorDef(code: IndicatorCode): IndicatorDef {
  const def = byCode.get(code);
  if (!def) throw new RangeError(`Unknown HT indicator: ${code}`);
  return def;
}

/** CL-1: field errors for a selection of indicators: codes not on the checklist, or chosen twice. */
export function checkIndicators(codes: readonly string[], field = 'indicators'): FieldError[] {
  const errors: FieldError[] = [];
  const unknown = unknownIndicatorCodes(codes);
  if (unknown.length > 0) errors.push({ field, message: `Not on the HT indicator checklist: ${unknown.join(', ')}` });
  if (new Set(codes).size !== codes.length) errors.push({ field, message: 'Choose each indicator once' });
  return errors;
}

/** The codes in a selection that are not on the checklist, in the order given. */
export function unknownIndicatorCodes(codes: readonly string[]): string[] {
  return codes.filter((c) => !byCode.has(c));
}

export interface HtCharacteristics {
  /** CL-1: a single indicator flags the referral for tracking, accepted or not. */
  readonly flagged: boolean;
  /** The domains touched, in checklist order. */
  readonly domains: IndicatorDomain[];
  /** CL-5: at least one indicator shows trafficking is evident when the report is made. */
  readonly evident: boolean;
  /** The forms of trafficking the indicators point to ('both' counts for sex and labor). */
  readonly forms: ('sex' | 'labor')[];
}

/** CL-1: the HT characteristics of a set of selected indicators. Throws on a code not on the checklist. */
export function htCharacteristics(selectedCodes: readonly string[]): HtCharacteristics {
  const unknown = unknownIndicatorCodes(selectedCodes);
  if (unknown.length > 0) throw new RangeError(`Unknown HT indicator: ${unknown.join(', ')}`);
  const selected = new Set(selectedCodes);
  const chosen = indicators.filter((i) => selected.has(i.code));
  const domainSet = new Set<IndicatorDomain>(chosen.map((i) => i.domain));
  const forms = new Set(chosen.flatMap((i) => (i.form === 'both' ? ['sex', 'labor'] : [i.form])));
  return {
    flagged: chosen.length > 0,
    domains: indicatorDomains.map((d) => d.code).filter((d) => domainSet.has(d)),
    evident: chosen.some((i: IndicatorDef) => i.evident === true),
    forms: (['sex', 'labor'] as const).filter((f) => forms.has(f)),
  };
}

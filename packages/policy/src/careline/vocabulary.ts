import type { genders } from '../api/people.js';

/**
 * The words of a Careline referral (issue 3, item 1), as codes with the labels users see. Pure
 * data; the API schemas (`api/referrals.ts`) and the web form are built from it.
 */

export const referralChannels = ['phone', 'law_enforcement', 'mandated_reporter_email_fax', 'walk_in', 'other'] as const;
export type ReferralChannel = (typeof referralChannels)[number];
export const referralChannelLabels: Readonly<Record<ReferralChannel, string>> = {
  phone: 'Phone call to the Careline',
  law_enforcement: 'Law-enforcement report',
  mandated_reporter_email_fax: 'Mandated reporter e-mail or fax',
  walk_in: 'Walk-in',
  other: 'Other',
};

/** Who the reporter is to the child. */
export const reporterRelationships = [
  'parent_or_caregiver',
  'relative',
  'foster_parent',
  'the_child',
  'friend_or_neighbor',
  'professional',
  'law_enforcement',
  'community_member',
  'other',
] as const;
export type ReporterRelationship = (typeof reporterRelationships)[number];
export const reporterRelationshipLabels: Readonly<Record<ReporterRelationship, string>> = {
  parent_or_caregiver: 'Parent or caregiver',
  relative: 'Relative',
  foster_parent: 'Foster parent',
  the_child: 'The child',
  friend_or_neighbor: 'Friend or neighbor',
  professional: 'Professional working with the child',
  law_enforcement: 'Law enforcement',
  community_member: 'Member of the community',
  other: 'Other',
};

/** Mandated reporters by occupation (Conn. Gen. Stat. 17a-101), grouped as the Careline asks. */
export const mandatedReporterTypes = [
  'police_officer',
  'school_staff',
  'physician_nurse_or_medical',
  'mental_health_professional',
  'social_worker',
  'dcf_employee',
  'child_care_provider',
  'emergency_medical_services',
  'juvenile_or_adult_probation',
  'victim_advocate_or_counselor',
  'clergy',
  'other_mandated_reporter',
] as const;
export type MandatedReporterType = (typeof mandatedReporterTypes)[number];
export const mandatedReporterTypeLabels: Readonly<Record<MandatedReporterType, string>> = {
  police_officer: 'Police officer',
  school_staff: 'School employee',
  physician_nurse_or_medical: 'Physician, nurse or other medical provider',
  mental_health_professional: 'Mental health professional',
  social_worker: 'Social worker',
  dcf_employee: 'DCF employee',
  child_care_provider: 'Child care provider',
  emergency_medical_services: 'Emergency medical services',
  juvenile_or_adult_probation: 'Juvenile or adult probation officer',
  victim_advocate_or_counselor: 'Victim advocate or sexual assault counselor',
  clergy: 'Member of the clergy',
  other_mandated_reporter: 'Other mandated reporter',
};

/** Race: a child may have several. */
export const races = [
  'american_indian_or_alaska_native',
  'asian',
  'black_or_african_american',
  'middle_eastern_or_north_african',
  'native_hawaiian_or_pacific_islander',
  'white',
  'other',
  'unknown',
  'declined',
] as const;
export type Race = (typeof races)[number];
export const raceLabels: Readonly<Record<Race, string>> = {
  american_indian_or_alaska_native: 'American Indian or Alaska Native',
  asian: 'Asian',
  black_or_african_american: 'Black or African American',
  middle_eastern_or_north_african: 'Middle Eastern or North African',
  native_hawaiian_or_pacific_islander: 'Native Hawaiian or Pacific Islander',
  white: 'White',
  other: 'Other',
  unknown: 'Unknown',
  declined: 'Declined to say',
};

export const ethnicities = ['hispanic_or_latino', 'not_hispanic_or_latino', 'unknown', 'declined'] as const;
export type Ethnicity = (typeof ethnicities)[number];
export const ethnicityLabels: Readonly<Record<Ethnicity, string>> = {
  hispanic_or_latino: 'Hispanic or Latino',
  not_hispanic_or_latino: 'Not Hispanic or Latino',
  unknown: 'Unknown',
  declined: 'Declined to say',
};

/** A child who is not a U.S. citizen brings in the Eligibility Certification Coordinator (IN-7). */
export const citizenshipStatuses = ['us_citizen', 'not_us_citizen', 'unknown'] as const;
export type CitizenshipStatus = (typeof citizenshipStatuses)[number];
export const citizenshipLabels: Readonly<Record<CitizenshipStatus, string>> = {
  us_citizen: 'U.S. citizen',
  not_us_citizen: 'Not a U.S. citizen',
  unknown: 'Unknown',
};

/** Where the child lives when reported; counted for yearly statistics (TK-1, TK-3). */
export const livingSituations = [
  'home',
  'relative',
  'foster_home',
  'congregate_care',
  'missing_from_care',
  'homeless',
  'detention',
  'other',
] as const;
export type LivingSituation = (typeof livingSituations)[number];
export const livingSituationLabels: Readonly<Record<LivingSituation, string>> = {
  home: 'At home with a parent or guardian',
  relative: 'With a relative',
  foster_home: 'Foster home',
  congregate_care: 'Congregate care (group home, residential program, shelter)',
  missing_from_care: 'Missing from care (AWOL)',
  homeless: 'Homeless or without a stable place to stay',
  detention: 'Juvenile detention',
  other: 'Other',
};

/** Who the alleged exploiter is to the child. None of them is needed to accept (CL-2). */
export const exploiterRelationships = [
  'parent',
  'step_parent',
  'legal_guardian',
  'relative',
  'foster_parent',
  'other_caregiver',
  'intimate_partner',
  'friend_or_acquaintance',
  'online_contact',
  'employer',
  'facility_staff',
  'dcf_employee',
  'stranger',
  'unknown',
  'other',
] as const;
export type ExploiterRelationship = (typeof exploiterRelationships)[number];
export const exploiterRelationshipLabels: Readonly<Record<ExploiterRelationship, string>> = {
  parent: 'Parent',
  step_parent: 'Step-parent',
  legal_guardian: 'Legal guardian',
  relative: 'Other relative',
  foster_parent: 'Licensed foster parent',
  other_caregiver: 'Other person entrusted with the child’s care',
  intimate_partner: 'Boyfriend, girlfriend or partner',
  friend_or_acquaintance: 'Friend or acquaintance',
  online_contact: 'Someone met online',
  employer: 'Employer or work supervisor',
  facility_staff: 'Staff of a program or facility caring for the child',
  dcf_employee: 'DCF employee',
  stranger: 'Stranger',
  unknown: 'Unknown',
  other: 'Other',
};

/** The relationships that make the exploiter a parent, guardian or caregiver (CL-2 does not require one). */
export const caregiverRelationships: readonly ExploiterRelationship[] = [
  'parent',
  'step_parent',
  'legal_guardian',
  'foster_parent',
  'other_caregiver',
];

export const placeTypes = ['hotel_motel', 'online_platform', 'residence', 'street', 'business', 'other'] as const;
export type PlaceType = (typeof placeTypes)[number];
export const placeTypeLabels: Readonly<Record<PlaceType, string>> = {
  hotel_motel: 'Hotel or motel',
  online_platform: 'Online platform or app',
  residence: 'Residence',
  street: 'Street or public place',
  business: 'Business (store, restaurant, salon, farm, other workplace)',
  other: 'Other',
};

export type Gender = (typeof genders)[number];

/** Gender, in the words documents print (the codes are `genders` of `api/people.ts`). */
export const genderLabels: Readonly<Record<Gender, string>> = {
  female: 'Female',
  male: 'Male',
  transgender_female: 'Transgender female',
  transgender_male: 'Transgender male',
  nonbinary: 'Nonbinary',
  unknown: 'Unknown',
};

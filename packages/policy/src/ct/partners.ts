import { judicialDistricts, regions, towns } from './geography.js';

/**
 * The partner directory the notices of CL-4 are sent to, seeded with synthetic contacts (example
 * domains, 555-01xx numbers): a police department for every town, a HART Lead per region (at
 * the regional office), an MDT per judicial district, and the statewide parties. Administrators
 * edit the real contacts in; `code` keeps the seed idempotent.
 */
export const partnerAgencyKinds = [
  'police_department',
  'hart_lead',
  'hart_director',
  'fbi_field_office',
  'chief_states_attorney',
  'mdt',
  'hospital',
  'other',
] as const;
export type PartnerAgencyKind = (typeof partnerAgencyKinds)[number];

export interface PartnerAgencySeed {
  readonly code: string;
  readonly kind: PartnerAgencyKind;
  readonly name: string;
  readonly townName: string | null;
  readonly regionCode: string | null;
  readonly judicialDistrictCode: string | null;
  readonly email: string;
  readonly phone: string;
}

/** `New Haven` -> `new-haven`, for synthetic addresses and codes. */
export const townSlug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A fictional number (555-0100 to 555-0199) in one of Connecticut's area codes. */
const phone = (i: number): string => `${['860', '203', '959', '475'][Math.floor(i / 100) % 4]}-555-01${String(i % 100).padStart(2, '0')}`;

export function partnerDirectorySeed(): PartnerAgencySeed[] {
  const none = { townName: null, regionCode: null, judicialDistrictCode: null };
  const police = towns.map((t, i) => ({
    code: `PD-${townSlug(t.name).toUpperCase()}`,
    kind: 'police_department' as const,
    name: `${t.name} Police Department`,
    ...none,
    townName: t.name,
    email: `records@${townSlug(t.name)}-pd.example.gov`,
    phone: phone(i),
  }));
  const hartLeads = regions.map((r, i) => ({
    code: `HART-LEAD-${r.code}`,
    kind: 'hart_lead' as const,
    name: `HART Lead, ${r.name}`,
    ...none,
    regionCode: r.code,
    email: `hart-lead.${r.code.toLowerCase()}@dcf.example.gov`,
    phone: phone(200 + i),
  }));
  const mdts = judicialDistricts.map((j, i) => ({
    code: `MDT-${j.code}`,
    kind: 'mdt' as const,
    name: `Multidisciplinary team, ${j.name} judicial district`,
    ...none,
    judicialDistrictCode: j.code,
    email: `mdt.${townSlug(j.name)}@mdt.example.org`,
    phone: phone(220 + i),
  }));
  const statewide: PartnerAgencySeed[] = [
    { code: 'FBI-NEW-HAVEN', kind: 'fbi_field_office', name: 'FBI New Haven Field Office', ...none, townName: 'New Haven', email: 'ct-child-exploitation@fbi.example.gov', phone: phone(240) },
    { code: 'CHIEF-STATES-ATTORNEY', kind: 'chief_states_attorney', name: 'Office of the Chief State’s Attorney', ...none, townName: 'Rocky Hill', email: 'trafficking@csa.example.gov', phone: phone(241) },
    { code: 'HART-DIRECTOR', kind: 'hart_director', name: 'HART Director', ...none, townName: 'Hartford', email: 'hart-director@dcf.example.gov', phone: phone(242) },
  ];
  return [...police, ...hartLeads, ...mdts, ...statewide, ...designatedHospitals()];
}

/**
 * IN-6: the hospitals designated to assess a trafficked child in their emergency department,
 * a few per region. Synthetic: made-up names in real towns, example addresses. The agency's
 * administrators enter its real designations.
 */
const hospitalTowns: Readonly<Record<string, readonly string[]>> = {
  R1: ['Bridgeport', 'Stamford'],
  R2: ['New Haven', 'Milford'],
  R3: ['Norwich', 'New London'],
  R4: ['Hartford', 'Manchester', 'Enfield'],
  R5: ['Waterbury', 'Danbury', 'Torrington'],
  R6: ['New Britain', 'Meriden', 'Middletown'],
};

export function designatedHospitals(): PartnerAgencySeed[] {
  const none = { townName: null, regionCode: null, judicialDistrictCode: null };
  return regions.flatMap((r) =>
    (hospitalTowns[r.code] ?? []).map((town, i) => ({
      code: `HOSP-${townSlug(town).toUpperCase()}`,
      kind: 'hospital' as const,
      name: `${town} ${i === 0 ? 'Children’s' : 'Community'} Medical Center (designated HT assessment ED)`,
      ...none,
      townName: town,
      regionCode: r.code,
      email: `ed-social-work@${townSlug(town)}-medical.example.org`,
      phone: phone(260 + regions.indexOf(r) * 4 + i),
    })),
  );
}

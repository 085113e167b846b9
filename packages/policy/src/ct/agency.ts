import type { OfficeKind } from '../api/agency.js';
import { areaOffices, regions } from './geography.js';

/**
 * The demo agency modelled on Connecticut DCF: statewide units (Careline, the Special
 * Investigations Unit, HART and central office), one regional office per region and the area
 * offices of `geography.ts`. Codes are stable; names are what users see.
 */
export const agency = { name: 'Department of Children and Families', state: 'CT', timeZone: 'America/New_York' } as const;

export interface OfficeSeed {
  readonly code: string;
  readonly name: string;
  readonly kind: OfficeKind;
  readonly regionCode: string | null;
  readonly townName: string | null;
}

/** The Careline's office code: the statewide hotline unit. */
export const carelineOfficeCode = 'CARELINE';

export const statewideUnits: readonly OfficeSeed[] = [
  { code: 'CO', name: 'Central Office', kind: 'central_office', regionCode: null, townName: 'Hartford' },
  { code: carelineOfficeCode, name: 'Careline', kind: 'careline', regionCode: null, townName: 'Hartford' },
  { code: 'SIU', name: 'Special Investigations Unit', kind: 'siu', regionCode: null, townName: 'Hartford' },
  { code: 'HART', name: 'Human Anti-Trafficking Response Team', kind: 'hart', regionCode: null, townName: 'Hartford' },
];

export function agencyOffices(): OfficeSeed[] {
  const regional: OfficeSeed[] = regions.map((r) => ({
    code: `${r.code}-RO`,
    name: `${r.name} Regional Office`,
    kind: 'regional_office',
    regionCode: r.code,
    townName: null,
  }));
  const area: OfficeSeed[] = areaOffices.map((o) => ({
    code: o.code,
    name: o.name,
    kind: 'area_office',
    regionCode: o.regionCode,
    townName: o.townName,
  }));
  return [...statewideUnits, ...regional, ...area];
}

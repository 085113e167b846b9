import {
  areaOffices,
  judicialDistricts,
  regions,
  towns,
  type AreaOfficeDef,
  type JudicialDistrictDef,
  type RegionDef,
  type TownDef,
} from '../ct/geography.js';

/** What the Careline rules need to know about a Connecticut town: its office, region and court. */
export interface TownFacts {
  readonly town: TownDef;
  readonly areaOffice: AreaOfficeDef;
  readonly region: RegionDef;
  readonly judicialDistrict: JudicialDistrictDef;
  /** The regional office's code, as in `ct/agency.ts` (`R4-RO`). */
  readonly regionalOfficeCode: string;
}

const byName = new Map(towns.map((t) => [t.name.toLowerCase(), t]));

/** The town's facts by name (case and surrounding spaces ignored), or null if it is not a Connecticut town. */
export function locateTown(name: string): TownFacts | null {
  const town = byName.get(name.trim().toLowerCase());
  if (!town) return null;
  const areaOffice = areaOffices.find((o) => o.code === town.areaOfficeCode);
  const region = areaOffice && regions.find((r) => r.code === areaOffice.regionCode);
  const judicialDistrict = judicialDistricts.find((d) => d.code === town.judicialDistrictCode);
  if (!areaOffice || !region || !judicialDistrict) return null; // geography.test.ts keeps this from happening
  return { town, areaOffice, region, judicialDistrict, regionalOfficeCode: `${region.code}-RO` };
}

/** The canonical spelling of a Connecticut town, or null. */
export function connecticutTownName(name: string): string | null {
  return byName.get(name.trim().toLowerCase())?.name ?? null;
}

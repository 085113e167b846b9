import { describe, it, expect } from 'vitest';
import { areaOffices, counties, judicialDistricts, regions, towns } from './geography.js';

function town(name: string) {
  const found = towns.find((t) => t.name === name);
  if (!found) throw new Error(`no town ${name}`);
  return found;
}

describe('Connecticut geography', () => {
  it('has the expected numbers of regions, offices, districts and counties', () => {
    expect(regions).toHaveLength(6);
    expect(areaOffices).toHaveLength(14);
    expect(judicialDistricts).toHaveLength(13);
    expect(counties).toHaveLength(8);
    expect(new Set(regions.map((r) => r.code)).size).toBe(6);
    expect(new Set(areaOffices.map((o) => o.code)).size).toBe(14);
    expect(new Set(judicialDistricts.map((d) => d.code)).size).toBe(13);
    expect(new Set(judicialDistricts.map((d) => d.name)).size).toBe(13);
  });

  it('lists exactly 169 towns with unique names', () => {
    expect(towns).toHaveLength(169);
    expect(new Set(towns.map((t) => t.name)).size).toBe(169);
  });

  it('gives every town a real county, area office and judicial district', () => {
    const officeCodes = new Set(areaOffices.map((o) => o.code));
    const districtCodes = new Set(judicialDistricts.map((d) => d.code));
    for (const t of towns) {
      expect(counties, t.name).toContain(t.county);
      expect(officeCodes.has(t.areaOfficeCode), `${t.name} office ${t.areaOfficeCode}`).toBe(true);
      expect(districtCodes.has(t.judicialDistrictCode), `${t.name} district ${t.judicialDistrictCode}`).toBe(true);
    }
  });

  it('places every area office in an existing region, with its own town mapped to it', () => {
    const regionCodes = new Set(regions.map((r) => r.code));
    for (const office of areaOffices) {
      expect(regionCodes.has(office.regionCode), office.code).toBe(true);
      expect(town(office.townName).areaOfficeCode, office.code).toBe(office.code);
    }
  });

  it('gives every region at least one office and every office at least 5 towns', () => {
    for (const region of regions) {
      expect(areaOffices.some((o) => o.regionCode === region.code), region.code).toBe(true);
    }
    for (const office of areaOffices) {
      const served = towns.filter((t) => t.areaOfficeCode === office.code).length;
      expect(served, office.code).toBeGreaterThanOrEqual(5);
    }
  });

  it('gives every judicial district and county at least one town', () => {
    for (const district of judicialDistricts) {
      expect(towns.some((t) => t.judicialDistrictCode === district.code), district.code).toBe(true);
    }
    for (const county of counties) {
      expect(towns.some((t) => t.county === county), county).toBe(true);
    }
  });

  it('matches known facts', () => {
    const jdName = (code: string) => judicialDistricts.find((d) => d.code === code)?.name;
    expect(town('Hartford').county).toBe('Hartford');
    expect(jdName(town('Hartford').judicialDistrictCode)).toBe('Hartford');
    expect(town('Stamford').county).toBe('Fairfield');
    expect(jdName(town('Stamford').judicialDistrictCode)).toBe('Stamford-Norwalk');
    expect(town('Mansfield').county).toBe('Tolland');
    expect(jdName(town('Mansfield').judicialDistrictCode)).toBe('Tolland');
    expect(town('Bridgeport').county).toBe('Fairfield');
    expect(jdName(town('Bridgeport').judicialDistrictCode)).toBe('Fairfield');
    expect(town('Danbury').county).toBe('Fairfield');
    expect(jdName(town('Danbury').judicialDistrictCode)).toBe('Danbury');
    expect(town('Milford').county).toBe('New Haven');
    expect(jdName(town('Milford').judicialDistrictCode)).toBe('Ansonia-Milford');
    expect(town('Plymouth').county).toBe('Litchfield');
    expect(town('Middletown').county).toBe('Middlesex');
    expect(town('Norwich').county).toBe('New London');
    expect(town('Windham').county).toBe('Windham');
    expect(town('Waterbury').county).toBe('New Haven');
    expect(jdName(town('Waterbury').judicialDistrictCode)).toBe('Waterbury');
  });
});

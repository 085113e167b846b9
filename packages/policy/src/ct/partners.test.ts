import { describe, expect, it } from 'vitest';
import { requiredNotices } from '../careline/notices.js';
import { judicialDistricts, regions, towns } from './geography.js';
import { partnerDirectorySeed } from './partners.js';

describe('partner directory seed [CL-4]', () => {
  const seed = partnerDirectorySeed();

  it('has a police department for each of the 169 towns, a HART Lead per region, an MDT per judicial district and the statewide parties', () => {
    const count = (kind: string) => seed.filter((p) => p.kind === kind).length;
    expect(count('police_department')).toBe(169);
    expect(towns).toHaveLength(169);
    expect(count('hart_lead')).toBe(regions.length);
    expect(count('mdt')).toBe(judicialDistricts.length);
    for (const k of ['fbi_field_office', 'chief_states_attorney', 'hart_director']) expect(count(k)).toBe(1);
  });

  it('[IN-6] lists designated hospitals in every region, each in a Connecticut town of that region', () => {
    for (const r of regions) {
      const hospitals = seed.filter((p) => p.kind === 'hospital' && p.regionCode === r.code);
      expect(hospitals.length, r.code).toBeGreaterThanOrEqual(2);
      for (const h of hospitals) expect(towns.some((t) => t.name === h.townName), h.name).toBe(true);
    }
  });

  it('uses unique codes and only synthetic contacts (example domains, 555-01xx numbers)', () => {
    expect(new Set(seed.map((p) => p.code)).size).toBe(seed.length);
    for (const p of seed) {
      expect(p.email).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+\.example\.(gov|org)$/);
      expect(p.phone).toMatch(/^\d{3}-555-01\d{2}$/);
    }
    expect(seed.find((p) => p.townName === 'New Haven' && p.kind === 'police_department')?.email).toBe('records@new-haven-pd.example.gov');
  });

  it('holds an entry for every party every town’s notices need', () => {
    for (const t of towns) {
      for (const n of requiredNotices({ context: 'careline', townName: t.name })) {
        const match = seed.filter(
          (p) =>
            p.kind === n.party &&
            (n.resolveBy === 'statewide' ||
              (n.resolveBy === 'town' && p.townName === n.resolveKey) ||
              (n.resolveBy === 'region' && p.regionCode === n.resolveKey) ||
              (n.resolveBy === 'judicial_district' && p.judicialDistrictCode === n.resolveKey)),
        );
        expect(match, `${t.name} ${n.key}`).toHaveLength(1);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { referralHtCharacteristics } from './characteristics.js';
import { checkIndicators, htCharacteristics, indicatorCodes, indicatorDomains, indicators, unknownIndicatorCodes } from './indicators.js';

describe('HT indicator checklist (CL-1)', () => {
  it('[CL-1] holds 30 to 45 indicators with unique stable codes, a label and a form, in every domain', () => {
    expect(indicators.length).toBeGreaterThanOrEqual(30);
    expect(indicators.length).toBeLessThanOrEqual(45);
    expect(new Set(indicatorCodes).size).toBe(indicators.length);
    for (const i of indicators) {
      expect(i.code).toMatch(/^[a-z][a-z_]+$/);
      expect(i.label.length, i.code).toBeGreaterThan(15);
      expect(['sex', 'labor', 'both']).toContain(i.form);
    }
    for (const d of indicatorDomains) expect(indicators.some((i) => i.domain === d.code), d.code).toBe(true);
  });

  it('[CL-1] never names a proprietary screening tool', () => {
    const words = JSON.stringify([indicators, indicatorDomains]);
    expect(words).not.toMatch(/CSE-IT|SDM|Structured Decision Making|WestCoast/i);
  });

  it('[CL-1] any indicator marks the referral as having HT characteristics, accepted or not', () => {
    for (const code of indicatorCodes) expect(htCharacteristics([code]).flagged, code).toBe(true);
    expect(htCharacteristics([])).toEqual({ flagged: false, domains: [], evident: false, forms: [] });
  });

  it('[CL-1] reports the domains touched in checklist order and the forms of trafficking', () => {
    const result = htCharacteristics(['long_hours_little_pay', 'repeated_runaway', 'ownership_tattoo']);
    expect(result.domains).toEqual(['missing', 'health', 'labor']);
    expect(result.forms).toEqual(['sex', 'labor']);
    expect(htCharacteristics(['lives_at_workplace']).forms).toEqual(['labor']);
  });

  it('[CL-5] a few indicators show trafficking is evident when the report is made', () => {
    const evident = indicators.filter((i) => 'evident' in i && i.evident).map((i) => i.code);
    expect(evident).toEqual(expect.arrayContaining(['sold_or_exchanged_for_sex', 'exploiter_or_buyer_identified', 'recovered_in_operation']));
    expect(evident.length).toBeLessThan(8);
    expect(htCharacteristics(['recovered_in_operation']).evident).toBe(true);
    expect(htCharacteristics(['repeated_runaway', 'second_phone']).evident).toBe(false);
  });

  it('[CL-1] refuses codes that are not on the checklist', () => {
    expect(unknownIndicatorCodes(['missing_now', 'made_up', 'x'])).toEqual(['made_up', 'x']);
    expect(() => htCharacteristics(['missing_now', 'made_up'])).toThrow(/made_up/);
    expect(checkIndicators(['missing_now', 'made_up'], 'children.0.indicators')).toEqual([
      { field: 'children.0.indicators', message: 'Not on the HT indicator checklist: made_up' },
    ]);
    expect(checkIndicators(['missing_now', 'missing_now'])[0]?.message).toMatch(/once/);
    expect(checkIndicators(['missing_now'])).toEqual([]);
  });

  it('[CL-1] flags a referral with an HT allegation or a child reported commercially sexually exploited, with no indicator', () => {
    expect(referralHtCharacteristics([{ indicators: [], allegations: ['neglect'] }]).flagged).toBe(false);
    const byAllegation = referralHtCharacteristics([{ indicators: [], allegations: ['ht_labor'] }]);
    expect(byAllegation.flagged).toBe(true);
    expect(byAllegation.evident).toBe(false);
    const byCse = referralHtCharacteristics([{ indicators: [], allegations: [], prostitutedOrCse: true }]);
    expect(byCse).toMatchObject({ flagged: true, evident: true, forms: ['sex'] });
    expect(byCse.reasons[0]).toMatch(/commercially sexually exploited/);
  });

  it('[CL-1] combines the indicators of every child of the referral', () => {
    const result = referralHtCharacteristics([{ indicators: ['missing_now'] }, { indicators: ['dangerous_work', 'missing_now'] }]);
    expect(result.domains).toEqual(['missing', 'labor']);
    expect(result.reasons).toEqual(['HT indicators were recorded']);
  });
});

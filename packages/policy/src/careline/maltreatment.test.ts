import { describe, expect, it } from 'vitest';
import {
  categoryLabels,
  checkAllegations,
  htCategoryRequiredReason,
  maltreatmentCategories,
  maltreatmentCategoryLabels,
  requiredCategories,
  suggestedCategories,
} from './maltreatment.js';

describe('maltreatment categories (CL-7)', () => {
  it('[CL-7] offers human trafficking (sex and labor) beside the other categories, in the agency’s words', () => {
    expect(maltreatmentCategories).toEqual(['ht_sex', 'ht_labor', 'sexual_abuse', 'physical_injury', 'neglect', 'emotional_abuse']);
    expect(maltreatmentCategoryLabels.ht_sex).toBe('Human trafficking (sex)');
    expect(maltreatmentCategoryLabels.ht_labor).toBe('Human trafficking (labor)');
    expect(categoryLabels(['physical_injury', 'ht_sex'])).toEqual(['Human trafficking (sex)', 'Physical injury']);
  });

  it('[CL-7] records several categories for one child', () => {
    expect(checkAllegations({ allegations: ['ht_sex', 'sexual_abuse', 'physical_injury'] })).toEqual([]);
  });

  it('[CL-7] requires HT (sex) when the child is prostituted or commercially sexually exploited, and says why', () => {
    const child = { prostitutedOrCse: true, allegations: ['sexual_abuse'] };
    const errors = checkAllegations(child, 'children.0.allegations');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.field).toBe('children.0.allegations');
    expect(errors[0]?.message).toMatch(/prostituted or commercially sexually exploited/);
    expect(errors[0]?.message).toContain('Human trafficking (sex)');
    expect(htCategoryRequiredReason(child)).toBe(errors[0]?.message);
    expect(requiredCategories(child).map((r) => r.category)).toEqual(['ht_sex']);
    expect(checkAllegations({ ...child, allegations: ['sexual_abuse', 'ht_sex'] })).toEqual([]);
  });

  it('[CL-7] requires nothing extra when the child is not reported exploited', () => {
    expect(htCategoryRequiredReason({ prostitutedOrCse: false })).toBeNull();
    expect(requiredCategories({})).toEqual([]);
  });

  it('[CL-7] refuses no category, a repeated category and an unknown one, by field', () => {
    expect(checkAllegations({ allegations: [] })[0]?.message).toMatch(/at least one/);
    expect(checkAllegations({ allegations: ['neglect', 'neglect'] })[0]?.message).toMatch(/once/);
    expect(checkAllegations({ allegations: ['witchcraft'] })[0]).toEqual({ field: 'allegations', message: 'Unknown maltreatment category: witchcraft' });
  });

  it('[CL-7] suggests the HT categories the indicators point to, without requiring them', () => {
    expect(suggestedCategories({ indicators: ['ownership_tattoo', 'dangerous_work'], allegations: ['ht_sex'] })).toEqual(['ht_labor']);
    expect(checkAllegations({ indicators: ['dangerous_work'], allegations: ['neglect'] })).toEqual([]);
  });
});

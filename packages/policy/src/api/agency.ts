import { z } from 'zod';
import { pageOf, pageQuery, shortText } from './common.js';

export const officeKinds = ['central_office', 'careline', 'siu', 'hart', 'area_office', 'regional_office'] as const;
export type OfficeKind = (typeof officeKinds)[number];

export const officeKindLabels: Readonly<Record<OfficeKind, string>> = {
  central_office: 'Central office',
  careline: 'Careline',
  siu: 'Special Investigations Unit',
  hart: 'Human Anti-Trafficking Response Team',
  area_office: 'Area office',
  regional_office: 'Regional office',
};

export const officeView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(officeKinds),
  regionCode: z.string().nullable(),
  townName: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  userCount: z.number().int(),
  version: z.number().int(),
});
export type OfficeView = z.infer<typeof officeView>;
/** Offices by name, a page at a time (issue 11: every list pages; the agency has a few dozen). */
export const officeListQuery = pageQuery;
export const officePage = pageOf(officeView);

const officeCode = z
  .string()
  .trim()
  .toUpperCase()
  .min(2)
  .max(16)
  .regex(/^[A-Z0-9-]+$/, 'Use capital letters, digits or dashes');

export const createOfficeBody = z.strictObject({
  code: officeCode,
  name: shortText(120),
  kind: z.enum(officeKinds),
  regionCode: z.string().max(16).nullable(),
  townName: z.string().max(80).nullable(),
  phone: z.string().trim().max(40).nullable(),
});
export type CreateOfficeBody = z.infer<typeof createOfficeBody>;

export const updateOfficeBody = z.strictObject({
  name: shortText(120).optional(),
  regionCode: z.string().max(16).nullable().optional(),
  townName: z.string().max(80).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  active: z.boolean().optional(),
  version: z.number().int().min(1),
});
export type UpdateOfficeBody = z.infer<typeof updateOfficeBody>;

export const regionView = z.object({ code: z.string(), name: z.string() });
export const townView = z.object({
  name: z.string(),
  county: z.string(),
  areaOfficeCode: z.string(),
  judicialDistrictCode: z.string(),
});
export const judicialDistrictView = z.object({ code: z.string(), name: z.string() });
export const agencyView = z.object({
  name: z.string(),
  state: z.string(),
  regions: z.array(regionView),
  judicialDistricts: z.array(judicialDistrictView),
  towns: z.array(townView),
});
export type AgencyView = z.infer<typeof agencyView>;

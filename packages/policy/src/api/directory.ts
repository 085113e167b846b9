import { z } from 'zod';
import { partnerAgencyKinds } from '../ct/partners.js';
import { shortText } from './common.js';

/** A partner agency notices go to (CL-4); administrators keep the contacts current. */
export const partnerAgencyView = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.enum(partnerAgencyKinds),
  name: z.string(),
  townName: z.string().nullable(),
  regionCode: z.string().nullable(),
  judicialDistrictCode: z.string().nullable(),
  email: z.string(),
  phone: z.string(),
  active: z.boolean(),
  version: z.number().int(),
});
export type PartnerAgencyView = z.infer<typeof partnerAgencyView>;

export const directoryQuery = z.strictObject({
  kind: z.enum(partnerAgencyKinds).optional(),
  q: z.string().trim().max(80).optional(),
});
export type DirectoryQuery = z.infer<typeof directoryQuery>;

export const updatePartnerAgencyBody = z.strictObject({
  name: shortText(160).optional(),
  email: z.email().max(254).optional(),
  phone: z.string().trim().min(7).max(40).optional(),
  active: z.boolean().optional(),
  version: z.number().int().min(1),
});
export type UpdatePartnerAgencyBody = z.infer<typeof updatePartnerAgencyBody>;

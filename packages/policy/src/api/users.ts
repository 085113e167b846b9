import { z } from 'zod';
import { roles } from '../access/roles.js';
import { pageOf, pageQueryFields, shortText } from './common.js';
import { newPasswordSchema, usernameSchema } from './auth.js';

export const userView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.enum(roles)),
  officeId: z.uuid(),
  officeCode: z.string(),
  officeName: z.string(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastSignInAt: z.string().nullable(),
  version: z.number().int(),
});
export type UserView = z.infer<typeof userView>;

const roleList = z.array(z.enum(roles)).min(1, 'Choose at least one role').max(roles.length);

export const createUserBody = z.strictObject({
  username: usernameSchema,
  displayName: shortText(120),
  email: z.email().max(200).nullable(),
  roles: roleList,
  officeId: z.uuid(),
  password: newPasswordSchema,
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  displayName: shortText(120).optional(),
  email: z.email().max(200).nullable().optional(),
  roles: roleList.optional(),
  officeId: z.uuid().optional(),
  disabled: z.boolean().optional(),
  version: z.number().int().min(1),
});
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const resetPasswordBody = z.strictObject({
  password: newPasswordSchema,
  version: z.number().int().min(1),
});
export type ResetPasswordBody = z.infer<typeof resetPasswordBody>;

/** Staff accounts by name, a page at a time (issue 11). */
export const userListQuery = z.strictObject({
  q: z.string().max(64).optional(),
  officeId: z.uuid().optional(),
  role: z.enum(roles).optional(),
  ...pageQueryFields,
});
export type UserListQuery = z.infer<typeof userListQuery>;
export const userPage = pageOf(userView);

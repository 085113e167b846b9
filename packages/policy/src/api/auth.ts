import { z } from 'zod';
import { permissions } from '../access/permissions.js';
import { roles } from '../access/roles.js';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'Use letters, digits, dots, dashes or underscores');

/** NIST SP 800-63B: length over composition rules. */
export const newPasswordSchema = z.string().min(12, 'Use at least 12 characters').max(256);

export const signInBody = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type SignInBody = z.infer<typeof signInBody>;

export const officeRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() });

export const sessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
  office: officeRef,
  regionCode: z.string().nullable(),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const sessionInfo = z.object({
  user: sessionUser.nullable(),
  permissions: z.array(z.enum(permissions)),
  csrfToken: z.string(),
  /** Seconds of inactivity after which the session locks. */
  idleTimeoutSeconds: z.number().int(),
  /** When the session locks if nothing else happens (ISO 8601, UTC). */
  idleExpiresAt: z.string().nullable(),
  /** Why the previous session ended, for the sign-in page. */
  endedReason: z.enum(['idle', 'signed_out', 'expired']).nullable(),
  /** Set by an administrator's reset: the user must choose a new password first. */
  mustChangePassword: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: newPasswordSchema,
});

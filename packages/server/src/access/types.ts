import type { Permission, RecordScope, Role } from '@harbor/policy';

/** The signed-in user as every request sees it. Built once per request by auth/. */
export interface AuthUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly officeId: string;
  readonly officeCode: string;
  readonly officeName: string;
  readonly regionCode: string | null;
  readonly permissions: ReadonlySet<Permission>;
  readonly scope: RecordScope;
}

/** Who is acting, for the audit trail: a user in a request, or the system itself (CLI, scheduler). */
export interface Actor {
  readonly user: AuthUser | null;
  readonly requestId: string | null;
  readonly clientAddress: string | null;
  /** Set for privileged work outside a user's request (CLI, seeding); greppable on purpose. */
  readonly system?: string;
}

export const systemActor = (what: string): Actor => ({ user: null, requestId: null, clientAddress: null, system: what });

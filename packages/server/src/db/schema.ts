import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const created = () => ts('created_at').notNull().defaultNow();
const updated = () => ts('updated_at').notNull().defaultNow();
const version = () => integer('version').notNull().default(1);

// --- Agency structure -------------------------------------------------------------------------

export const regions = pgTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

export const judicialDistricts = pgTable('judicial_districts', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

/** An area office or a unit (Careline, SIU, HART, regional office, central office). */
export const offices = pgTable('offices', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  regionCode: text('region_code').references(() => regions.code),
  townName: text('town_name'),
  phone: text('phone'),
  active: boolean('active').notNull().default(true),
  createdAt: created(),
  updatedAt: updated(),
  version: version(),
});

export const towns = pgTable('towns', {
  name: text('name').primaryKey(),
  county: text('county').notNull(),
  areaOfficeCode: text('area_office_code').notNull(),
  judicialDistrictCode: text('judicial_district_code')
    .notNull()
    .references(() => judicialDistricts.code),
});

// --- Staff and sign-in ------------------------------------------------------------------------

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  email: text('email'),
  passwordHash: text('password_hash').notNull(),
  officeId: uuid('office_id')
    .notNull()
    .references(() => offices.id),
  disabledAt: ts('disabled_at'),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  lastSignInAt: ts('last_sign_in_at'),
  createdAt: created(),
  updatedAt: updated(),
  version: version(),
});

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/** Server-side sessions. The cookie holds a random id; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: created(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    clientAddress: text('client_address'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed sign-ins per username (known or not, so the answer never tells which). */
export const signInThrottle = pgTable('sign_in_throttle', {
  keyHash: text('key_hash').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: ts('last_failure_at'),
  lockedUntil: ts('locked_until'),
});

// --- People (children, reporters, caregivers, alleged exploiters) ------------------------------

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    aliases: jsonb('aliases').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    gender: text('gender').notNull(),
    townName: text('town_name'),
    /** The office responsible for the person's records; decides office/region scope. */
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: created(),
    updatedAt: updated(),
    version: version(),
  },
  (t) => [index('people_office_idx').on(t.officeId)],
);

/** A user assigned to a record; gives workers with 'assigned' scope their reach. */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    assignedAt: created(),
    endedAt: ts('ended_at'),
  },
  (t) => [index('assignments_user_idx').on(t.userId, t.recordType), index('assignments_record_idx').on(t.recordType, t.recordId)],
);

// --- Audit trail ------------------------------------------------------------------------------

/**
 * Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). Each row's hash covers its
 * content and the previous row's hash; `harbor audit verify` walks the chain.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    occurredAt: ts('occurred_at').notNull(),
    userId: uuid('user_id'),
    username: text('username'),
    roles: text('roles'),
    officeCode: text('office_code'),
    action: text('action').notNull(),
    recordType: text('record_type'),
    recordId: text('record_id'),
    outcome: text('outcome').notNull(),
    requestId: text('request_id'),
    clientAddress: text('client_address'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_user_idx').on(t.userId, t.id),
    index('audit_record_idx').on(t.recordType, t.recordId),
    index('audit_action_idx').on(t.action, t.id),
    index('audit_time_idx').on(t.occurredAt),
  ],
);

import { sql } from 'drizzle-orm';
import {
  bigint,
  type AnyPgColumn,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Times are kept to the millisecond (issue 11), the precision of the JavaScript Date the server
 * reads them into: a list's page cursor carries the last row's time, and a time stored with
 * microseconds would not compare equal to it (the next page would repeat or skip rows).
 */
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
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

export const users = pgTable(
  'users',
  {
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
  },
  // The staff list pages by name (issue 11), the whole agency or one office.
  (t) => [index('users_name_idx').on(t.displayName, t.id), index('users_office_name_idx').on(t.officeId, t.displayName, t.id)],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
  },
  // The staff list's role filter (issue 11).
  (t) => [primaryKey({ columns: [t.userId, t.role] }), index('user_roles_role_idx').on(t.role, t.userId)],
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
    /**
     * First name, last name, aliases and date of birth, sealed (AES-256-GCM, bound to this row):
     * see people/identity.ts. Searched only through person_match_keys.
     */
    identity: text('identity').notNull(),
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
  // Issue 11: the people list in its order, statewide and within an office.
  (t) => [index('people_office_created_idx').on(t.officeId, t.createdAt, t.id), index('people_created_idx').on(t.createdAt, t.id)],
);

/**
 * Keyed blind indexes of a person's identifying fields (HMAC-SHA256 of the normalized value, with a
 * key that never reaches the database): `name` (first name; first and last name), `alias`, `dob`,
 * `town`. The repeat-victim search looks hashes up here; no plaintext copy exists.
 */
export const personMatchKeys = pgTable(
  'person_match_keys',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.kind, t.hash] }), index('person_match_keys_lookup_idx').on(t.kind, t.hash)],
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
    // Written from JavaScript Dates (milliseconds) and hashed into the chain: left as it was, never rewritten.
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
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
    // Audit search by user, newest first (issue 11); a list row names the records it showed in detail.ids.
    index('audit_user_idx').on(t.userId, t.id.desc()),
    index('audit_detail_ids_idx').using('gin', sql`(${t.detail} -> 'ids')`),
    index('audit_record_idx').on(t.recordType, t.recordId),
    index('audit_action_idx').on(t.action, t.id),
    index('audit_time_idx').on(t.occurredAt),
  ],
);

// --- Generated documents and outgoing messages --------------------------------------------------

/** Binary data: node-postgres answers a Buffer, PGlite a Uint8Array (a hex string in text mode). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array | string }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => {
    if (Buffer.isBuffer(value)) return value;
    if (typeof value === 'string') return Buffer.from(value.startsWith('\\x') ? value.slice(2) : value, 'hex');
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  },
});

/**
 * A generated document (a DCF-737 notice, a DCF-823 Critical Incident), stored with its SHA-256.
 * A trigger refuses UPDATE: what was generated (and sent) stays as it was. A document updated
 * later (CL-5: a referral's Critical Incident when the referral is accepted) is a new row with
 * the next `version` and `previous_id` naming the version it follows; the earlier rows stay.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull().default('application/pdf'),
    sha256: text('sha256').notNull(),
    byteSize: integer('byte_size').notNull(),
    bytes: bytea('bytes').notNull(),
    version: integer('version').notNull().default(1),
    previousId: uuid('previous_id').references((): AnyPgColumn => documents.id),
    createdAt: created(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [index('documents_record_idx').on(t.recordType, t.recordId), uniqueIndex('documents_previous_idx').on(t.previousId)],
);

/**
 * The transactional outbox: one row per message to one outside party, written in the same
 * transaction as the change that calls for it, delivered after commit by the delivery worker.
 * status: queued | sending | sent | failed_retrying | failed | held_no_transport | acknowledged.
 * While `sending`, next_attempt_at is the end of the sender's lease (a crashed send is retried then).
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    kind: text('kind').notNull().default('email'),
    toAddress: text('to_address').notNull(),
    toName: text('to_name'),
    /** Which outside party: a kind (police, hart_lead, fbi, ...) and the directory's reference. */
    partyKind: text('party_kind'),
    partyRef: text('party_ref'),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    attachmentDocumentIds: jsonb('attachment_document_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** What the message is about (a referral, a case). */
    recordType: text('record_type'),
    recordId: text('record_id'),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at'),
    lastAttemptAt: ts('last_attempt_at'),
    /** The SMTP reply code and class or the connection error code; never the reply's text. */
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    acknowledgedAt: ts('acknowledged_at'),
    /** SHA-256 of the acknowledgment token; the token itself is kept only sealed (AES-GCM). */
    ackTokenHash: text('ack_token_hash'),
    ackTokenSealed: text('ack_token_sealed'),
    ackExpiresAt: ts('ack_expires_at'),
    /** When the failure was raised to the Careline supervisor. */
    escalatedAt: ts('escalated_at'),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_record_idx').on(t.recordType, t.recordId),
    index('outbox_created_idx').on(t.createdAt, t.id),
    uniqueIndex('outbox_ack_token_idx').on(t.ackTokenHash),
  ],
);

/** Secrets Harbor generates for itself when the environment gives none (the link-signing key). */
export const systemSecrets = pgTable('system_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: created(),
});

/**
 * R2: the data key's check value (a fingerprint, never the key), recorded on first start and
 * compared on every start. One row. During `harbor keys rotate`, `check_value` is the new key's and
 * `previous_check_value` the old key's until every sealed value carries the new key.
 */
export const dataKeyCheck = pgTable('data_key_check', {
  id: integer('id').primaryKey().default(1),
  checkValue: text('check_value').notNull(),
  previousCheckValue: text('previous_check_value'),
  /** Values re-sealed so far and the count when the rotation began (for the progress bar). */
  rotationDone: integer('rotation_done').notNull().default(0),
  rotationTotal: integer('rotation_total').notNull().default(0),
  rotationStartedAt: ts('rotation_started_at'),
  rotatedAt: ts('rotated_at'),
  createdAt: created(),
  updatedAt: updated(),
});

// --- Partner directory (CL-4) ---------------------------------------------------------------

/**
 * The outside agencies notices go to: a police department per town, a HART Lead per region, an
 * MDT per judicial district, the statewide parties. `code` is the seed's stable key.
 */
export const partnerAgencies = pgTable(
  'partner_agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    townName: text('town_name').references(() => towns.name),
    regionCode: text('region_code').references(() => regions.code),
    judicialDistrictCode: text('judicial_district_code').references(() => judicialDistricts.code),
    email: text('email').notNull(),
    phone: text('phone').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: created(),
    updatedAt: updated(),
    version: version(),
  },
  (t) => [index('partner_agencies_kind_idx').on(t.kind)],
);

// --- Careline referrals (issue 3) ------------------------------------------------------------

/** Numbers referrals for people: `R-2026-000123`. */
export const referralNumberSeq = pgSequence('referral_number_seq', { startWith: 1 });

/**
 * A Careline referral: a draft saved as the worker types (`draft`, as typed), then submitted.
 * `office_id` is the Careline office that took it (record scope); `idempotency_key` is the key of
 * the submission, so a retried submit finds the first.
 */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    status: text('status').notNull().default('draft'),
    receivedAt: ts('received_at'),
    channel: text('channel'),
    /** The draft as typed (narrative, reporter, children, exploiters), sealed (AES-256-GCM, bound to this row). */
    draftSealed: text('draft_sealed').notNull(),
    htCharacteristics: boolean('ht_characteristics').notNull().default(false),
    htEvident: boolean('ht_evident').notNull().default(false),
    townName: text('town_name'),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    submittedAt: ts('submitted_at'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    idempotencyKey: text('idempotency_key').unique(),
    /** CL-2: accepted or not accepted (with a reason, pending a Careline supervisor's approval). */
    decision: text('decision'),
    nonAcceptanceReason: text('non_acceptance_reason'),
    /** CF-1: the worker's free-text explanation of a non-acceptance, sealed. */
    decisionExplanationSealed: text('decision_explanation_sealed'),
    /** Before CF-1 sealing: plain text, moved into `decision_explanation_sealed` at start (referrals/sealed-fields.ts) and left null. */
    legacyDecisionExplanation: text('decision_explanation'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    /** CL-2: the Careline supervisor who approved (or returned) a non-acceptance. */
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: ts('approved_at'),
    /** CL-2: the Careline supervisor's note on a non-acceptance (why it was returned), sealed; and when. */
    supervisorNoteSealed: text('supervisor_note_sealed'),
    supervisorNoteAt: ts('supervisor_note_at'),
    /** CL-6: the tree's result (answers on the path, outcome, the override if there is one, without its reason) and when the child must be seen. */
    responsePriority: jsonb('response_priority').$type<Record<string, unknown>>(),
    /** CL-6, CF-1: the Careline supervisor's reason for overriding the response priority, sealed. */
    priorityOverrideReasonSealed: text('priority_override_reason_sealed'),
    responseDueAt: ts('response_due_at'),
    /** CL-5: the Regional Office or SIU an accepted referral goes to, and the investigation worker assigned there. */
    assignedOfficeCode: text('assigned_office_code').references(() => offices.code),
    assignedOfficeAt: ts('assigned_office_at'),
    investigatorId: uuid('investigator_id').references(() => users.id),
    investigatorAssignedAt: ts('investigator_assigned_at'),
    /** DR-2: the HART Director's triage: outcomes, the reason for no further action, by whom and when. */
    triageOutcomes: jsonb('triage_outcomes').$type<string[]>(),
    /** CF-1: the reason for no further action, sealed. */
    triageReasonSealed: text('triage_reason_sealed'),
    /** Before CF-1 sealing: plain text, moved into `triage_reason_sealed` at start and left null. */
    legacyTriageReason: text('triage_reason'),
    triagedBy: uuid('triaged_by').references(() => users.id),
    triagedAt: ts('triaged_at'),
    /** IN-4, OG-3: the investigation (referral) or open case whose new HT allegation this referral reports. */
    originType: text('origin_type'),
    originId: uuid('origin_id'),
    /** OG-3: which allegation of the open case (case_allegations.seq; 1 the first HT concern), whose DCF-737s the case sent (OG-2). */
    originAllegation: integer('origin_allegation'),
    /**
     * DR-1: whether the referral belongs in the HART Director's statewide queue (HT characteristics,
     * or a DCF-737 sent). Kept by triggers (migration 0014): on the referral's HT flag, and when a
     * DCF-737 notice gets its e-mail; the queue reads it through a partial index instead of an
     * EXISTS over every referral.
     */
    triageWanted: boolean('triage_wanted').notNull().default(false),
    createdAt: created(),
    updatedAt: updated(),
    version: version(),
  },
  (t) => [
    index('referrals_status_idx').on(t.status, t.createdAt),
    index('referrals_created_by_idx').on(t.createdBy),
    index('referrals_assigned_office_idx').on(t.assignedOfficeCode, t.status),
    // Issue 11: what each list filters and orders by (the triage queue's partial index and the
    // submitted-order expression index are in migration 0014's SQL).
    index('referrals_updated_idx').on(t.updatedAt, t.id),
    index('referrals_status_updated_idx').on(t.status, t.updatedAt, t.id),
    index('referrals_office_updated_idx').on(t.officeId, t.updatedAt, t.id),
    index('referrals_created_idx').on(t.createdAt, t.id),
    index('referrals_investigator_idx').on(t.investigatorId, t.status, t.updatedAt),
    index('referrals_origin_idx').on(t.originType, t.originId),
    // CL-5: only the accepted referrals still waiting for an investigation worker (few at a time).
    index('referrals_assignment_queue_idx')
      .on(t.assignedOfficeCode, t.responseDueAt, t.id)
      .where(sql`${t.status} = 'accepted' and ${t.investigatorId} is null`),
  ],
);

/** One notice a referral required (CL-4, CL-5): to whom, by which means, and its e-mail or phone record. */
export const referralNotices = pgTable(
  'referral_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    /** `police_department.dcf737`, `hart_director.dcf823`: one per referral. */
    key: text('key').notNull(),
    party: text('party').notNull(),
    means: text('means').notNull(),
    immediate: boolean('immediate').notNull().default(false),
    partnerAgencyId: uuid('partner_agency_id')
      .notNull()
      .references(() => partnerAgencies.id),
    outboxMessageId: uuid('outbox_message_id').references(() => outboxMessages.id),
    documentId: uuid('document_id').references(() => documents.id),
    /** A phone notice as the worker records it: when, and (CF-1, sealed JSON) the officer's name, badge and the police case number. */
    calledAt: ts('called_at'),
    policeContactSealed: text('police_contact_sealed'),
    /** Before CF-1 sealing: plain text, moved into `police_contact_sealed` at start and left null. */
    legacyOfficerName: text('officer_name'),
    legacyBadgeNumber: text('badge_number'),
    legacyPoliceCaseNumber: text('police_case_number'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: created(),
  },
  (t) => [uniqueIndex('referral_notices_key_idx').on(t.referralId, t.key), index('referral_notices_outbox_idx').on(t.outboxMessageId)],
);

/**
 * The person record of each child of a submitted referral: a new child's record, or the earlier
 * record the worker linked as a repeat victim, so two referrals about one child share one person.
 */
export const referralChildren = pgTable(
  'referral_children',
  {
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    childIndex: integer('child_index').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.referralId, t.childIndex] }), index('referral_children_person_idx').on(t.personId)],
);

// --- Casework and HART consults (issue 4) ---------------------------------------------------

export const caseNumberSeq = pgSequence('case_number_seq', { startWith: 1 });
export const consultNumberSeq = pgSequence('consult_number_seq', { startWith: 1 });

/**
 * A duty the policy puts on someone (obligation engine, `@harbor/policy` obligations): its clause,
 * the record it is about, its owner (a person, or holders of a role in an office), when it is due
 * and what completes it. `key` makes raising it idempotent (rule, subject, period). States: open,
 * overdue (set by the scheduler), done, not_needed (with a reason). The scheduler reminds the owner
 * before `due_at`, marks it overdue, and escalates it one step at a time (1 supervisor, 2 HART
 * Lead, 3 HART Director); `next_check_at` is when it next needs the scheduler (null: never).
 */
export const obligations = pgTable(
  'obligations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull().unique(),
    clause: text('clause').notNull(),
    ruleCode: text('rule_code').notNull(),
    completes: text('completes').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The office the subject's work belongs to (unit and compliance views, escalation chain). */
    officeId: uuid('office_id').references(() => offices.id),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    ownerRole: text('owner_role'),
    ownerOfficeId: uuid('owner_office_id').references(() => offices.id),
    dueAt: ts('due_at').notNull(),
    state: text('state').notNull().default('open'),
    remindedAt: ts('reminded_at'),
    overdueAt: ts('overdue_at'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalatedAt: ts('escalated_at'),
    nextCheckAt: ts('next_check_at'),
    /** Who did it, when, the outcome; or why it is not needed: sealed JSON (it can describe the child). */
    resolutionSealed: text('resolution_sealed'),
    resolvedAt: ts('resolved_at'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    createdAt: created(),
    updatedAt: updated(),
    version: version(),
  },
  (t) => [
    index('obligations_check_idx').on(t.nextCheckAt),
    index('obligations_owner_user_idx').on(t.ownerUserId, t.state),
    index('obligations_owner_role_idx').on(t.ownerOfficeId, t.ownerRole, t.state),
    index('obligations_subject_idx').on(t.subjectType, t.subjectId),
    index('obligations_office_idx').on(t.officeId, t.state),
    // Issue 11: the work lists (by due time, then id) and the Director's overdue counts read only
    // the unresolved duties, a small share of a state's history.
    index('obligations_unresolved_due_idx').on(t.dueAt, t.id).where(sql`state in ('open', 'overdue')`),
    index('obligations_owner_user_due_idx').on(t.ownerUserId, t.dueAt, t.id).where(sql`state in ('open', 'overdue')`),
    // The unit's duty owners (GET /api/work/unit/owners): does this person own an unresolved duty in these offices? Answered from the index alone.
    index('obligations_owner_user_office_idx').on(t.ownerUserId, t.officeId).where(sql`state in ('open', 'overdue')`),
    index('obligations_owner_role_due_idx').on(t.ownerOfficeId, t.ownerRole, t.dueAt, t.id).where(sql`state in ('open', 'overdue')`),
    index('obligations_office_due_idx').on(t.officeId, t.dueAt, t.id).where(sql`state in ('open', 'overdue')`),
  ],
);

/** The full history of a duty: created, reminded, overdue, escalated (to whom), done, not needed. */
export const obligationEvents = pgTable(
  'obligation_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    obligationId: uuid('obligation_id')
      .notNull()
      .references(() => obligations.id),
    at: ts('at').notNull(),
    kind: text('kind').notNull(),
    /** The user who acted; null for the scheduler. */
    actorId: uuid('actor_id').references(() => users.id),
    toRole: text('to_role'),
    toOfficeId: uuid('to_office_id').references(() => offices.id),
    toUserId: uuid('to_user_id').references(() => users.id),
    /** Non-personal detail (levels, states); never child data. */
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('obligation_events_obligation_idx').on(t.obligationId, t.at)],
);

/**
 * An open case (ongoing services), created directly or later imported from the agency's main
 * system. The child is a person record; `office_id` is the area office (record scope), `worker_id`
 * the ongoing social worker. OG-1: an HT concern raised on it (red flags, when, by whom).
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    kind: text('kind').notNull().default('ongoing'),
    status: text('status').notNull().default('open'),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    workerId: uuid('worker_id').references(() => users.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    townName: text('town_name'),
    openedAt: ts('opened_at').notNull(),
    closedAt: ts('closed_at'),
    htConcernAt: ts('ht_concern_at'),
    htConcernBy: uuid('ht_concern_by').references(() => users.id),
    /** OG-1: the red-flag assessment (indicator codes and answers; no names). */
    redFlags: jsonb('red_flags').$type<Record<string, unknown>>(),
    idempotencyKey: text('idempotency_key').unique(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: created(),
    updatedAt: updated(),
    version: version(),
  },
  (t) => [
    index('cases_office_idx').on(t.officeId, t.status),
    // Issue 11: what the case lists and scope filter and order by.
    index('cases_office_opened_idx').on(t.officeId, t.openedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('cases_worker_idx').on(t.workerId, t.openedAt.desc().nullsFirst()),
    index('cases_person_idx').on(t.personId),
    // GET /api/cases: open cases, HT concerns first (newest first), then by opening (the list's keyset order).
    index('cases_open_order_idx')
      .on(sql`coalesce(${t.htConcernAt}, '0001-01-01T00:00:00Z'::timestamptz) desc`, t.openedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'open'`),
    // HL-2 (GET /api/cases/missing-737): open cases with an HT concern, oldest concern first.
    index('cases_ht_open_idx').on(t.htConcernAt, t.id).where(sql`${t.status} = 'open' and ${t.htConcernAt} is not null`),
  ],
);

/** OG-2: one DCF-737 an HT concern on an open case required, to one party. */
export const caseNotices = pgTable(
  'case_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    key: text('key').notNull(),
    party: text('party').notNull(),
    means: text('means').notNull(),
    partnerAgencyId: uuid('partner_agency_id')
      .notNull()
      .references(() => partnerAgencies.id),
    outboxMessageId: uuid('outbox_message_id').references(() => outboxMessages.id),
    documentId: uuid('document_id').references(() => documents.id),
    /** The allegation on the case that required it: 1 the first HT concern, 2.. each later one (case_allegations.seq). */
    allegation: integer('allegation').notNull().default(1),
    /** OG-2's phone call to local police as the worker records it: when, and (CF-1, sealed JSON) the officer's name, badge and the police case number. */
    calledAt: ts('called_at'),
    policeContactSealed: text('police_contact_sealed'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: created(),
  },
  (t) => [uniqueIndex('case_notices_key_idx').on(t.caseId, t.allegation, t.key)],
);

/**
 * OG-1 .. OG-3: a later HT allegation on an open case that already has an HT concern (the first
 * allegation is the case row's own: ht_concern_at, ht_concern_by, red_flags). Each has its own
 * red-flag assessment (codes here, the worker's words sealed in `assessment_sealed`), its
 * DCF-737s (case_notices.allegation = seq), its Careline referral, and the HART consult it
 * requested or found still open. A retry with the same key is the same allegation.
 */
export const caseAllegations = pgTable(
  'case_allegations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    seq: integer('seq').notNull(),
    raisedAt: ts('raised_at').notNull(),
    raisedBy: uuid('raised_by')
      .notNull()
      .references(() => users.id),
    indicators: jsonb('indicators').$type<string[]>().notNull(),
    assessmentSealed: text('assessment_sealed').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    referralId: uuid('referral_id').references(() => referrals.id),
    consultId: uuid('consult_id').references(() => consults.id),
    /** False when a consult of the case was still open, so none was requested for this allegation. */
    consultRequested: boolean('consult_requested').notNull(),
    createdAt: created(),
  },
  (t) => [uniqueIndex('case_allegations_seq_idx').on(t.caseId, t.seq), uniqueIndex('case_allegations_key_idx').on(t.caseId, t.idempotencyKey)],
);

/**
 * A HART consult (HL-1 .. HL-6) on a referral under investigation or an open case, routed to the
 * HART liaison(s) of the area office (`office_id`). `record_sealed` holds participants,
 * information reviewed and recommendations; `decision_map` the Decision Map's answers and path
 * (codes only); `risk_sex`/`risk_labor` the levels in force (after an override, whose reason is
 * sealed in `override_sealed`).
 */
export const consults = pgTable(
  'consults',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    status: text('status').notNull().default('requested'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: ts('requested_at').notNull(),
    requestSealed: text('request_sealed'),
    idempotencyKey: text('idempotency_key').unique(),
    liaisonId: uuid('liaison_id').references(() => users.id),
    heldAt: ts('held_at'),
    recordSealed: text('record_sealed'),
    decisionMap: jsonb('decision_map').$type<Record<string, unknown>>(),
    riskSex: text('risk_sex'),
    riskLabor: text('risk_labor'),
    overrideSealed: text('override_sealed'),
    overriddenBy: uuid('overridden_by').references(() => users.id),
    overriddenAt: ts('overridden_at'),
    enteredAt: ts('entered_at'),
    enteredBy: uuid('entered_by').references(() => users.id),
    createdAt: created(),
    updatedAt: updated(),
    version: version(),
  },
  (t) => [
    index('consults_office_idx').on(t.officeId, t.status),
    index('consults_subject_idx').on(t.subjectType, t.subjectId),
    // Issue 11: the consult list's order (open first, then by request time, then id), statewide
    // and per office; the compliance period by request time; the consults still waiting.
    index('consults_queue_idx').on(sql`(case status when 'requested' then 0 when 'held' then 1 else 2 end)`, t.requestedAt, t.id),
    index('consults_office_queue_idx').on(t.officeId, sql`(case status when 'requested' then 0 when 'held' then 1 else 2 end)`, t.requestedAt, t.id),
    index('consults_subject_id_idx').on(t.subjectId, t.requestedAt),
    index('consults_requested_at_idx').on(t.requestedAt),
    index('consults_waiting_idx').on(t.requestedAt, t.id).where(sql`status = 'requested' and held_at is null`),
  ],
);

/** LD-1: the local HART team of an office: its dedicated members (a liaison, others). */
export const hartTeamMembers = pgTable(
  'hart_team_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    teamRole: text('team_role').notNull(),
    addedAt: ts('added_at').notNull(),
    addedBy: uuid('added_by').references(() => users.id),
    endedAt: ts('ended_at'),
  },
  (t) => [
    index('hart_team_members_office_idx').on(t.officeId),
    // A person is on an office's team once at a time (two Leads adding them at once: one wins).
    uniqueIndex('hart_team_members_active_idx').on(t.officeId, t.userId).where(sql`${t.endedAt} is null`),
  ],
);

/** LD-1: a local HART team meeting (when, who came; the notes sealed: they discuss children). */
export const hartMeetings = pgTable(
  'hart_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    heldAt: ts('held_at').notNull(),
    attendeeIds: jsonb('attendee_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    notesSealed: text('notes_sealed'),
    /** A retried "record meeting" answers the first meeting instead of recording it twice. */
    idempotencyKey: text('idempotency_key').unique(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: created(),
  },
  (t) => [index('hart_meetings_office_idx').on(t.officeId, t.heldAt)],
);

/**
 * LD-2, LD-4, DR-3: a liaison asks the HART Lead for support on a case (consult, treatment
 * options, law enforcement, a recovery operation); the Lead answers, or escalates to the HART
 * Director what cannot be handled locally. Texts are sealed.
 */
export const supportRequests = pgTable(
  'support_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    subjectType: text('subject_type'),
    subjectId: uuid('subject_id'),
    consultId: uuid('consult_id').references(() => consults.id),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('open'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: ts('requested_at').notNull(),
    questionSealed: text('question_sealed').notNull(),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: ts('answered_at'),
    answerSealed: text('answer_sealed'),
    escalatedBy: uuid('escalated_by').references(() => users.id),
    escalatedAt: ts('escalated_at'),
    escalationSealed: text('escalation_sealed'),
    directorBy: uuid('director_by').references(() => users.id),
    directorAt: ts('director_at'),
    directorSealed: text('director_sealed'),
    idempotencyKey: text('idempotency_key').unique(),
    createdAt: created(),
    updatedAt: updated(),
    version: version(),
  },
  (t) => [
    index('support_requests_office_idx').on(t.officeId, t.status),
    // Issue 11: the support list's order (escalations first, then open, by request time, then id); a requester's own.
    index('support_requests_queue_idx').on(sql`(case status when 'escalated' then 0 when 'open' then 1 else 2 end)`, t.requestedAt, t.id),
    index('support_requests_requester_idx').on(t.requestedBy, t.requestedAt),
  ],
);

// --- Changes awaiting a second administrator (CF-1) -------------------------------------------

/**
 * CF-1: an administrative change that would give someone a child's identity (a child-document
 * party's address, wide reach to child records) is kept here until a second administrator
 * approves or rejects it. `change` is what is applied on approval (for a new account or a password,
 * the password hash, removed once decided); `summary` is what the approver reads. One pending
 * change per target (`target_key`): a retried request finds the first.
 */
export const approvalRequests = pgTable(
  'approval_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id'),
    targetKey: text('target_key').notNull(),
    targetLabel: text('target_label').notNull(),
    /** The target's version when asked: approval applies the change only to the record the approver was shown. */
    targetVersion: integer('target_version'),
    change: jsonb('change').notNull(),
    summary: jsonb('summary').notNull(),
    status: text('status').notNull().default('pending'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: ts('requested_at').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    reason: text('reason'),
    createdAt: created(),
    updatedAt: updated(),
    version: version(),
  },
  (t) => [
    uniqueIndex('approval_requests_pending_target_idx').on(t.targetKey).where(sql`status = 'pending'`),
    index('approval_requests_status_idx').on(t.status, t.requestedAt, t.id),
    // GET /api/approvals?sort=decidedAt: the status filtered by, then the decision (a pending change's request), then the id.
    index('approval_requests_status_decided_idx').on(t.status, sql`coalesce(${t.decidedAt}, ${t.requestedAt})`, t.id),
  ],
);

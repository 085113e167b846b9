/**
 * Every place the data key seals a value, as data: the key check on start opens one of them, and
 * `harbor keys rotate` re-seals them all. `context` is the column name the seal is bound to (its
 * associated data, see vault.ts), which is not always the SQL column's. A new sealed column is
 * added here too: sealed-columns.test.ts fails while a `*_sealed` column of the schema is missing.
 */
export interface SealedColumn {
  /** SQL table; every one has a uuid primary key `id`, the seal's row. */
  readonly table: string;
  /** SQL column holding the sealed value. */
  readonly column: string;
  /** The column name the seal names (SealContext.column). */
  readonly context: string;
  /**
   * How the envelope is stored: text; bytea (the envelope's UTF-8 bytes); or one field of a jsonb
   * object.
   */
  readonly storage: 'text' | 'bytea' | { readonly jsonField: string };
}

export const sealedColumns: readonly SealedColumn[] = [
  // people first: the key check samples the first sealed value it finds, and a person's blind
  // indexes are recomputed with their identity.
  { table: 'people', column: 'identity', context: 'identity', storage: 'text' },
  { table: 'referrals', column: 'draft_sealed', context: 'draft', storage: 'text' },
  { table: 'referrals', column: 'supervisor_note_sealed', context: 'supervisor_note', storage: 'text' },
  { table: 'referrals', column: 'decision_explanation_sealed', context: 'decision_explanation', storage: 'text' },
  { table: 'referrals', column: 'priority_override_reason_sealed', context: 'priority_override_reason', storage: 'text' },
  { table: 'referrals', column: 'triage_reason_sealed', context: 'triage_reason', storage: 'text' },
  { table: 'referral_notices', column: 'police_contact_sealed', context: 'police_contact', storage: 'text' },
  { table: 'case_notices', column: 'police_contact_sealed', context: 'police_contact', storage: 'text' },
  { table: 'obligations', column: 'resolution_sealed', context: 'resolution', storage: 'text' },
  { table: 'cases', column: 'red_flags', context: 'red_flags', storage: { jsonField: 'assessmentSealed' } },
  { table: 'case_allegations', column: 'assessment_sealed', context: 'assessment_sealed', storage: 'text' },
  { table: 'consults', column: 'request_sealed', context: 'request', storage: 'text' },
  { table: 'consults', column: 'record_sealed', context: 'record', storage: 'text' },
  { table: 'consults', column: 'override_sealed', context: 'override', storage: 'text' },
  { table: 'hart_meetings', column: 'notes_sealed', context: 'notes', storage: 'text' },
  { table: 'support_requests', column: 'question_sealed', context: 'question', storage: 'text' },
  { table: 'support_requests', column: 'answer_sealed', context: 'answer', storage: 'text' },
  { table: 'support_requests', column: 'escalation_sealed', context: 'escalation', storage: 'text' },
  { table: 'support_requests', column: 'director_sealed', context: 'director', storage: 'text' },
  { table: 'documents', column: 'bytes', context: 'bytes', storage: 'bytea' },
];

/** Columns whose name says "sealed" but whose value is not sealed with the data key. */
export const notDataKeySealed: readonly string[] = [
  // The acknowledgment token, sealed with the link key (HARBOR_SECRET_KEY), not the data key.
  'outbox_messages.ack_token_sealed',
];

/**
 * Shapes shared by the Careline rules. A rule that checks input answers with field errors in the
 * API's own shape (`apiError.fields`), so the server can pass them through and the web app can
 * put each message next to its field.
 */
export interface FieldError {
  /** Dotted path of the field in the request body, e.g. `children.0.allegations`. */
  field: string;
  message: string;
}

/** The clause IDs of `shared/policy/clauses.md` that the Careline rules cite. */
export type CarelineClause = 'CL-1' | 'CL-2' | 'CL-3' | 'CL-4' | 'CL-5' | 'CL-6' | 'CL-7' | 'CL-8' | 'DR-1' | 'DR-2' | 'OG-2';

import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import type { FieldError } from './errors.js';

/** Carries zod's issues, translated to named fields, to the error handler. */
export class RequestValidationError extends Error {
  constructor(
    readonly part: string,
    readonly fields: FieldError[],
  ) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
    this.name = 'RequestValidationError';
  }
}

const partName: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'headers' };

export function issuesToFields(issues: readonly z.core.$ZodIssue[], part: string): FieldError[] {
  const fields: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const at = issue.path.map(String);
      for (const key of issue.keys) fields.push({ field: [...at, key].join('.'), message: 'Unknown field' });
      continue;
    }
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : part;
    fields.push({ field, message: issue.message });
  }
  return fields;
}

/** PostgreSQL text cannot hold NUL; a request carrying one is refused by name, never a 500. */
function nulFields(value: unknown, at: string[], out: FieldError[]): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ field: at.join('.') || 'value', message: 'Contains a character that is not allowed' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulFields(v, [...at, String(i)], out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nulFields(v, [...at, k], out);
  }
}

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const bad: FieldError[] = [];
    nulFields(data, [], bad);
    if (bad.length > 0) return { error: new RequestValidationError(partName[httpPart ?? 'body'] ?? 'body', bad) };
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const part = partName[httpPart ?? 'body'] ?? 'body';
    return { error: new RequestValidationError(part, issuesToFields(result.error.issues, part)) };
  };

import { HttpError } from './errors.js';
import type { HarborApp } from './types.js';

/** No Harbor form nests more than a handful of levels; an attacker's body may nest thousands. */
export const maxJsonDepth = 32;

/**
 * How deeply `text` nests arrays and objects, stopping as soon as it passes `limit`: one pass
 * over the characters, brackets inside strings (and escaped quotes) not counted. Linear in the
 * body's size however it nests, where JSON.parse and the schema's walk over a 1 MB nested array
 * take seconds.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export const tooDeep = () =>
  new HttpError(400, 'validation', `body: The JSON is nested more than ${maxJsonDepth} levels deep.`, [{ field: 'body', message: `Nested more than ${maxJsonDepth} levels deep` }]);

/**
 * Replaces Fastify's JSON parser with one that measures the nesting first, then parses as
 * Fastify does (prototype poisoning refused). The body limit (bodyLimit) still applies: the
 * body is read as a string up to it.
 */
export function installJsonParser(app: HarborApp): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (nestsDeeperThan(text, maxJsonDepth)) {
      done(tooDeep(), undefined);
      return;
    }
    void parse(req, text, done);
  });
}

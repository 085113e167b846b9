/**
 * A word of the policy pack in the page's language, for a code that reaches the page as a plain
 * string (from the server: a duty's `completes`, a stored Decision Map step, a stored response
 * priority): the translation when the code is one the pack knows, otherwise the English the server
 * sent (a code from a newer or older pack, so the page never shows a bare code or nothing).
 */
export function policyWord<K extends string>(words: Readonly<Record<K, string>>, code: string | null | undefined, fallback: string): string {
  return code != null && Object.hasOwn(words, code) ? words[code as K] : fallback;
}

import type { ObligationRule } from '../obligations/engine.js';

/** Investigation (IN-1 .. IN-8) and ongoing-case (OG-1 .. OG-4) duties. */
export const investigationObligationRules: readonly ObligationRule[] = [];

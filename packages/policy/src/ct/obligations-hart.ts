import type { ObligationRule } from '../obligations/engine.js';

/** HART duties: consults (HL-1 .. HL-6), local teams (LD-1 .. LD-4), the Director (DR-3, DR-4). */
export const hartObligationRules: readonly ObligationRule[] = [];

// The Careline rules (issue 3): CL-1 to CL-8, DR-1, DR-2, and OG-2's notices.
export * from './common.js';
export * from './vocabulary.js';
export * from './town.js';
export * from './indicators.js';
export * from './characteristics.js';
export * from './maltreatment.js';
export * from './acceptance.js';
export * from './response-priority-tree.js';
export * from './response-priority.js';
export * from './notices.js';
export * from './critical-incident.js';
export * from './arrest.js';
export * from './document.js';
export * from './dcf737.js';
export * from './dcf823.js';
export * from './triage.js';
export * from './referral-status.js';

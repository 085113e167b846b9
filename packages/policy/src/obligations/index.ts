// The generic obligation engine (issue 4); Connecticut's rules are in ct/obligations.ts.
export * from './engine.js';
export * from './schedule.js';

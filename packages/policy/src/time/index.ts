// Deadline arithmetic in a time zone with a holiday calendar (issue 4), pure: no clock is read.
export * from './zone.js';
export * from './calendar.js';
export * from './due.js';

// HART consults and teams (issue 4): the Decision Map (HL-3), support kinds (LD-2).
export * from './decision-map.js';
export * from './support.js';
export { hartMonthlyDataDay, hartMonthlyPeriod } from '../ct/obligations-hart.js';

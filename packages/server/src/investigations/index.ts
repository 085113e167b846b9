export { registerInvestigationRoutes } from './routes.js';
export { consultsOf, dutiesOf, dutyById, isOpen, openDuty, waiveDuty } from './duties.js';

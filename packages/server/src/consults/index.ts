export * from './request.js';
export { raiseMonthlyDuties, completeMonthlyData } from './monthly.js';
export { registerConsultRoutes } from './routes.js';
export { namesOf } from './views.js';
export { listConsults, readConsult, requestConsultFor } from './service.js';
export { completeDecisionMap, enterConsult, holdConsult, overrideConsult } from './commands.js';

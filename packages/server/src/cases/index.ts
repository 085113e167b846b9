export { registerCaseRoutes } from './routes.js';
export { createCase, inScope as caseInReach, listCases, readCase } from './service.js';
export { raiseHtConcern } from './ht-concern.js';

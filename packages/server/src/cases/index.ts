export { registerCaseRoutes } from './routes.js';
export { createCase, listCases, readCase } from './service.js';
export { raiseHtConcern } from './ht-concern.js';

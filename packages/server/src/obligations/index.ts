export * from './service.js';
export { runObligationPass, schedulerOptionsFrom, type PassReport, type SchedulerOptions } from './scheduler.js';
export { startSchedulerWorker, type SchedulerWorker, type SchedulerWorkerOptions } from './worker.js';
export { registerObligationRoutes } from './routes.js';
export { historyOrder } from './queries.js';
export { overseesOffice } from '../access/index.js';

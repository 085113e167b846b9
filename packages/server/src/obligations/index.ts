export * from './service.js';
export { runObligationPass, schedulerOptionsFrom, schedulerReason, type PassReport, type SchedulerOptions } from './scheduler.js';
export { startSchedulerWorker, type SchedulerWorker, type SchedulerWorkerOptions } from './worker.js';
export { registerObligationRoutes } from './routes.js';
export { historyOrder } from './queries.js';
export { overseesOffice } from '../access/index.js';

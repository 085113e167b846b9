export { approveChange, listApprovals, rejectChange } from './decide.js';
export { requestApproval, wakeIfPending, type ApprovalAudit, type ApprovalContext, type ApprovalInput, type StoredChange } from './request.js';
export { registerApprovalRoutes } from './routes.js';

export { registerReferralRoutes } from './routes.js';
export { createDraft, draftConflictMessage, listReferrals, readReferral, updateDraft } from './service.js';
export { submitReferral, type SubmitContext } from './submit.js';
export { recordPhoneNotice } from './phone.js';
export { decideReferral } from './decision.js';
export { approveNonAcceptance } from './approval.js';
export { assignInvestigator, assignmentQueue } from './assignment.js';
export { triageQueue, triageReferral } from './triage.js';
export { findPersonMatches } from './person-matches.js';

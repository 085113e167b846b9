export { registerReferralRoutes } from './routes.js';
export { areaOfficeIdOf, createDraft, draftConflictMessage, draftOf, insertDraft, listReferrals, readReferral, updateDraft, type DraftSource, type Row as ReferralRow } from './service.js';
export { sendCriticalIncident, submitDraftRow, submitReferral, validate as validateReferral, type SubmitContext } from './submit.js';
export { recordPhoneNotice } from './phone.js';
export { decideReferral } from './decision.js';
export { approveNonAcceptance } from './approval.js';
export { assignInvestigator, assignmentQueue } from './assignment.js';
export { triageQueue, triageReferral } from './triage.js';
export { findPersonMatches } from './person-matches.js';

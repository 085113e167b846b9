export { appendAudit, audited, auditAlone, type Audit, type AuditEntry, type AuditOutcome } from './writer.js';
export { verifyAuditChain, type VerifyResult } from './verify.js';

export { appendAudit, appendAuditRows, audited, auditAlone, type Audit, type AuditEntry, type AuditOutcome, type PendingAudit } from './writer.js';
export { verifyAuditChain, type BreakReason, type VerifyOptions, type VerifyResult } from './verify.js';
export { auditKeyFrom, currentAuditKey, parseAuditKey, pinnableAuditKey, useAuditKey } from './key.js';
export { checkpointFileName, readCheckpoints, startAuditCheckpointer, writeCheckpoint, type Checkpointer } from './checkpoint.js';
export { auditHash, genesisHash, keyedMarkerAction, type AuditContent } from './chain.js';

export { auditKeyIsDerived, rotateDataKey, type RotateOptions, type RotateResult } from './rotate.js';
export { progressBar } from './progress.js';

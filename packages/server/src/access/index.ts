export { assertActor, assignableStaff, assignmentReach, can, derivePermissions, draftScope, recordScope, servesOffice } from './decide.js';
export { systemActor, type Actor, type AuthUser } from './types.js';

export { assertActor, can, derivePermissions, draftScope, recordScope } from './decide.js';
export { systemActor, type Actor, type AuthUser } from './types.js';

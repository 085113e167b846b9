export { assertActor, can, derivePermissions, recordScope } from './decide.js';
export { systemActor, type Actor, type AuthUser } from './types.js';

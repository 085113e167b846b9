export { assertActor, assignableStaff, assignmentReach, can, caseScope, derivePermissions, draftScope, isIntakeProgramManager, personScope, recordScope, servesOffice } from './decide.js';
export { recordRouteNoun } from './record-routes.js';
export { systemActor, type Actor, type AuthUser } from './types.js';

export { assertActor, assignableStaff, assignmentReach, can, caseScope, derivePermissions, draftScope, isIntakeProgramManager, personScope, recordScope, servesOffice } from './decide.js';
export { mine, overseesOffice, oversight, reachable, resolves } from './duty-reach.js';
export { recordRouteNoun } from './record-routes.js';
export { assignedTo, consultScope, investigationScope, recordKinds, recordNoun, referralAreaOffice, regionOffices, scopeFor, supportScope, teamReach, type RecordKind } from './scope.js';
export { systemActor, type Actor, type AuthUser } from './types.js';
export { caseOrWorker, timelineScope, viaHartConsult } from './scope.js';

export { registerPeopleRoutes } from './routes.js';
export { createPerson, insertPeople, insertPerson, listPeople, readPerson, updatePerson, type NewPerson } from './service.js';
export { matchKeyKinds, matchKeyRows, openIdentity, sealIdentity, writeMatchKeys, type Identity, type MatchKeyKind } from './identity.js';

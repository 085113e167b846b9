export { hashPassword, verifyPassword, warmUpPasswordHashing } from './passwords.js';
export { loadAuthUser, findUserByUsername } from './queries.js';
export { deleteSession, deleteSessionsOfUser, lookupSession, preSessionCsrfCookie, purgeStaleSessions, sessionCookie } from './sessions.js';
export { clearThrottle, throttleKey } from './throttle.js';
export { sameToken } from './tokens.js';

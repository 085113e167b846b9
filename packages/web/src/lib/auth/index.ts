export { changePassword, endSession, keepAlive, refreshSession, signIn, signOut, verifySession } from './actions';
export type { EndReason } from './channel';
export { useEndReason } from './end-reason';
export { sessionQuery, useSession, useSignedIn, type Session, type SignedIn } from './session';
export { useSessionSync } from './sync';

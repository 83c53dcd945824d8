/**
 * The auth module's front door: password hashing, an account as an actor, the session cookie and
 * the revocation of a user's sessions (when their password, roles, region or status change).
 */
export { loadActor } from './load-actor.ts';
export { login } from './login.ts';
export { hashPassword } from './password.ts';
/** deviceLabelOf: the users module's session list names a phone the same way the sign-in does. */
export { SESSION_COOKIE, deviceLabelOf, endedSessionStatus, loadSession, revokeUserSessions, touchSession } from './sessions.ts';

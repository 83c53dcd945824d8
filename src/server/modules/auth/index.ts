/**
 * The auth module's front door: password hashing, an account as an actor, the session cookie and
 * the revocation of a user's sessions (when their password, roles, region or status change).
 */
export { loadActor } from './load-actor.ts';
export { login } from './login.ts';
export { hashPassword } from './password.ts';
export { SESSION_COOKIE, endedSessionStatus, loadSession, revokeUserSessions, touchSession } from './sessions.ts';

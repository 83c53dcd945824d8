/** What every request carries once the auth hook has run. */
import type { TLocale } from '../../shared/locale.ts';
import type { TRole } from '../../shared/roles.ts';

/** The signed-in user, with the region they are bound to (their scope). */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  roles: TRole[];
  locale: TLocale;
  regionId: string;
  regionCode: string;
  /** Materialized path of the user's region: everything whose path starts with it is in scope. */
  regionPath: string;
  countyCode: string | null;
  departmentId: string | null;
}

export interface SessionInfo {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  /** When its last use was written (see auth's touchSession); null until the first. */
  lastSeenAt?: Date | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    locale: TLocale;
    actor: Actor | null;
    session: SessionInfo | null;
    /** Why the request's cookie no longer signs it in, when that is worth telling (401 session_ended / session_expired). */
    sessionEnd: 'ended' | 'expired' | null;
  }
  interface FastifyContextConfig {
    access?: import('./route.ts').Access;
    /** The shared route table's contract the route implements (absent for routes not yet in the table). */
    contract?: import('../../shared/api/contract.ts').RouteContract;
  }
}

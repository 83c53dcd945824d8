/** Helpers for the cases modules' tests: a seeded demo database, actors and contexts. Test code only. */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../http/context.ts';
import { cliAuditSource } from '../../audit/index.ts';
import { loadActor } from '../../auth/index.ts';
import type { CaseWriteContext } from '../register-case.ts';
import { testCipher } from '../../../../../test/support/test-app.ts';

export const GANGCHENG = '370921104';
export const GANGCHENG_VILLAGE = `${GANGCHENG}201`;

/** The actor a signed-in demo user would be. */
export async function caseActor(db: Kysely<DB>, username: string): Promise<Actor> {
  const actor = await loadActor({ db, actor: null }, { username });
  if (!actor) throw new Error(`no active account ${username}`);
  return actor;
}

/** A write context for cases as `username` (or the deployment when null), with the tests' cipher. */
export async function caseContext(db: Kysely<DB>, username: string | null): Promise<CaseWriteContext> {
  const actor = username === null ? null : await caseActor(db, username);
  return { db, actor, cipher: testCipher, source: actor ? { actorId: actor.id, actorName: actor.username, requestId: 'test', clientIp: null } : cliAuditSource('test') };
}

/** Helpers for tests that file through the resident page: a human check whose answer the test knows. Test code only. */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { CHALLENGE_TTL_MS, challengeAnswerHash } from '../public-challenge.ts';

/**
 * Stores a challenge whose answer is `answer` (as the route would, without the picture).
 *
 * @example
 * const { challengeId, challengeAnswer } = await knownChallenge(db);
 */
export async function knownChallenge(db: Kysely<DB>, answer = 42, now = new Date()): Promise<{ challengeId: string; challengeAnswer: string }> {
  const id = crypto.randomBytes(16).toString('hex');
  await db.insertInto('public_challenge').values({ id, answer_hash: challengeAnswerHash(id, answer), expires_at: new Date(now.getTime() + CHALLENGE_TTL_MS) }).execute();
  return { challengeId: id, challengeAnswer: String(answer) };
}

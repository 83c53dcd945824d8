import crypto from 'node:crypto';
import { AppError } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import type { TPublicChallenge } from '../../../shared/schemas/resident-page.ts';
import { arithmeticQuestion, challengeSvg } from './challenge-image.ts';

/** How long a picture may be answered: long enough to write a problem down on a phone. */
export const CHALLENGE_TTL_MS = 15 * 60 * 1000;

/** The stored form of an answer: SHA-256 of the challenge id and the number, never the number itself. */
export const challengeAnswerHash = (id: string, answer: string | number) => crypto.createHash('sha256').update(`${id}:${String(answer).trim()}`).digest('hex');

/**
 * Issues a one-use human check (人机验证) for the resident page: stores the answer's hash with an
 * expiry and answers the picture. Expired checks are swept here, so the table stays small.
 * Takes a ReadContext: a challenge is a throw-away token for an anonymous caller, not a change
 * anyone needs to account for, so it writes no audit entry.
 *
 * @example
 * const c = await issueChallenge({ db, actor: null }, {});
 * c.image; // 'data:image/svg+xml;base64,…'
 */
export async function issueChallenge({ db }: ReadContext<null>, { now = new Date(), question = arithmeticQuestion() }: { now?: Date; question?: { text: string; answer: number } }): Promise<TPublicChallenge> {
  const id = crypto.randomBytes(16).toString('hex');
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
  await db.deleteFrom('public_challenge').where('expires_at', '<', new Date(now.getTime() - CHALLENGE_TTL_MS)).execute();
  await db.insertInto('public_challenge').values({ id, answer_hash: challengeAnswerHash(id, question.answer), expires_at: expiresAt }).execute();
  const svg = challengeSvg(question.text);
  return { id, image: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, expiresAt: expiresAt.toISOString() };
}

/**
 * Uses up a challenge: marks it used in one statement (so a replay, even a simultaneous one,
 * finds it used), then compares the answer's hash in constant time. One answer per picture:
 * a wrong one spends it too. 422 `public_challenge_failed` when unknown, expired, used or wrong.
 * Takes a ReadContext for the same reason as `issueChallenge`.
 *
 * @example
 * await consumeChallenge({ db, actor: null }, { id, answer: '43' });
 */
export async function consumeChallenge({ db }: ReadContext<null>, { id, answer, now = new Date() }: { id: string; answer: string; now?: Date }): Promise<void> {
  const row = await db
    .updateTable('public_challenge')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('answer_hash')
    .executeTakeFirst();
  const expected = Buffer.from(row?.answer_hash ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(challengeAnswerHash(id, Number(answer)), 'hex');
  if (!crypto.timingSafeEqual(expected, given) || !row) throw new AppError(422, 'public_challenge_failed');
}

import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1). Algorithm 2 is Argon2id (a const enum upstream).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** @example const stored = await hashPassword('s3cret-pass'); */
export const hashPassword = (password: string) => hash(password, OPTIONS);

/** Constant-time check; a malformed stored hash counts as a mismatch. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Verified against when the username does not exist, so timing does not reveal which names exist. */
export const DUMMY_HASH = await hashPassword('lianxin-timing-equalizer-0');

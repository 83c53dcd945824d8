import { createFieldCipher } from '../../src/server/security/field-cipher.ts';

/** A fixed key for benchmark databases, which are dropped afterwards. */
export const BENCH_CIPHER = createFieldCipher(Buffer.alloc(32, 42));

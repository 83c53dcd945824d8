/**
 * Encryption at rest for personal data (ID numbers, phones): AES-256-GCM with a random IV per
 * value, plus a keyed hash (HMAC-SHA256) so exact lookups use an index without decrypting.
 * Both keys are derived (HKDF) from one 32-byte data key.
 */
import crypto from 'node:crypto';

const VERSION = 'v1';

export interface FieldCipher {
  encrypt(plaintext: string): string;
  decrypt(stored: string): string;
  /** Deterministic keyed hash for exact-match lookups; `kind` keeps ID numbers and phones apart. */
  lookupHash(kind: 'id' | 'phone', value: string): string;
  /** Identifies the key without revealing it; stored in the database to catch a wrong key. */
  fingerprint: string;
}

/** The data key behind each cipher made here (see dataKeyOf). */
const dataKeys = new WeakMap<FieldCipher, Buffer>();

/**
 * The data key a cipher was made from, so that the import's own worker threads (in this process)
 * can make the same cipher; null for a cipher not made by createFieldCipher.
 *
 * @example
 * const worker = new Worker(entry, { workerData: { key: dataKeyOf(cipher) } }); // then createFieldCipher(key) there
 */
export const dataKeyOf = (cipher: FieldCipher): Buffer | null => {
  const key = dataKeys.get(cipher);
  return key ? Buffer.from(key) : null;
};

/**
 * @example
 * const cipher = createFieldCipher(crypto.randomBytes(32));
 * cipher.decrypt(cipher.encrypt('37092119800101123X')); // '37092119800101123X'
 */
export function createFieldCipher(dataKey: Buffer): FieldCipher {
  if (dataKey.length !== 32) throw new Error('The data key must be 32 bytes');
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
  const encKey = derive('lianxin/field-encryption/v1');
  const macKey = derive('lianxin/lookup-hash/v1');
  const hmac = (text: string) => crypto.createHmac('sha256', macKey).update(text).digest('base64url');
  // IVs come from a pool refilled from the CSPRNG: one system call per 4,096 values instead of
  // one per value, which an import of a county's registry makes a million times.
  const pool = Buffer.alloc(12 * 4096);
  let offset = pool.length;
  const nextIv = () => {
    if (offset === pool.length) {
      crypto.randomFillSync(pool);
      offset = 0;
    }
    offset += 12;
    return Buffer.from(pool.subarray(offset - 12, offset));
  };
  const cipher: FieldCipher = {
    encrypt(plaintext) {
      const iv = nextIv();
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
    },
    decrypt(stored) {
      const [version, payload] = stored.split('.');
      if (version !== VERSION || !payload) throw new Error('Unknown ciphertext format');
      const raw = Buffer.from(payload, 'base64url');
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    },
    lookupHash: (kind, value) => hmac(`${kind}:${value}`),
    fingerprint: hmac('lianxin/key-fingerprint'),
  };
  dataKeys.set(cipher, Buffer.from(dataKey));
  return cipher;
}

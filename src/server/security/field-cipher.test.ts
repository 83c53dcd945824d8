import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, dataKeyOf } from './field-cipher.ts';

describe('field cipher', () => {
  const cipher = createFieldCipher(crypto.randomBytes(32));

  it('round-trips, with a fresh IV every time (no two ciphertexts alike)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const stored = cipher.encrypt('37092119800101123X');
      expect(stored).toMatch(/^v1\./);
      seen.add(stored.slice(3, 19)); // the IV's base64url
    }
    expect(seen.size).toBe(10_000);
    expect(cipher.decrypt(cipher.encrypt('13812345678'))).toBe('13812345678');
    expect(cipher.decrypt(cipher.encrypt('张三'))).toBe('张三');
  });

  it('detects tampering and refuses other keys', () => {
    const stored = cipher.encrypt('13812345678');
    const raw = Buffer.from(stored.slice(3), 'base64url');
    raw[14] = raw[14]! ^ 1;
    expect(() => cipher.decrypt(`v1.${raw.toString('base64url')}`)).toThrow();
    expect(() => createFieldCipher(crypto.randomBytes(32)).decrypt(stored)).toThrow();
    expect(() => cipher.decrypt('v0.abc')).toThrow(/format/);
  });

  it('hashes deterministically per kind and key, and fingerprints the key', () => {
    expect(cipher.lookupHash('id', 'x')).toBe(cipher.lookupHash('id', 'x'));
    expect(cipher.lookupHash('id', 'x')).not.toBe(cipher.lookupHash('phone', 'x'));
    const other = createFieldCipher(crypto.randomBytes(32));
    expect(other.lookupHash('id', 'x')).not.toBe(cipher.lookupHash('id', 'x'));
    expect(other.fingerprint).not.toBe(cipher.fingerprint);
    expect(() => createFieldCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });

  it('gives its data key to make the same cipher elsewhere (the import\'s worker threads), as a copy, and none for a cipher made otherwise', () => {
    const key = dataKeyOf(cipher)!;
    const twin = createFieldCipher(key);
    expect(twin.decrypt(cipher.encrypt('37092119800101123X'))).toBe('37092119800101123X');
    expect(twin.fingerprint).toBe(cipher.fingerprint);
    key.fill(0);
    expect(dataKeyOf(cipher)!.equals(key)).toBe(false);
    expect(dataKeyOf({ ...cipher })).toBeNull();
  });
});

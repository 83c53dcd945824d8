import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.ts';
import { createFieldCipher } from './field-cipher.ts';
import { DataKeyError, loadDataKey, verifyDataKey } from './data-key.ts';

describe('data key', () => {
  it('is generated once beside an embedded database, readable only by its owner, then reused', () => {
    const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-key-'));
    const first = loadDataKey({ DATA_DIR, DATABASE_URL: undefined, LIANXIN_DATA_KEY: undefined });
    expect(first).toHaveLength(32);
    expect(fs.statSync(path.join(DATA_DIR, 'data.key')).mode & 0o777).toBe(0o600);
    expect(loadDataKey({ DATA_DIR, DATABASE_URL: undefined, LIANXIN_DATA_KEY: undefined })).toEqual(first);
  });
  it('must be configured for a PostgreSQL server, and be 32 bytes', () => {
    expect(() => loadDataKey({ DATA_DIR: '/nonexistent', DATABASE_URL: 'postgres://x@y/z', LIANXIN_DATA_KEY: undefined })).toThrow(DataKeyError);
    expect(() => loadDataKey({ DATA_DIR: '/nonexistent', DATABASE_URL: undefined, LIANXIN_DATA_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/32 bytes/);
    const key = crypto.randomBytes(32);
    expect(loadDataKey({ DATA_DIR: '/nonexistent', DATABASE_URL: 'postgres://x@y/z', LIANXIN_DATA_KEY: key.toString('base64') })).toEqual(key);
  });
});

for (const dialect of DIALECTS) {
  describe(`data key fingerprint [${dialect.name}]`, () => {
    it('is recorded on first use; a different key is refused', async () => {
      const database = await dialect.open();
      try {
        const cipher = createFieldCipher(crypto.randomBytes(32));
        await verifyDataKey(database.db, cipher);
        await verifyDataKey(database.db, cipher);
        await expect(verifyDataKey(database.db, createFieldCipher(crypto.randomBytes(32)))).rejects.toThrow(DataKeyError);
      } finally {
        await database.close();
      }
    });
  });
}

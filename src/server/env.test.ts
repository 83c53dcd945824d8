import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.ts';

describe('loadEnv', () => {
  it('has working defaults: port 3000, PGlite in ./data', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe(path.resolve('data'));
  });
  it('reads overrides', () => {
    const env = loadEnv({ PORT: '8080', DATA_DIR: '/tmp/x', DATABASE_URL: 'postgres://u@h:5432/d', COOKIE_SECURE: 'true' });
    expect(env).toMatchObject({ PORT: 8080, DATA_DIR: '/tmp/x', DATABASE_URL: 'postgres://u@h:5432/d', COOKIE_SECURE: true });
  });
  it('keeps visit files under the data directory unless FILES_DIR names a folder', () => {
    expect(loadEnv({ DATA_DIR: '/tmp/x' }).FILES_DIR).toBe(path.resolve('/tmp/x/files'));
    expect(loadEnv({ DATA_DIR: '/tmp/x', FILES_DIR: '/srv/lianxin-files' }).FILES_DIR).toBe('/srv/lianxin-files');
    const env = loadEnv({});
    expect(env).toMatchObject({ VISIT_PHOTO_MAX_BYTES: 8 * 1024 * 1024, VISIT_SIGNATURE_MAX_BYTES: 512 * 1024, VISIT_IMAGE_MAX_PIXELS: 50_000_000 });
    expect(() => loadEnv({ VISIT_PHOTO_MAX_BYTES: 'big' })).toThrow(/VISIT_PHOTO_MAX_BYTES/);
  });
  it('names the variable that is wrong', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });
  it('takes an owner URL for migrations only beside DATABASE_URL', () => {
    const env = loadEnv({ DATABASE_URL: 'postgres://lianxin_app@h/d', DATABASE_OWNER_URL: 'postgres://owner@h/d' });
    expect(env).toMatchObject({ DATABASE_URL: 'postgres://lianxin_app@h/d', DATABASE_OWNER_URL: 'postgres://owner@h/d' });
    expect(() => loadEnv({ DATABASE_OWNER_URL: 'postgres://owner@h/d' })).toThrow(/DATABASE_OWNER_URL: needs DATABASE_URL/);
    expect(() => loadEnv({ DATABASE_URL: 'postgres://a@h/d', DATABASE_OWNER_URL: 'owner' })).toThrow(/DATABASE_OWNER_URL/);
  });
});

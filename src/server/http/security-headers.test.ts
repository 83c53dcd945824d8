import fs from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.ts';
import { startTestApp, testCipher, type TestApp } from '../../../test/support/test-app.ts';
import { buildApp } from '../app.ts';
import { loadEnv } from '../env.ts';
import { precompressAssets } from './precompress-assets.ts';
import { webCacheControl } from './security-headers.ts';

/** Sends a raw request line over a real socket: inject() would normalise the path first. */
function rawGet(port: number, target: string): Promise<{ statusLine: string; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => {
      const [head, body] = answer.split('\r\n\r\n') as [string, string];
      resolve({ statusLine: head.split('\r\n')[0]!, body: JSON.parse(body) as Record<string, unknown> });
    });
    socket.on('error', reject);
  });
}

const BUNDLE = `console.log(${JSON.stringify('连心 '.repeat(2000))});`;

describe('security headers and caching', () => {
  let t: TestApp;
  let web: FastifyInstance;
  let secure: FastifyInstance;
  let webDir: string;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp(DIALECTS[0]!);
    // A built web app in miniature: the shell, one hashed bundle, and the build's compressed copies.
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-headers-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), `<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/index-Ab12Cd34.js"></script>${' '.repeat(1200)}</body></html>`);
    fs.writeFileSync(path.join(webDir, 'assets', 'index-Ab12Cd34.js'), BUNDLE);
    precompressAssets(webDir);
    const env = loadEnv({ LOG_LEVEL: 'silent' });
    web = await buildApp({ db: t.database.db, driver: t.database.driver, cipher: testCipher, env, webDir });
    await web.listen({ port: 0, host: '127.0.0.1' });
    port = (web.server.address() as AddressInfo).port;
    secure = await buildApp({ db: t.database.db, driver: t.database.driver, cipher: testCipher, env: loadEnv({ LOG_LEVEL: 'silent', COOKIE_SECURE: 'true' }) });
  });
  afterAll(async () => {
    await web?.close();
    await secure?.close();
    await t?.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('answers that carry personal data are never stored by a cache', async () => {
    const admin = await t.as('admin');
    for (const url of ['/api/auth/me', '/api/residents?q=张', '/api/health']) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    // Problems too: a 404 for a household says something about it.
    expect((await admin.get('/api/households/999999999')).headers['cache-control']).toBe('no-store');
    // A streamed export takes over the response: it must carry them as well.
    const xlsx = await admin.get('/api/residents/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['cache-control']).toBe('no-store');
    expect(xlsx.headers['x-content-type-options']).toBe('nosniff');
  });

  it('every answer forbids sniffing, framing and leaking the address in Referer', async () => {
    for (const res of [await t.anonymous.get('/api/health'), await web.inject({ method: 'GET', url: '/' })]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    }
  });

  it('the web app gets a CSP that allows no inline or foreign script', async () => {
    const res = await web.inject({ method: 'GET', url: '/survey/workstation' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
  });

  it('HSTS only when the deployment says it is served over HTTPS', async () => {
    expect((await t.anonymous.get('/api/health')).headers['strict-transport-security']).toBeUndefined();
    const res = await secure.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('sends the precompressed bundle (brotli, else gzip), cached as immutable', async () => {
    const br = await web.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.length).toBeLessThan(BUNDLE.length / 10);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(BUNDLE);

    const gz = await web.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(BUNDLE);

    const plain = await web.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BUNDLE);
  });

  it('the app shell is revalidated so an update reaches open tabs', async () => {
    for (const url of ['/', '/index.html', '/registry']) {
      const res = await web.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    expect(webCacheControl('/srv/web/assets/index-Ab12Cd34.js.br')).toBe('public, max-age=31536000, immutable');
    expect(webCacheControl('/srv/web/index.html')).toBe('no-cache');
  });

  it('a path that climbs out of its folder is a plain 404 not_found, however it is spelt', async () => {
    for (const target of ['/../../etc/passwd', '/assets/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fpackage.json', '/api/../../etc/passwd', '/..\\..\\etc\\passwd']) {
      const answer = await rawGet(port, target);
      expect(answer.statusLine, target).toBe('HTTP/1.1 404 Not Found');
      expect(answer.body, target).toMatchObject({ status: 404, code: 'not_found' });
    }
    // A missing file is a 404 too, not the app shell and not "no such API endpoint".
    const missing = await rawGet(port, '/assets/gone-Zz99Yy88.js');
    expect(missing.body).toMatchObject({ status: 404, code: 'not_found' });
    expect((await rawGet(port, '/api/nope')).body).toMatchObject({ status: 404, code: 'route_not_found' });
  });
});

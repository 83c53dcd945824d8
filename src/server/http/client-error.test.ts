import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';

/** Sends raw bytes over a real socket and reads the whole answer (the server closes after it). */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

const parse = (answer: string) => {
  const [head, body] = answer.split('\r\n\r\n') as [string, string];
  return { statusLine: head.split('\r\n')[0], head: head.toLowerCase(), body: JSON.parse(body) as Record<string, unknown> };
};

// What Node's HTTP parser refuses never reaches a route: inject() cannot show it, a socket can.
describe('requests the HTTP parser refuses, over a real socket', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp(DIALECTS[0]!);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => t?.close());

  it('a URL past 16 KB is 431 problem+json with a message to act on', async () => {
    const answer = parse(await exchange(port, `GET /api/residents?q=${encodeURIComponent('张'.repeat(2000))} HTTP/1.1\r\nHost: localhost\r\n\r\n`));
    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer.head).toContain('content-type: application/problem+json; charset=utf-8');
    expect(answer.body).toMatchObject({ status: 431, code: 'headers_too_large', title: 'Request Header Fields Too Large' });
    expect(answer.body.detail).toContain('请缩短查询条件');
    expect(answer.body.detail).toContain('Shorten the query');
  });

  it('headers past 16 KB (an overgrown cookie) are 431 too', async () => {
    const answer = parse(await exchange(port, `GET /api/health HTTP/1.1\r\nHost: localhost\r\nCookie: junk=${'x'.repeat(20_000)}\r\n\r\n`));
    expect(answer.body).toMatchObject({ status: 431, code: 'headers_too_large' });
  });

  it('a malformed request line is 400 bad_request', async () => {
    const answer = parse(await exchange(port, 'HELLO WORLD\r\n\r\n'));
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.body).toMatchObject({ status: 400, code: 'bad_request' });
  });

  it('keeps answering well-formed requests afterwards', async () => {
    const answer = await exchange(port, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
  });
});

import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { PROBLEM_MESSAGES, ZProblem } from '../../shared/problem.ts';
import { AppError } from './errors.ts';
import { registerProblemHandlers } from './problem.ts';

/** A bare app with our problem handlers and routes that throw what the test names. */
async function appThrowing(errors: Record<string, Error>) {
  const app = Fastify();
  registerProblemHandlers(app);
  for (const [path, error] of Object.entries(errors)) {
    app.get(path, async () => {
      throw error;
    });
  }
  await app.ready();
  return app;
}

describe('problem+json', () => {
  it('carries the extension members an AppError names, typed, next to the standard ones', async () => {
    const nextWindow = { from: '2026-11-30T06:00:00.000Z', to: '2026-11-30T12:30:00.000Z' };
    const app = await appThrowing({
      '/hours': new AppError(409, 'outside_calling_hours', { issues: [{ path: 'nextWindow', message: '2026-11-30 14:00–20:30 (Asia/Shanghai)' }], extensions: { nextWindow } }),
      '/period': new AppError(409, 'wave_ended', { extensions: { period: { startsOn: '2026-11-01', endsOn: '2026-11-20' } } }),
      '/none': new AppError(409, 'wave_closed'),
    });
    const hours = await app.inject({ url: '/hours' });
    expect(hours.statusCode).toBe(409);
    expect(hours.headers['content-type']).toContain('application/problem+json');
    const body = ZProblem.parse(hours.json());
    expect(body).toMatchObject({ status: 409, code: 'outside_calling_hours', nextWindow });
    // The words stay in the detail for readers without the extension.
    expect(body.detail).toBe(`${PROBLEM_MESSAGES.outside_calling_hours['zh-CN']} nextWindow: 2026-11-30 14:00–20:30（北京时间）`);

    expect((await app.inject({ url: '/period' })).json()).toMatchObject({ code: 'wave_ended', period: { startsOn: '2026-11-01', endsOn: '2026-11-20' } });
    // No extension: only the standard members.
    expect(Object.keys((await app.inject({ url: '/none' })).json()).sort()).toEqual(['code', 'detail', 'instance', 'requestId', 'status', 'title', 'type']);
    await app.close();
  });

  it('never lets an extension stand in for a standard member', async () => {
    // Not expressible in TypeScript; a use case building options loosely must still not override them.
    const sneaky = { nextWindow: null, code: 'forbidden', status: 200, detail: 'x' } as unknown as { nextWindow: null };
    const app = await appThrowing({ '/x': new AppError(409, 'outside_calling_hours', { extensions: sneaky }) });
    const res = await app.inject({ url: '/x' });
    expect(res.json()).toMatchObject({ code: 'outside_calling_hours', status: 409, nextWindow: null });
    expect(res.json().detail).toBe(PROBLEM_MESSAGES.outside_calling_hours['zh-CN']);
    await app.close();
  });
});

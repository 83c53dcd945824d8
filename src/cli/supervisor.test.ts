import { describe, expect, it } from 'vitest';
import { afterWorkerExit, describeExit, RESTART_POLICY, type RestartPolicy } from './supervisor.ts';

const crash = (uptimeMs = 2_000) => ({ code: 1, signal: null, uptimeMs });

describe('afterWorkerExit', () => {
  it('restarts a crashed worker after 1, 2, 4, 8, 16 s, then gives up at the sixth quick crash in a row', () => {
    let inARow = 0;
    const delays: number[] = [];
    for (;;) {
      const next = afterWorkerExit(inARow, crash());
      if (next.action === 'stop') {
        expect(next.exitCode).toBe(1);
        expect(next.reason).toMatch(/6 times in a row/);
        break;
      }
      delays.push(next.delayMs);
      inARow = next.crashesInARow;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('starts counting again after a worker that ran long enough', () => {
    expect(afterWorkerExit(4, crash(RESTART_POLICY.stableAfterMs))).toEqual({ action: 'restart', delayMs: 1_000, crashesInARow: 1 });
    expect(afterWorkerExit(4, crash(RESTART_POLICY.stableAfterMs - 1))).toEqual({ action: 'restart', delayMs: 16_000, crashesInARow: 5 });
  });

  it('treats a kill by a signal (OOM killer, kill -9) as a crash', () => {
    expect(afterWorkerExit(0, { code: null, signal: 'SIGKILL', uptimeMs: 10 })).toEqual({ action: 'restart', delayMs: 1_000, crashesInARow: 1 });
  });

  it('caps the wait', () => {
    const policy: RestartPolicy = { baseDelayMs: 1_000, maxDelayMs: 5_000, stableAfterMs: 60_000, maxCrashes: 10 };
    expect(afterWorkerExit(7, crash(), policy)).toEqual({ action: 'restart', delayMs: 5_000, crashesInARow: 8 });
  });

  it('stops with the worker when it exited normally or refused to start (exit code 2: a configuration mistake)', () => {
    expect(afterWorkerExit(3, { code: 0, signal: null, uptimeMs: 5 })).toMatchObject({ action: 'stop', exitCode: 0 });
    expect(afterWorkerExit(0, { code: 2, signal: null, uptimeMs: 5 })).toMatchObject({ action: 'stop', exitCode: 2 });
  });
});

describe('describeExit', () => {
  it('says the signal or the exit code, and how long the worker ran', () => {
    expect(describeExit({ code: null, signal: 'SIGKILL', uptimeMs: 12_340 })).toBe('was killed by SIGKILL after 12.3 s');
    expect(describeExit({ code: 1, signal: null, uptimeMs: 800 })).toBe('exited with code 1 after 0.8 s');
  });
});

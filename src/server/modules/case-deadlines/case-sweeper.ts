import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuditSource } from '../audit/index.ts';
import { sweepCaseDeadlines, type SweepResult } from './sweep-case-deadlines.ts';

/** Who the sweep's audit entries name: the server itself, no person. */
export const CASE_SWEEP_SOURCE: AuditSource = { actorId: null, actorName: 'cli:serve:case-sweep', requestId: null, clientIp: null };

export interface CaseSweeper {
  /** Starts sweeping every `intervalSeconds` (the first sweep one interval after start). */
  start(): void;
  /** Stops the timer and waits for a sweep under way to finish. */
  stop(): Promise<void>;
  /** The sweep under way, if any (tests wait for it). */
  running(): Promise<SweepResult | null>;
}

/**
 * The server's deadline sweep on a timer (督办). One sweep at a time in this process; across
 * processes sharing a PostgreSQL the sweep's advisory lock decides. An interval of 0 turns it off.
 * A failed sweep is logged and tried again at the next turn.
 *
 * @example
 * const sweeper = caseSweeper({ db, intervalSeconds: 300, log: app.log });
 * app.addHook('onReady', async () => sweeper.start());
 * app.addHook('onClose', async () => sweeper.stop());
 */
export function caseSweeper(options: { db: Kysely<DB>; intervalSeconds: number; log: { error(obj: unknown, msg: string): void; info(obj: unknown, msg: string): void } }): CaseSweeper {
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<SweepResult | null> | null = null;
  const tick = () => {
    if (current) return;
    current = sweepCaseDeadlines({ db: options.db, actor: null, source: CASE_SWEEP_SOURCE }, { now: new Date() })
      .then((result) => {
        if (result.reminded || result.escalated || result.returnedToDispatcher) options.log.info({ caseSweep: result }, 'case deadline sweep');
        return result;
      })
      .catch((error: unknown) => {
        options.log.error({ err: error }, 'case deadline sweep failed');
        return null;
      })
      .finally(() => {
        current = null;
      });
  };
  return {
    start() {
      if (options.intervalSeconds <= 0 || timer) return;
      timer = setInterval(tick, options.intervalSeconds * 1000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      if (current) await current;
    },
    running: () => current ?? Promise.resolve(null),
  };
}

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Env } from '../../env.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import { enqueueNotifications } from './enqueue-notifications.ts';
import { sendDueNotifications } from './send-due-notifications.ts';
import { smsSenderFromEnv, type SmsSender } from './sms-sender.ts';

export interface NotificationWorker {
  /** Stops the interval and waits for a run in progress. */
  stop(): Promise<void>;
  /** One run now (queue new steps, send what is due); runs never overlap. */
  runOnce(): Promise<void>;
}

/**
 * The in-server sender: every SMS_INTERVAL_SECONDS it queues the messages of new case steps and
 * sends the due ones (no external cron). Several processes sharing PostgreSQL may each run one:
 * queuing is idempotent (dedupe keys) and claims skip each other's rows. A failing run is logged
 * and the next one tries again. Interval 0: never runs by itself.
 *
 * @example
 * const worker = startNotificationWorker({ db, cipher, env, log: (l) => app.log.info(l) });
 * await worker.stop();
 */
export function startNotificationWorker({ db, cipher, env, log, sender }: { db: Kysely<DB>; cipher: FieldCipher; env: Env; log: (line: string) => void; sender?: SmsSender }): NotificationWorker {
  const smsSender = sender ?? smsSenderFromEnv(env, log);
  let running: Promise<void> | null = null;
  const runOnce = () => {
    running ??= (async () => {
      try {
        await enqueueNotifications({ db });
        const result = await sendDueNotifications({ db, cipher }, { sender: smsSender, maxAttempts: env.SMS_MAX_ATTEMPTS });
        if (result.sent + result.retried + result.failed > 0) log(`notifications: ${result.sent} sent, ${result.retried} to retry, ${result.failed} failed (${smsSender.name} sender)`);
      } catch (error) {
        log(`notifications: run failed: ${(error as Error).message}`);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = env.SMS_INTERVAL_SECONDS > 0 ? setInterval(() => void runOnce(), env.SMS_INTERVAL_SECONDS * 1000) : null;
  timer?.unref();
  return {
    runOnce,
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

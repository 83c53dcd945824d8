/**
 * How a message reaches a resident's phone. `SmsSender` is the adapter; `WebhookSmsSender` hands
 * each message to an SMS gateway over HTTPS, `DevSmsSender` writes it to the outbox log instead
 * (development and demo: nothing leaves the machine). Chosen by SMS_SENDER.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from '../../env.ts';

export interface SmsMessage {
  /** The outbox row's id. */
  id: string;
  /** `<kind>:<event id>`: the same for every attempt, so a gateway can drop a repeat. */
  dedupeKey: string;
  /** The full number: decrypted only for this call. */
  to: string;
  toMasked: string;
  body: string;
}

export interface SmsSender {
  /** Recorded on each sent row (`notification_outbox.sender`). */
  readonly name: 'dev' | 'webhook';
  /** Resolves when the message was accepted for delivery; throws (with a short reason) when not. */
  send(message: SmsMessage): Promise<void>;
}

/**
 * POSTs `{ id, dedupeKey, to, body, sentAt }` as JSON to the gateway, with the headers
 * `X-Lianxin-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>` and
 * `Idempotency-Key: <dedupeKey>`. Any answer but 2xx, a network error or no answer within the
 * timeout is a failure (the outbox retries later).
 *
 * @example
 * const sender = new WebhookSmsSender({ url: 'https://sms.example.cn/hook', secret: '…', timeoutMs: 10_000 });
 * await sender.send({ id: '7', dedupeKey: 'accepted:42', to: '13812345678', toMasked: '138****5678', body: '【连心】…' });
 */
export class WebhookSmsSender implements SmsSender {
  readonly name = 'webhook' as const;

  constructor(private readonly options: { url: string; secret: string; timeoutMs: number }) {}

  async send(message: SmsMessage): Promise<void> {
    const raw = JSON.stringify({ id: message.id, dedupeKey: message.dedupeKey, to: message.to, body: message.body, sentAt: new Date().toISOString() });
    const signature = crypto.createHmac('sha256', this.options.secret).update(raw, 'utf8').digest('hex');
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-lianxin-signature': `sha256=${signature}`, 'idempotency-key': message.dedupeKey },
        body: raw,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      const name = (error as Error).name;
      throw new Error(name === 'TimeoutError' ? `gateway timeout after ${this.options.timeoutMs} ms` : `gateway unreachable: ${(error as Error).message}`.slice(0, 200));
    }
    // Drain the body so the connection is released; its content is not ours to keep.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`gateway answered ${response.status}`);
  }
}

/**
 * Writes each message as one line to `DATA_DIR/sms-outbox.log` (and the server log), with the
 * phone masked: what would have been sent, without sending.
 *
 * @example
 * await new DevSmsSender({ logFile: '/tmp/sms-outbox.log' }).send(message);
 * // 2026-12-06T07:30:00.000Z #7 accepted:42 138****5678 【连心】…
 */
export class DevSmsSender implements SmsSender {
  readonly name = 'dev' as const;

  constructor(private readonly options: { logFile: string; log?: (line: string) => void }) {}

  async send(message: SmsMessage): Promise<void> {
    const line = `${new Date().toISOString()} #${message.id} ${message.dedupeKey} ${message.toMasked} ${message.body.replace(/\s+/g, ' ')}`;
    await fs.promises.mkdir(path.dirname(this.options.logFile), { recursive: true });
    await fs.promises.appendFile(this.options.logFile, `${line}\n`, { mode: 0o600 });
    this.options.log?.(`sms (dev sender, not sent): ${line}`);
  }
}

/**
 * The sender SMS_SENDER names.
 *
 * @example
 * const sender = smsSenderFromEnv(env, (line) => app.log.info(line));
 */
export function smsSenderFromEnv(env: Env, log?: (line: string) => void): SmsSender {
  if (env.SMS_SENDER === 'webhook') return new WebhookSmsSender({ url: env.SMS_WEBHOOK_URL!, secret: env.SMS_WEBHOOK_SECRET!, timeoutMs: env.SMS_WEBHOOK_TIMEOUT_SECONDS * 1000 });
  return new DevSmsSender({ logFile: path.join(env.DATA_DIR, 'sms-outbox.log'), ...(log ? { log } : {}) });
}

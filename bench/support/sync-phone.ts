/**
 * A simulated phone for the visit-sync benchmark: signs in as its cadre over HTTP, downloads its
 * work package, and sends visits the way the offline app's sync queue does (each photo uploaded,
 * then the record that names it), one request at a time. A request the server could not answer
 * (connection error, 5xx, 429) is retried with backoff like the app's queue; any other refusal is
 * a failure the benchmark reports (and counts as lost).
 */
import { visitCampaignsApi } from '../../src/shared/api/visit-campaigns.ts';
import { visitFilesApi, visitsApi } from '../../src/shared/api/visits.ts';
import { ZMe } from '../../src/shared/schemas/auth.ts';
import { ZMyWork, ZStoredVisitFile, ZVisitReceipt, type TMyWork, type TStoredVisitFile, type TVisitReceipt, type TVisitRecordInput } from '../../src/shared/visits/index.ts';

/** Tries per request (the first and the retries), and the backoff's first and longest wait. */
const TRIES = 8;
const FIRST_WAIT_MS = 100;
const LONGEST_WAIT_MS = 3_000;
/** A request not answered in this long counts as not answered (then retried). */
const REQUEST_TIMEOUT_MS = 120_000;

export class PhoneFailure extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${step}: ${status} ${body.slice(0, 300)}`);
  }
}

export class SyncPhone {
  private cookie = '';
  private csrf = '';
  /** Requests this phone had to send again (connection errors, timeouts, 5xx, 429). */
  retries = 0;

  constructor(
    private readonly base: string,
    readonly username: string,
  ) {}

  /**
   * One request with the app queue's retries: a connection error, a timeout, 5xx or 429 is tried
   * again after a growing wait; the answer's status must be `expected`.
   */
  private async send(step: string, url: string, init: RequestInit, expected: number): Promise<unknown> {
    let wait = FIRST_WAIT_MS;
    for (let attempt = 1; ; attempt++) {
      let status = 0;
      let text = '';
      try {
        const res = await fetch(`${this.base}${url}`, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        status = res.status;
        text = await res.text();
        if (status === expected) {
          if (step === 'sign-in') this.cookie = res.headers.get('set-cookie')!.split(';')[0]!;
          return JSON.parse(text) as unknown;
        }
      } catch (e) {
        text = (e as Error).message;
      }
      const transient = status === 0 || status === 429 || status >= 500;
      if (!transient || attempt >= TRIES) throw new PhoneFailure(step, status, text);
      this.retries++;
      await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random())));
      wait = Math.min(wait * 2, LONGEST_WAIT_MS);
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { cookie: this.cookie, 'x-csrf-token': this.csrf, ...extra };
  }

  async signIn(password: string): Promise<void> {
    const me = ZMe.parse(
      await this.send('sign-in', '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: this.username, password }) }, 200),
    );
    this.csrf = me.csrfToken;
  }

  async myWork(): Promise<TMyWork> {
    return ZMyWork.parse(await this.send('my-work', visitCampaignsApi.myWork.url, { headers: this.headers() }, 200));
  }

  /** Uploads one photo (raw JPEG body), as the sync queue does before the record that names it. */
  async uploadPhoto(jpeg: Buffer): Promise<TStoredVisitFile> {
    const init: RequestInit = { method: 'POST', headers: this.headers({ 'content-type': 'image/jpeg' }), body: new Uint8Array(jpeg) };
    return ZStoredVisitFile.parse(await this.send('upload', `${visitFilesApi.uploadVisitFile.url}?kind=photo`, init, visitFilesApi.uploadVisitFile.status ?? 201));
  }

  async recordVisit(record: TVisitRecordInput): Promise<TVisitReceipt> {
    const init: RequestInit = { method: 'POST', headers: this.headers({ 'content-type': 'application/json' }), body: JSON.stringify(record) };
    return ZVisitReceipt.parse(await this.send('record', visitsApi.recordVisit.url, init, visitsApi.recordVisit.status ?? 201));
  }
}

/** Runs `fn` and returns its result with its duration in ms. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/**
 * Requests per API key per minute (OPEN311_RATE_LIMIT), counted in this process: a fixed
 * one-minute window per client. Several server processes each count their own, so the limit is
 * per process; it stops a runaway client, not a determined one (the key can be revoked).
 */
export class Open311RateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly perMinute: number) {}

  /** Counts one request of `clientId`; false when its minute is already full. */
  take(clientId: string, now = Date.now()): boolean {
    const window = this.windows.get(clientId);
    if (!window || now - window.start >= 60_000) {
      this.windows.set(clientId, { start: now, count: 1 });
      if (this.windows.size > 10_000) this.sweep(now);
      return true;
    }
    window.count += 1;
    return window.count <= this.perMinute;
  }

  private sweep(now: number) {
    for (const [id, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(id);
  }
}

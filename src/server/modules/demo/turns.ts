/**
 * Two interviewers share one simulated clock: whoever's next step is earliest goes next.
 *
 * @example
 * await new Turns().run(interviewers.map((actor) => async (turns) => {
 *   await turns.until(nextStepAt); // resumes when no one has an earlier step
 * }));
 */
export class Turns {
  private parked: { at: number; seq: number; wake: () => void }[] = [];
  private running = 0;
  private seq = 0;
  private settle: (() => void) | null = null;
  private failure: unknown = null;

  /** Runs the workers' loops to their end, one step at a time in simulated-time order. */
  async run(workers: ((turns: Turns) => Promise<void>)[]): Promise<void> {
    this.running = workers.length;
    for (const worker of workers) {
      worker(this).then(
        () => this.leave(),
        (error: unknown) => {
          this.failure ??= error;
          this.leave();
        },
      );
    }
    for (;;) {
      if (this.running > 0) await new Promise<void>((resolve) => (this.settle = resolve));
      if (this.failure) {
        // Stop the others where they wait; their promises are dropped.
        this.parked = [];
        throw this.failure;
      }
      if (!this.parked.length) return;
      this.parked.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.parked.shift()!;
      this.running++;
      next.wake();
    }
  }

  /** Waits until the simulated time `at` is the earliest of all workers' next steps. */
  until(at: Date): Promise<void> {
    return new Promise<void>((wake) => {
      this.parked.push({ at: at.getTime(), seq: this.seq++, wake });
      this.leave();
    });
  }

  private leave() {
    this.running--;
    if (this.running === 0) this.settle?.();
  }
}

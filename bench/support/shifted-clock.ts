/**
 * Bench-only, imported first by server-child.ts: when BENCH_CLOCK is set, the process's clock
 * starts at that instant and runs on from there (as faketime would), so a server started over a
 * benchmark's dated data set sees the data set's "now" — not the day the benchmark runs, which may
 * lie before the data's last visits and send the server down paths a deployment never takes.
 */
const target = process.env.BENCH_CLOCK ? Date.parse(process.env.BENCH_CLOCK) : Number.NaN;
if (!Number.isNaN(target)) {
  const RealDate = Date;
  const offset = target - RealDate.now();
  class ShiftedDate extends RealDate {
    constructor(...args: ConstructorParameters<typeof Date> | []) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as ConstructorParameters<typeof Date>));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}
export {};

/**
 * The demo's closed loop (issue 12 point 8): after the registry, the first closed wave, the
 * campaign and the cases, the county turns the wave's weak domains into rectification tasks and
 * finishes some of them, a second wave closes whose results show which tasks moved their domain,
 * townships log their policy publicity, the last quarter's assessment is published, and the
 * second wave's signs of gaming are flagged for the county's review.
 *
 * Each step is its module's own demo function, run here in the order the loop needs; a step
 * that finds its work done already does nothing, so a restart adds nothing.
 */
import type { CaseWriteContext } from '../cases/index.ts';
import { seedDemoGaming } from './seed-demo-gaming.ts';
import { seedDemoSecondWave } from './seed-demo-second-wave.ts';
import { seedDemoRectification } from './seed-demo-rectification.ts';

export interface SeedDemoLoopResult {
  /** What each step did, by step name, for the start-up log. */
  steps: { step: string; summary: string; ms: number }[];
}

/**
 * @example
 * const loop = await seedDemoLoop({ db, actor: null, source, cipher });
 * loop.steps.map((s) => s.step); // ['rectification', 'second-wave', 'publicity', 'assessment', 'gaming']
 */
export async function seedDemoLoop(ctx: CaseWriteContext<null>, options: { now?: Date } = {}): Promise<SeedDemoLoopResult> {
  const now = options.now ?? new Date();
  const steps: SeedDemoLoopResult['steps'] = [];
  const step = async (name: string, run: () => Promise<string>) => {
    const started = Date.now();
    const summary = await run();
    steps.push({ step: name, summary, ms: Date.now() - started });
  };
  // 1. rectification: tasks proposed from the first closed wave, most confirmed, some done (rectification module).
  await step('rectification', () => seedDemoRectification(ctx, {}));
  // 2. second-wave: the last quarter's wave, closed, its answers moved where tasks were done (survey demo).
  await step('second-wave', async () => {
    const r = await seedDemoSecondWave(ctx, { now });
    return r.created ? `${r.name}: ${r.completes} interviews, ${r.rectified.length} rectified domain(s) moved, ${r.coachedTownship} coached` : `skipped (${r.skipped})`;
  });
  // 3. publicity: activities logged by townships over both quarters (policy-publicity module).
  // 4. assessment: the last quarter's assessment computed and published (assessment module).
  // 5. gaming: the second wave's signs of gaming detected (gaming-signals module).
  await step('gaming', async () => {
    const r = await seedDemoGaming(ctx, { now });
    return r.skipped ? `skipped (${r.skipped})` : `${r.flags} sign(s) of gaming for review (${r.review} to review, ${r.watch} to watch)`;
  });
  return { steps };
}

/** One line per step for the start-up log. */
export function formatDemoLoop(result: SeedDemoLoopResult): string | null {
  if (!result.steps.length) return null;
  return result.steps.map((s) => `Demo loop | 演示闭环 — ${s.step}: ${s.summary} (${(s.ms / 1000).toFixed(1)} s)`).join('\n');
}

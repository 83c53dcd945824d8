/**
 * Starts the app in its own process (server-child.ts) and waits for its port. BENCH_SERVER_NODE_ARGS
 * adds Node options to that process only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the server.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface ServerChildOptions {
  /** FILES_DIR of the server: where visit photos are stored (a benchmark's temporary folder). */
  filesDir?: string;
  /** The instant the server's clock starts at (its BENCH_CLOCK, see shifted-clock.ts): a dated data set's "now". */
  clock?: Date;
}

/**
 * @example
 * const server = await startServerChild(target.url, { filesDir });
 * await fetch(`http://127.0.0.1:${server.port}/api/health`);
 * await server.stop();
 */
export async function startServerChild(url: string, o: ServerChildOptions = {}): Promise<{ port: number; stop(): Promise<void> }> {
  const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const env = { ...process.env, ...(o.filesDir ? { BENCH_FILES_DIR: o.filesDir } : {}), ...(o.clock ? { BENCH_CLOCK: o.clock.toISOString() } : {}) };
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', path.join(import.meta.dirname, 'server-child.ts'), url], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    port: (JSON.parse(line) as { port: number }).port,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

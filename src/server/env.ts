/**
 * The one place that reads `process.env`. Everything else receives a typed `Env`.
 * Invalid configuration stops the process at start with a message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Embedded PGlite data directory; ignored when DATABASE_URL is set. */
  DATA_DIR: z.string().default('./data'),
  /** A real PostgreSQL server. When unset, the embedded PGlite in DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * The owner of the tables on that server, for migrations and restores; DATABASE_URL is then the
   * least-privilege role the server runs as (`lianxin db grant-runtime-role`).
   */
  DATABASE_OWNER_URL: z.string().url().optional(),
  /** Base64 of the 32-byte key that encrypts ID numbers and phones. Required with DATABASE_URL. */
  LIANXIN_DATA_KEY: z.string().optional(),
  /** Only read by tests: a PostgreSQL server on which tests create throwaway databases. */
  TEST_DATABASE_URL: z.string().url().optional(),
  /** Session lifetime in hours (sliding expiry is not used: a session ends at a fixed time). */
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** Sign-in attempts allowed per client address per minute (on top of the per-account lockout). */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Set behind HTTPS so cookies carry the Secure flag. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /**
   * Embedded database only: while this many callers already wait for PGlite's single connection,
   * new API requests are refused at once with 503 and Retry-After instead of queueing until
   * clients time out.
   */
  PGLITE_QUEUE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(16),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CI: z.string().optional().transform((v) => v === 'true' || v === '1'),
}).refine((env) => !env.DATABASE_OWNER_URL || env.DATABASE_URL, {
  path: ['DATABASE_OWNER_URL'],
  message: 'needs DATABASE_URL (the role the server runs as); the embedded database has no roles',
});

export type Env = z.infer<typeof ZEnv>;

/**
 * Parse configuration from an environment record (defaults to `process.env`).
 *
 * @example
 * const env = loadEnv({ PORT: '8080' });
 * env.PORT; // 8080
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration (environment variables):\n${lines.join('\n')}`);
  }
  return { ...parsed.data, DATA_DIR: path.resolve(parsed.data.DATA_DIR) };
}

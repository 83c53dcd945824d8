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
  /**
   * Where visit photos and signatures are kept (content-addressed: `<dir>/<2 hex>/<sha256>`).
   * Default: `<DATA_DIR>/files`, for PGlite and PostgreSQL alike (with PostgreSQL, DATA_DIR then
   * only holds these files). Back it up with `lianxin backup`, which includes the files.
   */
  FILES_DIR: z.string().optional(),
  /** Largest visit photo accepted, in bytes (default 8 MiB). */
  VISIT_PHOTO_MAX_BYTES: z.coerce.number().int().min(1024).max(256 * 1024 * 1024).default(8 * 1024 * 1024),
  /** Largest drawn signature accepted, in bytes (default 512 KiB). */
  VISIT_SIGNATURE_MAX_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(512 * 1024),
  /** Largest image accepted, in pixels (width × height; default 50 megapixels): larger ones are refused before decoding. */
  VISIT_IMAGE_MAX_PIXELS: z.coerce.number().int().min(10_000).max(500_000_000).default(50_000_000),
  /** A stored photo's longest edge in pixels (larger photos are scaled down; default 2560). */
  VISIT_PHOTO_MAX_EDGE: z.coerce.number().int().min(256).max(20_000).default(2560),
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
  /**
   * Seconds between two runs of the case deadline sweep (督办 · 超期自动上报) inside the server;
   * 0 turns it off (another process then sweeps). Several servers on one PostgreSQL take turns
   * through an advisory lock.
   */
  CASE_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CI: z.string().optional().transform((v) => v === 'true' || v === '1'),
}).refine((env) => !env.DATABASE_OWNER_URL || env.DATABASE_URL, {
  path: ['DATABASE_OWNER_URL'],
  message: 'needs DATABASE_URL (the role the server runs as); the embedded database has no roles',
});

/** FILES_DIR is always resolved: the configured folder or `<DATA_DIR>/files`. */
export type Env = Omit<z.infer<typeof ZEnv>, 'FILES_DIR'> & { FILES_DIR: string };

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
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  return { ...parsed.data, DATA_DIR: dataDir, FILES_DIR: path.resolve(parsed.data.FILES_DIR ?? path.join(dataDir, 'files')) };
}

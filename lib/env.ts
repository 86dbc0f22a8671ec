/**
 * Environment, parsed once by zod. A bad value stops the process with a message naming it.
 * Server values never reach the client; the only client value is NEXT_PUBLIC_BASEMAP_STYLE_URL.
 */
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const serverEnvSchema = z
  .object({
    WAREHOUSE: z.enum(['duckdb', 'bigquery']).default('duckdb'),
    DUCKDB_PATH: z.string().min(1).default('data/warehouse.duckdb'),
    /** DuckDB threads of the web server's read-only instance (lib/warehouse/duckdb/connection.ts). */
    DUCKDB_THREADS: z.coerce.number().int().min(1).max(64).default(1),
    /** Read connections per published file of the web server (one query at a time each). */
    DUCKDB_CONNECTIONS: z.coerce.number().int().min(1).max(64).default(2),
    BIGQUERY_PROJECT: optionalString,
    BIGQUERY_DATASET: z.string().regex(/^\w+$/, 'letters, digits and _ only').default('atlas311'),
    BIGQUERY_LOCATION: z.string().default('US'),
    BIGQUERY_MAX_BYTES_BILLED: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 1024 ** 3),
    GCS_BUCKET: optionalString,
    /** Space- or comma-separated origins allowed to frame /embed pages ('self' always is). */
    EMBED_ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((value) => value.split(/[\s,]+/).filter(Boolean))
      .pipe(z.array(z.url({ protocol: /^https?$/ }).or(z.literal('*')))),
    /** Folder of city configs instead of config/cities (tests: fixture-only cities). */
    CITY_CONFIG_DIR: optionalString,
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    /** Requests a minute each client may make to /api/* (a token bucket); 0 turns it off. */
    API_RATE_LIMIT: z.coerce.number().int().min(0).default(300),
    /**
     * Proxies in front of the server that append to x-forwarded-for (0 or unset: none; the
     * client address is then the connection's, as Next.js records it).
     */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    NEXT_PUBLIC_BASEMAP_STYLE_URL: z
      .url()
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .superRefine((env, ctx) => {
    if (env.WAREHOUSE === 'bigquery' && !env.BIGQUERY_PROJECT) {
      ctx.addIssue({
        code: 'custom',
        path: ['BIGQUERY_PROJECT'],
        message: 'is required when WAREHOUSE=bigquery',
      });
    }
  });

export type ServerEnv = z.infer<typeof serverEnvSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

export function parseEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const result = serverEnvSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = typeof issue.path[0] === 'string' ? source[issue.path[0]] : undefined;
    return `  ${name}${value === undefined ? '' : `=${JSON.stringify(value)}`}: ${issue.message}`;
  });
  return fail(`Invalid environment:\n${lines.join('\n')}\nSee .env.example.`);
}

function fail(message: string): never {
  throw new EnvError(message);
}

let cached: ServerEnv | undefined;
export function getEnv(): ServerEnv {
  cached ??= parseEnv();
  return cached;
}

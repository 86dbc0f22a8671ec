/**
 * The one wrapper every JSON route handler uses: it parses, runs one query function and turns
 * errors into answers. A bad parameter is a 400 `{ error, parameter }`, something the request
 * names that does not exist a 404; a known warehouse error gets its status with its safe
 * message; anything else is answered 503 with one sentence and logged once (repeats of the same
 * failure are counted, not written again, for a minute), so SQL text and stacks never reach a
 * browser and a failing query cannot flood the log.
 */
import 'server-only';
import type { z } from 'zod';
import { type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import { WarehouseError } from '@/lib/warehouse/types';
import { getLogger } from '@/lib/server/logger';
import { getWarehouse } from '@/lib/server/warehouse';
import { BodyCache, bodyKey } from './body-cache';
import { InvalidViewError, isViewError } from './errors';
import type { ApiError } from './types';

/** Parse a view from query parameters; throws InvalidViewError naming the bad parameter. */
export function requireView(params: URLSearchParams): View {
  const parsed = parseView(params, { unknown: 'reject' });
  if (!parsed.ok) throw new InvalidViewError(parsed.parameter, parsed.error);
  return parsed.view;
}

/** Accept only the named parameters (an unknown one is usually a typo). */
export function requireParams(params: URLSearchParams, allowed: readonly string[]): void {
  for (const key of params.keys()) {
    if (!allowed.includes(key)) throw new InvalidViewError(key, `Unknown parameter "${key}".`);
  }
}

/**
 * Parse query parameters with a strict zod object (routes whose parameters are not a view):
 * an unknown parameter or a bad value throws InvalidViewError naming it, worded as above.
 */
export function requireSchema<T extends z.ZodType>(params: URLSearchParams, schema: T): z.infer<T> {
  const parsed = schema.safeParse(Object.fromEntries(params));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    throw new InvalidViewError(key, `Unknown parameter "${key}".`);
  }
  const parameter = String(issue.path[0] ?? 'query');
  throw new InvalidViewError(parameter, `${parameter}: ${issue.message}`);
}

const WAREHOUSE_STATUS: Record<WarehouseError['kind'], number> = {
  'not-found': 404,
  permission: 503,
  quota: 503,
  'bad-query': 503,
  unavailable: 503,
  unknown: 503,
};

export const UNEXPECTED_ERROR =
  'The server could not answer this request just now; try again shortly.';

/** How long repeats of one failure are counted instead of logged. */
const LOG_WINDOW_MS = 60_000;
const seen = new Map<string, { until: number; suppressed: number }>();

/** Log a failure once per window; returns whether it was written. */
export function logOnce(
  key: string,
  write: (suppressed: number) => void,
  now: number = Date.now(),
): boolean {
  const entry = seen.get(key);
  if (entry && now < entry.until) {
    entry.suppressed += 1;
    return false;
  }
  if (seen.size > 500) seen.clear();
  seen.set(key, { until: now + LOG_WINDOW_MS, suppressed: 0 });
  write(entry?.suppressed ?? 0);
  return true;
}

/**
 * instanceof is not enough: the warehouse singleton lives on globalThis and is shared by route
 * handlers and pages, which Next bundles separately, so its errors may come from another copy of
 * the WarehouseError class. Match the shape as well.
 */
export function isWarehouseError(error: unknown): error is WarehouseError {
  if (error instanceof WarehouseError) return true;
  return (
    error instanceof Error &&
    error.name === 'WarehouseError' &&
    typeof (error as Partial<WarehouseError>).kind === 'string' &&
    (error as WarehouseError).kind in WAREHOUSE_STATUS
  );
}

export function errorResponse(error: unknown, route: string): Response {
  if (isViewError(error)) {
    const status = (error as { status?: number }).status === 404 ? 404 : 400;
    const parameter = (error as { parameter?: string }).parameter;
    return json<ApiError>(
      parameter === undefined ? { error: error.message } : { error: error.message, parameter },
      status,
    );
  }
  const logger = getLogger();
  if (isWarehouseError(error)) {
    const status = WAREHOUSE_STATUS[error.kind];
    logOnce(`${route}|warehouse|${error.kind}|${error.message}`, (suppressed) =>
      logger.error(
        { err: error, cause: error.cause, route, kind: error.kind, suppressed },
        'warehouse error',
      ),
    );
    const message = error.kind === 'bad-query' ? UNEXPECTED_ERROR : error.message;
    return json<ApiError>({ error: message }, status);
  }
  const name = error instanceof Error ? error.name : typeof error;
  const text = error instanceof Error ? error.message : String(error);
  logOnce(`${route}|${name}|${text}`, (suppressed) =>
    logger.error({ err: error, route, suppressed }, 'unhandled route error'),
  );
  return json<ApiError>({ error: UNEXPECTED_ERROR }, 503);
}

export function json<T>(body: T, status = 200, headers: HeadersInit = {}): Response {
  return Response.json(body, { status, headers });
}

// Data changes only when the pipeline publishes; a minute of caching is harmless.
const CACHED_HEADERS = {
  'Cache-Control': 'public, max-age=60',
  'Content-Type': 'application/json',
} as const;

/** The warehouse's generation, or null: no warehouse yet is the handler's error to report. */
async function generationOf(fresh: boolean): Promise<string | null> {
  if (fresh) return null;
  try {
    return (await getWarehouse().generation?.()) ?? null;
  } catch {
    return null;
  }
}

/** One per server process, beside the warehouse singleton (route bundles share globalThis). */
function bodyCache(): BodyCache {
  const holder = globalThis as unknown as { atlasBodyCache?: BodyCache };
  holder.atlasBodyCache ??= new BodyCache();
  return holder.atlasBodyCache;
}

/**
 * Run a route: `handler` gets the query parameters and returns the JSON body. The answer is
 * kept per published file (body-cache.ts) unless `fresh` says it depends on more than the
 * parameters and the data (the status route reads the run log and the clock). It is kept only
 * if the warehouse's generation was the same before and after the handler ran, so an answer
 * read across a publish is never kept under either file; BigQuery has no generation, so nothing
 * is kept there.
 */
export async function runRoute(
  request: Request,
  route: string,
  handler: (params: URLSearchParams) => Promise<unknown>,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<Response> {
  try {
    const params = new URL(request.url).searchParams;
    const generation = await generationOf(fresh);
    const key = bodyKey(route, params);
    if (generation !== null) {
      const cached = bodyCache().get(generation, key);
      if (cached !== undefined) return new Response(cached, { headers: CACHED_HEADERS });
    }
    const text = JSON.stringify(await handler(params));
    if (generation !== null && (await generationOf(fresh)) === generation) {
      bodyCache().set(generation, key, text);
    }
    return new Response(text, { headers: CACHED_HEADERS });
  } catch (error) {
    return errorResponse(error, route);
  }
}

/**
 * The one wrapper every JSON route handler uses: it parses, runs one query function and turns
 * errors into answers. A bad parameter is a 400 `{ error, parameter }`; a known warehouse error
 * gets its status with its safe message; anything else is logged here and answered with a
 * generic 500 (SQL text and stacks never reach a browser).
 */
import 'server-only';
import { parseView, type View } from '@/lib/view';
import { WarehouseError } from '@/lib/warehouse/types';
import { getLogger } from '@/lib/server/logger';
import { InvalidViewError, NotFoundError } from './errors';
import type { ApiError } from './types';

/** Parse a view from query parameters; throws InvalidViewError naming the bad parameter. */
export function requireView(params: URLSearchParams): View {
  const parsed = parseView(params);
  if (!parsed.ok) throw new InvalidViewError(parsed.parameter, parsed.error);
  return parsed.view;
}

/** Accept only the named parameters (an unknown one is usually a typo). */
export function requireParams(params: URLSearchParams, allowed: readonly string[]): void {
  for (const key of params.keys()) {
    if (!allowed.includes(key)) throw new InvalidViewError(key, `unknown parameter "${key}"`);
  }
}

const WAREHOUSE_STATUS: Record<WarehouseError['kind'], number> = {
  'not-found': 404,
  permission: 503,
  quota: 503,
  'bad-query': 500,
  unavailable: 503,
  unknown: 503,
};

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
  if (error instanceof InvalidViewError) {
    return json<ApiError>({ error: error.message, parameter: error.parameter }, 400);
  }
  if (error instanceof NotFoundError) return json<ApiError>({ error: error.message }, 404);
  const logger = getLogger();
  if (isWarehouseError(error)) {
    const status = WAREHOUSE_STATUS[error.kind];
    logger.error({ err: error, cause: error.cause, route, kind: error.kind }, 'warehouse error');
    const message = status === 500 ? 'The server could not answer this request.' : error.message;
    return json<ApiError>({ error: message }, status);
  }
  logger.error({ err: error, route }, 'unhandled route error');
  return json<ApiError>({ error: 'The server could not answer this request.' }, 500);
}

export function json<T>(body: T, status = 200, headers: HeadersInit = {}): Response {
  return Response.json(body, { status, headers });
}

/** Run a route: `handler` gets the query parameters and returns the JSON body. */
export async function runRoute(
  request: Request,
  route: string,
  handler: (params: URLSearchParams) => Promise<unknown>,
): Promise<Response> {
  try {
    const params = new URL(request.url).searchParams;
    const body = await handler(params);
    // Data changes only when the pipeline publishes; a minute of caching is harmless.
    return json(body, 200, { 'Cache-Control': 'public, max-age=60' });
  } catch (error) {
    return errorResponse(error, route);
  }
}

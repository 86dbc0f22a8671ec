/**
 * The one client fetcher and error class for every JSON route: a non-2xx answer becomes an
 * ApiRequestError carrying the server's one-sentence message, its status and the parameter it
 * names. Client-safe.
 */
import type { ApiError } from './types';

/** An API answer that was not 2xx: `message` is the server's safe message. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    message: string,
    readonly status: number,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal });
  if (!response.ok) {
    let body: Partial<ApiError> = {};
    try {
      body = (await response.json()) as ApiError;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiRequestError(
      body.error ?? `Request failed (${response.status}).`,
      response.status,
      body.parameter,
    );
  }
  return (await response.json()) as T;
}

/** Retry only what may succeed on a second try: network errors and 5xx, twice at most. */
export function shouldRetry(count: number, error: Error): boolean {
  return !(error instanceof ApiRequestError && error.status < 500) && count < 2;
}

/**
 * HTTP for the portal adapters: `fetchWithRetry` (per-attempt timeout, exponential backoff with
 * full jitter, Retry-After, body read inside the retry loop) and `HttpError`, whose message never
 * carries a secret query parameter. Also the small response helpers every adapter shares:
 * envelope validation with zod and record-key drift (`diffKeys`, `createKeyTracker`).
 */
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { SourceConfig } from '@/lib/cities/schema';
import type { ExtractContext } from './types';

/** Statuses worth another attempt: rate limiting and transient server or gateway failures. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Query parameters whose values are credentials (Socrata app token, ArcGIS token, API keys). */
const SECRET_PARAMS = new Set([
  '$$app_token',
  'app_token',
  'token',
  'access_token',
  'api_key',
  'apikey',
  'key',
  'client_secret',
]);

export interface FetchRetryOptions {
  fetch?: typeof fetch;
  /** Per attempt, covering headers and body. */
  timeoutMs?: number;
  /** Extra attempts after the first. */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Upper bound on a server's Retry-After; defaults to maxDelayMs. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  log?: Logger;
  headers?: Record<string, string>;
  /** Jitter source in [0, 1), injectable for tests. */
  random?: () => number;
  /** Clock for HTTP-date Retry-After values. */
  now?: () => Date;
  /**
   * Hosts (`host` or `host:port`) this request and its redirects may reach; absent, any. A URL or
   * redirect elsewhere fails at once, before anything is sent there.
   */
  allowedHosts?: readonly string[];
  /** Upper bound on one response body, in bytes; a larger one fails at once (no retry). */
  maxBytes?: number;
}

/** Default cap on one response body: larger pages mean a wrong URL or a runaway portal. */
export const DEFAULT_MAX_RESPONSE_BYTES = 512 * 1024 * 1024;

/** Redirects followed per request, each checked against the allowed hosts. */
const MAX_REDIRECTS = 5;

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    message: string,
    /** The URL with secret query values replaced by `REDACTED`. */
    readonly url: string,
    /** Last HTTP status, undefined for network errors and timeouts. */
    readonly status: number | undefined,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Replaces the value of every secret query parameter, leaving the rest byte-for-byte. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hashAt = url.indexOf('#', q);
  const query = url.slice(q + 1, hashAt < 0 ? undefined : hashAt);
  const parts = query.split('&').map((part) => {
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    let key = rawKey;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
    } catch {
      // A malformed escape is not a secret name; keep it as it is.
    }
    return SECRET_PARAMS.has(key.toLowerCase()) ? `${rawKey}=REDACTED` : part;
  });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unparsable.
 */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** "Full jitter": a uniform delay between 0 and min(max, base * 2^(attempt-1)). */
export function backoffDelay(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}

/**
 * GET `url` and return its whole body. Retries 429/500/502/503/504, network errors, bodies cut
 * off mid-stream and per-attempt timeouts; any other non-2xx status fails at once. Throws
 * HttpError naming the (redacted) URL, the status and the number of attempts made.
 */
export async function fetchWithRetry(
  url: string,
  options: FetchRetryOptions = {},
): Promise<HttpResponse> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const retries = options.retries ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? maxDelayMs;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const safeUrl = redactUrl(url);
  const maxAttempts = retries + 1;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  checkHost(url, options.allowedHosts, safeUrl);

  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) {
      throw new HttpError(
        `GET ${safeUrl} aborted after ${attempt - 1} attempt(s)`,
        safeUrl,
        undefined,
        attempt - 1,
        {
          cause: options.signal.reason,
        },
      );
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let status: number | undefined;
    let problem: string;
    let retryAfterMs: number | undefined;
    let cause: unknown;
    try {
      const res = await fetchFollowing(doFetch, url, signal, options, safeUrl);
      status = res.status;
      // The body is read inside the loop: a connection dropped mid-body is retried like any
      // other network failure instead of surfacing later as a truncated page.
      const body = await readCapped(res, maxBytes, safeUrl, attempt);
      if (res.ok) return { status: res.status, headers: res.headers, body };
      const snippet = new TextDecoder().decode(body.subarray(0, 300)).replace(/\s+/g, ' ').trim();
      problem = `status ${res.status}${snippet ? ` (${snippet})` : ''}`;
      if (!RETRYABLE_STATUSES.has(res.status)) {
        throw new HttpError(
          `GET ${safeUrl} failed with ${problem} after ${attempt} attempt(s)`,
          safeUrl,
          res.status,
          attempt,
        );
      }
      retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now());
    } catch (err) {
      if (err instanceof HttpError) throw err;
      if (options.signal?.aborted) {
        throw new HttpError(
          `GET ${safeUrl} aborted after ${attempt} attempt(s)`,
          safeUrl,
          status,
          attempt,
          {
            cause: err,
          },
        );
      }
      cause = err;
      problem = timeout.aborted
        ? `timeout after ${timeoutMs} ms`
        : `network error: ${describe(err)}`;
    }
    if (attempt >= maxAttempts) {
      throw new HttpError(
        `GET ${safeUrl} failed with ${problem} after ${attempt} attempt(s)`,
        safeUrl,
        status,
        attempt,
        { cause },
      );
    }
    const delay =
      retryAfterMs !== undefined
        ? Math.min(retryAfterMs, maxRetryAfterMs)
        : backoffDelay(attempt, baseDelayMs, maxDelayMs, random);
    options.log?.warn({ url: safeUrl, attempt, status, delayMs: delay, problem }, 'http retry');
    await sleep(delay);
  }
}

/** Throws when `url` is not on one of the allowed hosts (no list: every host is allowed). */
function checkHost(url: string, allowed: readonly string[] | undefined, safeUrl: string): void {
  if (!allowed) return;
  const { host, hostname, protocol } = new URL(url);
  if (!/^https?:$/.test(protocol) || !allowed.some((h) => h === host || h === hostname)) {
    throw new HttpError(
      `GET ${safeUrl} refused: host ${host} is not among the source's hosts (${allowed.join(', ')})`,
      safeUrl,
      undefined,
      0,
    );
  }
}

/** fetch with redirects followed by hand, so that every hop is checked against the hosts. */
async function fetchFollowing(
  doFetch: typeof fetch,
  url: string,
  signal: AbortSignal,
  options: FetchRetryOptions,
  safeUrl: string,
): Promise<Response> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const res = await doFetch(current, {
      signal,
      headers: options.headers,
      redirect: options.allowedHosts ? 'manual' : 'follow',
    });
    const location = res.headers.get('location');
    if (!options.allowedHosts || res.status < 300 || res.status >= 400 || !location) return res;
    await res.body?.cancel();
    if (hop >= MAX_REDIRECTS) {
      throw new HttpError(
        `GET ${safeUrl} failed: more than ${MAX_REDIRECTS} redirects`,
        safeUrl,
        res.status,
        1,
      );
    }
    current = new URL(location, current).toString();
    checkHost(current, options.allowedHosts, `${safeUrl} (redirected to ${redactUrl(current)})`);
  }
}

/** The whole body, or an HttpError as soon as it grows past `maxBytes`. */
async function readCapped(
  res: Response,
  maxBytes: number,
  safeUrl: string,
  attempt: number,
): Promise<Uint8Array> {
  const tooLarge = (what: string) =>
    new HttpError(
      `GET ${safeUrl} refused: the response ${what} the cap of ${maxBytes} bytes`,
      safeUrl,
      res.status,
      attempt,
    );
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw tooLarge(`announces ${declared} bytes, over`);
  }
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge('grew past');
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

// ---------------------------------------------------------------------------------------------
// Shared response helpers for the adapters.

/** Parses a JSON body and validates it; the error names the source, the URL and what was wrong. */
export function parseEnvelope<S extends z.ZodType>(
  schema: S,
  body: Uint8Array,
  what: string,
): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch (err) {
    throw new Error(`${what}: response is not JSON (${describe(err)})`, { cause: err });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
      .join('; ');
    throw new Error(`${what}: unexpected response shape: ${issues}`, { cause: parsed.error });
  }
  return parsed.data;
}

export interface KeyDiff {
  added: string[];
  removed: string[];
}

/** Record keys present in `next` but not `prev`, and the reverse; both sorted. Pure. */
export function diffKeys(prev: Iterable<string>, next: Iterable<string>): KeyDiff {
  const before = new Set(prev);
  const after = new Set(next);
  return {
    added: [...after].filter((k) => !before.has(k)).sort(),
    removed: [...before].filter((k) => !after.has(k)).sort(),
  };
}

/** The union of keys over a page's records. */
export function recordKeys(records: Iterable<Record<string, unknown>>): Set<string> {
  const keys = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) keys.add(key);
  return keys;
}

/**
 * Remembers the previous page's keys and logs `schema changed` when a page's keys differ.
 * Drift is reported, never an error: the pipeline's quality step decides what it means.
 */
export function createKeyTracker(
  log: Logger,
  source: string,
): (page: string, keys: Set<string>) => KeyDiff | undefined {
  let previous: Set<string> | undefined;
  return (page, keys) => {
    // An empty page says nothing about the schema.
    if (keys.size === 0) return undefined;
    const prev = previous;
    previous = keys;
    if (!prev) return undefined;
    const diff = diffKeys(prev, keys);
    if (diff.added.length === 0 && diff.removed.length === 0) return undefined;
    log.warn({ source, page, added: diff.added, removed: diff.removed }, 'schema changed');
    return diff;
  };
}

/** Parses an ISO-like timestamp; a value without a zone (CKAN, Socrata) is read as UTC. */
export function toEpochMs(value: string): number {
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  // Trim fractions beyond milliseconds (CKAN writes microseconds).
  const trimmed = value.replace(/(\.\d{3})\d+/, '$1');
  return Date.parse(hasZone ? trimmed : `${trimmed}Z`);
}

/**
 * fetchWithRetry options taken from an adapter's context (fetch, clock, sleep, signal, log) and,
 * when given, the source's config: its hosts and its cap on one response.
 */
export function retryOptionsFrom(ctx: ExtractContext, source?: SourceConfig): FetchRetryOptions {
  const options: FetchRetryOptions = {
    fetch: ctx.fetch,
    log: ctx.log,
    signal: ctx.signal,
    sleep: ctx.sleep,
    now: ctx.now,
  };
  if (!source) return options;
  return { ...options, allowedHosts: sourceHosts(source), maxBytes: source.maxResponseBytes };
}

/** The hosts a source may fetch from: its configured URL's host plus any it lists in `hosts`. */
export function sourceHosts(source: SourceConfig): string[] {
  const url =
    source.kind === 'arcgis'
      ? source.serviceUrlTemplate.replaceAll('{year}', '2000')
      : source.kind === 'file'
        ? source.location
        : source.baseUrl;
  const hosts = /^https?:\/\//i.test(url) ? [new URL(url).host] : [];
  return [...new Set([...hosts, ...(source.hosts ?? [])])];
}

/**
 * A checkpoint key that includes the run's parameters, so progress saved under another
 * watermark or date window is never mistaken for this run's.
 */
export function checkpointKey(ctx: ExtractContext, ...parts: (string | number)[]): string {
  return [
    ...parts,
    `since=${ctx.since ?? ''}`,
    `from=${ctx.from ?? ''}`,
    `to=${ctx.to ?? ''}`,
  ].join('|');
}

/** The day after an ISO date ("2024-02-29" → "2024-03-01"): inclusive `to` as exclusive bound. */
export function nextDay(isoDate: string): string {
  const ms = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`not an ISO date: ${isoDate}`);
  return new Date(ms + 86_400_000).toISOString().slice(0, 10);
}

/** The four-digit year of an ISO date, or undefined. */
export function yearOf(isoDate: string | undefined): number | undefined {
  if (isoDate === undefined) return undefined;
  const year = Number(isoDate.slice(0, 4));
  if (!Number.isInteger(year)) throw new Error(`not an ISO date: ${isoDate}`);
  return year;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** True when the bytes start with a zip local-file header ("PK\x03\x04"). */
export function isZip(body: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => body[i] === b);
}

/**
 * A query string from ordered pairs. Values are percent-encoded per RFC 3986 (also `'`, `(`,
 * `)`, `!`, `*`, which fetch's URL parser would otherwise rewrite), so the URL built is the URL
 * sent. Keys are written as given: SODA's `$where` stays readable.
 */
export function encodeQuery(params: readonly (readonly [string, string])[]): string {
  const strict = (v: string): string =>
    encodeURIComponent(v).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  return params.map(([k, v]) => `${k}=${strict(v)}`).join('&');
}

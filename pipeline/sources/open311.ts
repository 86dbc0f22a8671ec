/**
 * Open311 GeoReport v2 adapter: `requests.json?start_date=…&end_date=…` in consecutive windows of
 * at most `windowDays`. GeoReport has no paging, so a window answered with exactly the server's
 * cap is split in half and asked again. The end of the last window taken is checkpointed.
 */
import { z } from 'zod';
import type { SourceConfig } from '@/lib/cities/schema';
import type { ExtractContext, RawPage, SourceAdapter } from './types';
import {
  checkpointKey,
  createKeyTracker,
  encodeQuery,
  fetchWithRetry,
  nextDay,
  parseEnvelope,
  recordKeys,
  redactUrl,
  retryOptionsFrom,
  toEpochMs,
} from './http';

export type Open311Source = Extract<SourceConfig, { kind: 'open311' }>;

const DAY_MS = 86_400_000;

/**
 * Result counts that mean "truncated": GeoReport v2 servers cap a response (the spec suggests
 * 1000; Toronto's and several SeeClickFix-backed servers answer 50 or 100 at most). A window
 * that returns one of these counts is split in half and retried, since the records past the cap
 * are otherwise lost. A window that truly holds exactly that many costs two extra requests.
 */
export const OPEN311_RESULT_CAPS: ReadonlySet<number> = new Set([50, 100, 200, 500, 1000]);

/** Windows shorter than this are not split further (a burst of reports in one minute). */
const MIN_SPLIT_MS = 60 * 60 * 1000;

const open311Page = z.array(z.record(z.string(), z.unknown()));

/** GeoReport's w3c timestamp form, to the second: 2018-10-01T00:00:00Z. */
const w3c = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const compact = (ms: number): string => w3c(ms).replace(/[-:]/g, '');

/** Where the run starts and ends, in epoch ms. */
export function open311Range(ctx: Pick<ExtractContext, 'from' | 'to' | 'since' | 'now'>): {
  start: number;
  end: number;
} {
  // GeoReport filters on the request date only: with just a watermark, requests opened before
  // it but edited since are not seen again (the API offers no filter on updated_datetime).
  const startText = ctx.from ? `${ctx.from.slice(0, 10)}T00:00:00Z` : ctx.since;
  if (!startText) throw new Error('open311: a start is needed: pass `from` or `since`');
  const start = toEpochMs(startText);
  const end = ctx.to
    ? toEpochMs(`${nextDay(ctx.to)}T00:00:00Z`)
    : (ctx.now?.() ?? new Date()).getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) throw new Error('open311: bad from/to/since');
  return { start, end };
}

export function open311Url(config: Open311Source, start: number, end: number): string {
  const base = `${config.baseUrl.replace(/\/+$/, '')}/requests.json`;
  return `${base}?${encodeQuery([
    ['start_date', w3c(start)],
    ['end_date', w3c(end)],
  ])}`;
}

export const open311Adapter: SourceAdapter<Open311Source> = {
  async *extract(config, ctx) {
    const { start, end } = open311Range(ctx);
    const key = checkpointKey(ctx, 'open311', 'cursor');
    const track = createKeyTracker(ctx.log, config.id);
    const saved = ctx.checkpoint.get(key);
    let cursor = saved ? toEpochMs(saved) : start;
    if (Number.isNaN(cursor)) throw new Error(`open311 ${config.id}: bad checkpoint "${saved}"`);

    async function* window(from: number, to: number): AsyncGenerator<RawPage> {
      const url = open311Url(config, from, to);
      const res = await fetchWithRetry(url, retryOptionsFrom(ctx, config));
      const rows = parseEnvelope(open311Page, res.body, `open311 ${config.id} ${redactUrl(url)}`);
      if (OPEN311_RESULT_CAPS.has(rows.length) && to - from > MIN_SPLIT_MS) {
        // Truncated at the server's cap: the halves are asked in order, the whole is dropped.
        const middle = from + Math.floor((to - from) / 2 / 1000) * 1000;
        ctx.log.info(
          { source: config.id, count: rows.length, from: w3c(from), to: w3c(to) },
          'open311 window split',
        );
        yield* window(from, middle);
        yield* window(middle, to);
        return;
      }
      if (rows.length === 0) {
        // Nothing opened in this window: nothing to land, but the window is done.
        await ctx.checkpoint.set(key, w3c(to));
        return;
      }
      const name = `requests-${compact(from)}-${compact(to)}.json`;
      track(name, recordKeys(rows));
      let newest: number | undefined;
      for (const row of rows) {
        // A request never updated has a null updated_datetime: its last edit is its creation.
        const value = row.updated_datetime ?? row.requested_datetime;
        const ms = typeof value === 'string' ? toEpochMs(value) : NaN;
        if (!Number.isNaN(ms) && (newest === undefined || ms > newest)) newest = ms;
      }
      yield {
        name,
        body: res.body,
        format: 'json',
        ...(newest !== undefined ? { maxUpdated: new Date(newest).toISOString() } : {}),
      };
      await ctx.checkpoint.set(key, w3c(to));
    }

    while (cursor < end) {
      const to = Math.min(cursor + config.windowDays * DAY_MS, end);
      yield* window(cursor, to);
      cursor = to;
    }
  },
};

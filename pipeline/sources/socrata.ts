/**
 * Socrata (SODA 2.1) adapter: pages `/resource/<id>.json` with `$where` on the last-edit field,
 * a stable `$order` (the configured field, then `:id`), `$limit` and `$offset`. Each page is
 * yielded byte-for-byte; the next offset is checkpointed once the page has been taken.
 */
import { z } from 'zod';
import type { SourceConfig } from '@/lib/cities/schema';
import type { SourceAdapter } from './types';
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
} from './http';

export type SocrataSource = Extract<SourceConfig, { kind: 'socrata' }>;

const socrataPage = z.array(z.record(z.string(), z.unknown()));

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?Z?$/;

/**
 * A SoQL floating-timestamp literal. SODA rejects a zone suffix on floating timestamps, and the
 * watermark it compares against is one of its own (zone-less) values, so a trailing Z is dropped.
 */
export function soqlTimestamp(value: string): string {
  if (!ISO_TIMESTAMP.test(value)) {
    throw new Error(`socrata: watermark "${value}" is not a zone-less ISO timestamp`);
  }
  return value.replace(/Z$/, '');
}

/** The `$where` clause for a run, or undefined when nothing restricts it. */
export function socrataWhere(
  config: Pick<SocrataSource, 'updatedField' | 'orderField'>,
  window: { since?: string; from?: string; to?: string },
): string | undefined {
  for (const field of [config.updatedField, config.orderField]) {
    if (!FIELD_NAME.test(field)) throw new Error(`socrata: invalid field name "${field}"`);
  }
  const conditions: string[] = [];
  if (window.since) conditions.push(`${config.updatedField} > '${soqlTimestamp(window.since)}'`);
  // The order field is the opening date: `from`/`to` (inclusive ISO dates) bound it.
  if (window.from)
    conditions.push(`${config.orderField} >= '${window.from.slice(0, 10)}T00:00:00'`);
  if (window.to) conditions.push(`${config.orderField} < '${nextDay(window.to)}T00:00:00'`);
  return conditions.length ? conditions.join(' AND ') : undefined;
}

/**
 * The dataset's columns from SODA's `X-SODA2-Fields` header. SODA omits null fields from each
 * JSON record, so record keys alone would report drift on nearly every page; the header lists
 * every column whatever the values. Undefined when the header is absent or malformed.
 */
export function pageFields(header: string | null): Set<string> | undefined {
  if (!header) return undefined;
  try {
    const fields: unknown = JSON.parse(header);
    if (Array.isArray(fields) && fields.every((f) => typeof f === 'string')) {
      return new Set(fields);
    }
  } catch {
    // Fall back to the records' keys.
  }
  return undefined;
}

/** The page URL; keys keep their literal `$`, values are percent-encoded. */
export function socrataPageUrl(
  config: SocrataSource,
  where: string | undefined,
  offset: number,
): string {
  const base = `${config.baseUrl.replace(/\/+$/, '')}/resource/${config.datasetId}.json`;
  const params: [string, string][] = [];
  if (where) params.push(['$where', where]);
  params.push(['$order', `${config.orderField},:id`]);
  params.push(['$limit', String(config.pageSize)]);
  params.push(['$offset', String(offset)]);
  return `${base}?${encodeQuery(params)}`;
}

export const socrataAdapter: SourceAdapter<SocrataSource> = {
  async *extract(config, ctx) {
    const where = socrataWhere(config, ctx);
    const key = checkpointKey(ctx, 'socrata', config.datasetId, 'offset');
    const track = createKeyTracker(ctx.log, config.id);
    let offset = Number(ctx.checkpoint.get(key) ?? '0');
    if (!Number.isInteger(offset) || offset < 0) {
      throw new Error(`socrata ${config.id}: bad checkpoint offset "${ctx.checkpoint.get(key)}"`);
    }
    if (offset > 0) ctx.log.info({ source: config.id, offset }, 'resuming from checkpoint');

    for (;;) {
      const url = socrataPageUrl(config, where, offset);
      const res = await fetchWithRetry(url, retryOptionsFrom(ctx, config));
      const rows = parseEnvelope(
        socrataPage,
        res.body,
        `socrata ${config.id} (${config.datasetId}) ${redactUrl(url)}`,
      );
      // An empty page: the previous one was exactly full and this is the end.
      if (rows.length === 0) break;

      const name = `page-${String(Math.floor(offset / config.pageSize)).padStart(6, '0')}.json`;
      track(name, pageFields(res.headers.get('x-soda2-fields')) ?? recordKeys(rows));
      let maxUpdated: string | undefined;
      for (const row of rows) {
        const value = row[config.updatedField];
        if (typeof value === 'string' && (maxUpdated === undefined || value > maxUpdated)) {
          maxUpdated = value;
        }
      }
      yield { name, body: res.body, format: 'json', ...(maxUpdated ? { maxUpdated } : {}) };

      // Reached only once the consumer has taken the page: a crash before this re-reads it.
      offset += rows.length;
      await ctx.checkpoint.set(key, String(offset));
      if (rows.length < config.pageSize) break;
    }
  },
};

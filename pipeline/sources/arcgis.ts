/**
 * ArcGIS FeatureServer adapter (Minneapolis publishes one layer per year): for each year, pages
 * `<layer>/query` by `resultOffset`/`resultRecordCount` ordered by OBJECTID, while the server says
 * `exceededTransferLimit` or the page is full. Progress is checkpointed per year and offset.
 */
import { z } from 'zod';
import type { SourceConfig } from '@/lib/cities/schema';
import type { SourceAdapter } from './types';
import {
  checkpointKey,
  createKeyTracker,
  encodeQuery,
  fetchWithRetry,
  parseEnvelope,
  recordKeys,
  redactUrl,
  retryOptionsFrom,
  toEpochMs,
  yearOf,
} from './http';

export type ArcgisSource = Extract<SourceConfig, { kind: 'arcgis' }>;

/** Stable paging needs a total order; every hosted feature layer has this object id field. */
const ORDER_FIELD = 'OBJECTID';

const arcgisPage = z
  .object({
    // ArcGIS reports failures with HTTP 200 and an `error` object in the body.
    error: z
      .object({
        code: z.number().optional(),
        message: z.string().optional(),
        details: z.array(z.string()).optional(),
      })
      .optional(),
    features: z
      .array(
        z.object({
          attributes: z.record(z.string(), z.unknown()),
        }),
      )
      .optional(),
    exceededTransferLimit: z.boolean().optional(),
  })
  .refine((page) => page.error !== undefined || page.features !== undefined, {
    message: 'neither `features` nor `error`',
  });

/** Years to read: firstYear (or from) through the current year (or to). */
export function arcgisYears(config: ArcgisSource, from?: string, to?: string, now = new Date()) {
  const first = Math.max(config.firstYear, yearOf(from) ?? config.firstYear);
  const last = Math.min(now.getUTCFullYear(), yearOf(to) ?? now.getUTCFullYear());
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}

/** The `where` clause: edits after the watermark (UTC, ArcGIS standardized SQL), or all rows. */
export function arcgisWhere(updatedField: string, since?: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(updatedField)) {
    throw new Error(`arcgis: invalid field name "${updatedField}"`);
  }
  if (!since) return '1=1';
  const ms = toEpochMs(since);
  if (Number.isNaN(ms)) throw new Error(`arcgis: watermark "${since}" is not a timestamp`);
  const stamp = new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  return `${updatedField} > timestamp '${stamp}'`;
}

export function arcgisPageUrl(
  config: ArcgisSource,
  year: number,
  where: string,
  offset: number,
): string {
  const layer = config.serviceUrlTemplate.replaceAll('{year}', String(year)).replace(/\/+$/, '');
  const params: [string, string][] = [
    ['where', where],
    ['outFields', '*'],
    ['f', 'json'],
    ['orderByFields', ORDER_FIELD],
    ['resultOffset', String(offset)],
    ['resultRecordCount', String(config.pageSize)],
  ];
  return `${layer}/query?${encodeQuery(params)}`;
}

interface YearProgress {
  offset: number;
  page: number;
}

export const arcgisAdapter: SourceAdapter<ArcgisSource> = {
  async *extract(config, ctx) {
    const where = arcgisWhere(config.updatedField, ctx.since);
    const track = createKeyTracker(ctx.log, config.id);
    const years = arcgisYears(config, ctx.from, ctx.to, ctx.now?.() ?? new Date());

    for (const year of years) {
      const key = checkpointKey(ctx, 'arcgis', year);
      const saved = ctx.checkpoint.get(key);
      if (saved === 'done') continue;
      let { offset, page } = saved ? (JSON.parse(saved) as YearProgress) : { offset: 0, page: 0 };

      for (;;) {
        const url = arcgisPageUrl(config, year, where, offset);
        const res = await fetchWithRetry(url, retryOptionsFrom(ctx, config));
        const what = `arcgis ${config.id} (${year}) ${redactUrl(url)}`;
        const body = parseEnvelope(arcgisPage, res.body, what);
        if (body.error) {
          const { code, message, details } = body.error;
          throw new Error(
            `${what}: ArcGIS error ${code ?? '?'}: ${message ?? ''} ${(details ?? []).join('; ')}`.trim(),
          );
        }
        const features = body.features ?? [];
        if (features.length === 0) break;

        const name = `${year}-page-${String(page).padStart(6, '0')}.json`;
        track(name, recordKeys(features.map((f) => f.attributes)));
        let newest: number | undefined;
        for (const { attributes } of features) {
          const value = attributes[config.updatedField];
          // Date fields are epoch milliseconds (UTC) in f=json.
          if (typeof value === 'number' && (newest === undefined || value > newest)) newest = value;
        }
        yield {
          name,
          body: res.body,
          format: 'json',
          ...(newest !== undefined ? { maxUpdated: new Date(newest).toISOString() } : {}),
        };

        offset += features.length;
        page += 1;
        // A layer's maxRecordCount can be below pageSize: then the page is short but the
        // server still says exceededTransferLimit, so either signal means "more".
        const more = body.exceededTransferLimit === true || features.length >= config.pageSize;
        if (!more) break;
        await ctx.checkpoint.set(key, JSON.stringify({ offset, page } satisfies YearProgress));
      }
      await ctx.checkpoint.set(key, 'done');
    }
  },
};

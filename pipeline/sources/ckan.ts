/**
 * CKAN adapter (Toronto): `package_show` lists the package's resources; those whose name matches
 * `resourcePattern` (first group = year) inside the from/to years and modified after the
 * watermark are downloaded. A zipped CSV yields the CSV inside it; a plain CSV yields as is.
 */
import { unzipSync } from 'fflate';
import { z } from 'zod';
import type { SourceConfig } from '@/lib/cities/schema';
import type { SourceAdapter } from './types';
import {
  checkpointKey,
  createKeyTracker,
  fetchWithRetry,
  isZip,
  parseEnvelope,
  redactUrl,
  retryOptionsFrom,
  toEpochMs,
  yearOf,
} from './http';

export type CkanSource = Extract<SourceConfig, { kind: 'ckan' }>;

const ckanResource = z.object({
  id: z.string().optional(),
  name: z.string(),
  url: z.string().min(1),
  format: z.string().nullish(),
  last_modified: z.string().nullish(),
  metadata_modified: z.string().nullish(),
});
export type CkanResource = z.infer<typeof ckanResource>;

const packageShow = z.discriminatedUnion('success', [
  z.object({
    success: z.literal(true),
    result: z.object({ resources: z.array(ckanResource) }),
  }),
  z.object({
    success: z.literal(false),
    error: z.object({ message: z.string().optional() }).loose(),
  }),
]);

export interface CkanSelection {
  resource: CkanResource;
  year: number;
  /** last_modified, else metadata_modified (CKAN writes UTC without a zone). */
  modified?: string;
}

/** Resources matching the pattern and year window, oldest year first. */
export function selectCkanResources(
  resources: CkanResource[],
  resourcePattern: string,
  window: { from?: string; to?: string },
): CkanSelection[] {
  const pattern = new RegExp(resourcePattern);
  const fromYear = yearOf(window.from) ?? -Infinity;
  const toYear = yearOf(window.to) ?? Infinity;
  const selected: CkanSelection[] = [];
  for (const resource of resources) {
    const match = pattern.exec(resource.name);
    if (!match) continue;
    const year = Number(match[1]);
    if (!Number.isInteger(year)) {
      throw new Error(
        `ckan: resourcePattern ${resourcePattern} has no year group for "${resource.name}"`,
      );
    }
    if (year < fromYear || year > toYear) continue;
    const modified = resource.last_modified ?? resource.metadata_modified ?? undefined;
    selected.push({ resource, year, ...(modified ? { modified } : {}) });
  }
  return selected.sort((a, b) => a.year - b.year);
}

/** The single CSV inside a zip (Toronto's yearly files hold one), byte-for-byte. */
export function unzipSingleCsv(zip: Uint8Array, what: string): Uint8Array {
  const entries = unzipSync(zip, {
    filter: (file) => /\.csv$/i.test(file.name) && !file.name.startsWith('__MACOSX/'),
  });
  const names = Object.keys(entries);
  const only = names.length === 1 ? entries[names[0] ?? ''] : undefined;
  if (!only) {
    throw new Error(
      `${what}: expected one CSV in the zip, found ${names.length} (${names.join(', ')})`,
    );
  }
  return only;
}

/** The header's column names; the unquoted-since-2022 layout makes a plain split exact here. */
function csvHeaderKeys(body: Uint8Array): Set<string> {
  const head = new TextDecoder().decode(body.subarray(0, 4096)).replace(/^\uFEFF/, '');
  const line = head.split(/\r?\n/, 1)[0] ?? '';
  return new Set(line.split(',').map((c) => c.trim().replace(/^"|"$/g, '')));
}

export const ckanAdapter: SourceAdapter<CkanSource> = {
  async *extract(config, ctx) {
    const base = config.baseUrl.replace(/\/+$/, '');
    const showUrl = `${base}/api/3/action/package_show?id=${encodeURIComponent(config.packageId)}`;
    const what = `ckan ${config.id} (${config.packageId})`;
    const show = await fetchWithRetry(showUrl, retryOptionsFrom(ctx, config));
    const envelope = parseEnvelope(packageShow, show.body, `${what} ${redactUrl(showUrl)}`);
    if (!envelope.success) {
      throw new Error(`${what}: package_show failed: ${envelope.error.message ?? 'no message'}`);
    }
    const selected = selectCkanResources(envelope.result.resources, config.resourcePattern, ctx);
    if (selected.length === 0) {
      ctx.log.warn(
        { source: config.id, pattern: config.resourcePattern },
        'no ckan resource matched',
      );
    }
    const since = ctx.since ? toEpochMs(ctx.since) : undefined;
    const track = createKeyTracker(ctx.log, config.id);
    const used = new Set<string>();

    for (const { resource, year, modified } of selected) {
      const modifiedMs = modified ? toEpochMs(modified) : undefined;
      if (since !== undefined && modifiedMs !== undefined && modifiedMs <= since) {
        ctx.log.debug(
          { source: config.id, resource: resource.name, modified },
          'unchanged since watermark',
        );
        continue;
      }
      // Per resource: what was landed, and at which modification. A changed resource is re-read.
      const key = checkpointKey(ctx, 'ckan', resource.id ?? resource.name);
      if (ctx.checkpoint.get(key) === (modified ?? 'done')) continue;

      const res = await fetchWithRetry(resource.url, retryOptionsFrom(ctx, config));
      const body = isZip(res.body)
        ? unzipSingleCsv(res.body, `${what} resource ${resource.name}`)
        : res.body;
      // Two resources for one year (a re-upload under a new name) keep distinct lake names.
      let name = `${year}.csv`;
      for (let n = 2; used.has(name); n++) name = `${year}-${n}.csv`;
      used.add(name);
      track(name, csvHeaderKeys(body));
      yield {
        name,
        body,
        format: 'csv',
        ...(modifiedMs !== undefined && !Number.isNaN(modifiedMs)
          ? { maxUpdated: new Date(modifiedMs).toISOString() }
          : {}),
      };
      await ctx.checkpoint.set(key, modified ?? 'done');
    }
  },
};

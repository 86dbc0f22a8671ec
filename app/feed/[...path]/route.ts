/**
 * GET /feed/<city>.atom and /feed/<city>/<level>/<area>.atom: Atom 1.0 feeds of a city or one
 * area (lib/feed/area-feed.ts). Built once per published warehouse and kept with its ETag and
 * Last-Modified, so a reader's conditional request is a 304 until the pipeline publishes again.
 * An unknown city, level or area, or a path of another shape, is a 404 with one sentence.
 * `?lang=fr` or `?lang=es` gives the entries in that language (a feed reader sends no useful
 * Accept-Language, so only the address chooses; English otherwise).
 */
import { createHash } from 'node:crypto';
import { isViewError } from '@/lib/api/errors';
import { errorResponse } from '@/lib/api/route';
import { buildAreaFeed, scopeOfPath } from '@/lib/feed/area-feed';
import { getWarehouse } from '@/lib/server/warehouse';
import { DEFAULT_LOCALE, LANG_PARAM, localeOfTag } from '@/lib/i18n/locales';
import { publishedIdentity } from '@/lib/server/warehouse-identity';

export const dynamic = 'force-dynamic';

interface CachedFeed {
  xml: string;
  etag: string;
  lastModified: Date;
}

/** Feeds of the current publish (a new publish empties it). */
const globalForFeeds = globalThis as unknown as {
  atlasFeeds?: { identity: string; feeds: Map<string, CachedFeed> };
};
const MAX_FEEDS = 500;

const FEED_SHAPE =
  'A feed is /feed/<city>.atom or /feed/<city>/<level>/<area>.atom, such as /feed/toronto.atom.';

function notFound(sentence: string): Response {
  return new Response(`${sentence}\n`, {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export async function GET(
  request: Request,
  context: { params: Promise<{ path: string[] }> },
): Promise<Response> {
  const { path } = await context.params;
  const scope = scopeOfPath(path.map((part) => decodeURIComponent(part)));
  if (!scope) return notFound(`There is no feed at this address. ${FEED_SHAPE}`);
  const url = new URL(request.url);
  const origin = url.origin;
  const locale = localeOfTag(url.searchParams.get(LANG_PARAM)) ?? DEFAULT_LOCALE;
  const identity = publishedIdentity();
  const key = `${origin}|${locale}|${scope.city}|${scope.level ?? ''}|${scope.area ?? ''}`;
  let cache = globalForFeeds.atlasFeeds;
  if (identity && cache?.identity !== identity.id) {
    cache = globalForFeeds.atlasFeeds = { identity: identity.id, feeds: new Map() };
  }
  let feed = identity ? cache?.feeds.get(key) : undefined;
  if (!feed) {
    try {
      const built = await buildAreaFeed(getWarehouse(), scope, origin, locale);
      const lastModified = identity?.published ?? built.updated;
      feed = {
        xml: built.xml,
        etag: `"${createHash('sha256')
          .update(`${identity?.id ?? built.updated.toISOString()}|${built.xml}`)
          .digest('base64url')
          .slice(0, 27)}"`,
        lastModified: new Date(Math.floor(lastModified.getTime() / 1000) * 1000),
      };
      if (identity && cache) {
        if (cache.feeds.size >= MAX_FEEDS) cache.feeds.clear();
        cache.feeds.set(key, feed);
      }
    } catch (error) {
      if (isViewError(error) && (error as { status?: number }).status === 404) {
        return notFound(error.message);
      }
      return errorResponse(error, '/feed');
    }
  }
  const headers = {
    'Content-Type': 'application/atom+xml; charset=utf-8',
    ETag: feed.etag,
    'Last-Modified': feed.lastModified.toUTCString(),
    'Cache-Control': 'public, max-age=300',
  };
  const ifNoneMatch = request.headers.get('if-none-match');
  const ifModifiedSince = request.headers.get('if-modified-since');
  const notModified = ifNoneMatch
    ? ifNoneMatch.split(',').some((tag) => tag.trim() === feed.etag || tag.trim() === '*')
    : ifModifiedSince !== null && Date.parse(ifModifiedSince) >= feed.lastModified.getTime();
  if (notModified) return new Response(null, { status: 304, headers });
  return new Response(feed.xml, { status: 200, headers });
}

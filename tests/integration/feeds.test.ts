/**
 * Atom feeds on a warehouse built by the real pipeline (Toronto's bundled sample): parsed by a
 * real feed parser and checked against Atom 1.0's required elements; every entry's count equals
 * an independent count of fact_requests for the month (and, for an area, the area profile's
 * figure for a one-month view, as GET /api/area answers it); ids are stable across builds; the
 * route answers 404 with a sentence for an unknown city, level, area or path, and 304 to a
 * reader that already holds the current publish.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildAreaFeed, FEED_MONTHS, scopeOfPath } from '@/lib/feed/area-feed';
import { getAreaProfile } from '@/lib/queries/area-profile';
import { getAnomalies } from '@/lib/queries/anomalies';
import { monthEnd } from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import { buildAppWarehouse, type AppWarehouse } from '../support/app-warehouse';
import type * as FeedRoute from '@/app/feed/[...path]/route';

const ORIGIN = 'https://atlas.example.org';
let app: AppWarehouse;
let route: typeof FeedRoute;

beforeAll(async () => {
  app = await buildAppWarehouse(['toronto', 'minneapolis']);
  process.env.DUCKDB_PATH = app.box.warehouse;
  route = await import('@/app/feed/[...path]/route');
}, 240_000);
afterAll(async () => {
  await app?.close();
});

async function countOpened(month: string, level?: string, area?: string): Promise<number> {
  const rows = area
    ? await app.wh.query<{ n: number }>(
        `select count(*) as n from fact_requests f join fact_request_area a
           on a.city = f.city and a.request_id = f.request_id
         where f.city = 'toronto' and f.month = cast(? as date) and a.level = ? and a.area_key = ?`,
        [month, level!, area],
      )
    : await app.wh.query<{ n: number }>(
        `select count(*) as n from fact_requests where city = 'toronto' and month = cast(? as date)`,
        [month],
      );
  return Number(rows[0]!.n);
}

/** Atom 1.0 (RFC 4287) required elements, checked on the XML itself. */
function checkAtom(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'entry' || name === 'link',
  }).parse(xml) as {
    feed: Record<string, unknown> & {
      entry?: Record<string, unknown>[];
      link: Record<string, string>[];
    };
  };
  const feed = doc.feed;
  expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
  for (const element of ['id', 'title', 'updated', 'author']) expect(feed[element]).toBeDefined();
  expect(feed.link.some((link) => link['@_rel'] === 'self')).toBe(true);
  expect(feed.link.some((link) => link['@_rel'] === 'alternate')).toBe(true);
  for (const entry of feed.entry ?? []) {
    for (const element of ['id', 'title', 'updated', 'link']) expect(entry[element]).toBeDefined();
    expect(String(entry.updated)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  }
  return feed;
}

describe('feeds', () => {
  it('the city feed lists the last completed months with the counts of fact_requests', async () => {
    const feed = await buildAreaFeed(app.wh, { city: 'toronto' }, ORIGIN);
    checkAtom(feed.xml);
    const parsed = parseFeed(feed.xml);
    expect(parsed.meta.type).toBe('atom');
    expect(parsed.self).toBe(`${ORIGIN}/feed/toronto.atom`);
    expect(parsed.items).toHaveLength(Math.min(FEED_MONTHS, feed.entries.length));
    expect(feed.entries.length).toBeGreaterThan(1);
    for (const [i, entry] of feed.entries.entries()) {
      const item = parsed.items[i]!;
      expect(item.id).toBe(entry.id);
      expect(item.url).toBe(entry.url);
      expect(item.title).toContain(entry.count.toLocaleString('en-US'));
      expect(entry.count).toBe(await countOpened(entry.month));
      if (entry.previous !== null) {
        const before = feed.entries[i + 1];
        if (before) expect(entry.previous).toBe(before.count);
      }
    }
    // Newest first, each a completed month, a month apart.
    const months = feed.entries.map((e) => e.month);
    expect([...months].sort().reverse()).toEqual(months);
    expect(parsed.items[0]!.content).toMatch(/were opened in Toronto in /);
  });

  it("an area feed's figures equal the area profile's for each month, per 1,000 included", async () => {
    const [area] = await app.wh.query<{ area_key: string; population: number }>(
      `select area_key, population from dim_area where city = 'toronto' and level = 'ward'
       and population > 0 order by area_key limit 1`,
    );
    const scope = { city: 'toronto', level: 'ward', area: area!.area_key };
    const feed = await buildAreaFeed(app.wh, scope, ORIGIN);
    checkAtom(feed.xml);
    const parsed = parseFeed(feed.xml);
    expect(parsed.self).toBe(
      `${ORIGIN}/feed/toronto/ward/${encodeURIComponent(area!.area_key)}.atom`,
    );
    expect(feed.entries.length).toBeGreaterThan(1);
    for (const entry of feed.entries.slice(0, 3)) {
      const parsedView = parseView(
        new URLSearchParams({
          city: 'toronto',
          level: 'ward',
          area: area!.area_key,
          from: entry.month,
          to: monthEnd(entry.month),
        }),
      );
      if (!parsedView.ok) throw new Error(parsedView.error);
      const profile = await getAreaProfile(app.wh, parsedView.view);
      const requests = profile.figures.find((f) => f.key === 'requests')!;
      expect(entry.count).toBe(requests.area);
      expect(entry.count).toBe(await countOpened(entry.month, 'ward', area!.area_key));
      expect(entry.per1000).toBeCloseTo((entry.count / area!.population) * 1000, 1);
    }
    // The same month keeps its id when the feed is built again (a reader sees no new entry).
    const again = await buildAreaFeed(app.wh, scope, ORIGIN);
    expect(again.entries.map((e) => e.id)).toEqual(feed.entries.map((e) => e.id));
  });

  it("names the tested month's unusual types, as GET /api/anomalies flags them", async () => {
    const flags = await getAnomalies(app.wh, { city: 'minneapolis', level: '_city', limit: 100 });
    expect(flags.flags.length).toBeGreaterThan(0);
    const feed = await buildAreaFeed(app.wh, { city: 'minneapolis' }, ORIGIN);
    const tested = feed.entries.find((entry) => entry.month === flags.month)!;
    expect(tested).toBeDefined();
    expect(tested.unusual).toEqual(flags.flags);
    for (const flag of flags.flags) {
      expect(tested.text).toContain(
        `${flag.value}${flag.dimension === 'category' ? ' (category)' : ''}: ${flag.observed.toLocaleString('en-US')} against about`,
      );
    }
    // Other months were not tested, and say nothing about it.
    const other = feed.entries.find((entry) => entry.month !== flags.month)!;
    expect(other.text).not.toMatch(/unusual/i);
    expect(parseFeed(feed.xml).items.find((item) => item.id === tested.id)!.content).toContain(
      'Unusual this month:',
    );
  });

  it('speaks French and Spanish with ?lang=: the same entries and counts, the words and numbers of the language', async () => {
    const en = await buildAreaFeed(app.wh, { city: 'minneapolis' }, ORIGIN);
    const flags = await getAnomalies(app.wh, { city: 'minneapolis', level: '_city', limit: 100 });
    for (const [locale, opened, month, unusual] of [
      [
        'fr',
        /^Minneapolis, [a-zéû]+ \d{4} : [\d\u202f\u00a0]+ demandes ouvertes/,
        'janvier',
        'Inhabituel ce mois-ci :',
      ],
      [
        'es',
        /^Minneapolis, [a-z]+ de \d{4}: [\d.\u00a0]+ solicitudes abiertas/,
        'enero',
        'Inusual este mes:',
      ],
    ] as const) {
      const feed = await buildAreaFeed(app.wh, { city: 'minneapolis' }, ORIGIN, locale);
      checkAtom(feed.xml);
      const parsed = parseFeed(feed.xml);
      expect(parsed.language).toBe(locale);
      expect(parsed.self).toBe(`${ORIGIN}/feed/minneapolis.atom?lang=${locale}`);
      // The same months, ids and counts as the English feed; links open the dashboard in the language.
      expect(feed.entries.map((e) => [e.id, e.month, e.count])).toEqual(
        en.entries.map((e) => [e.id, e.month, e.count]),
      );
      for (const entry of feed.entries) {
        expect(entry.text).toMatch(opened);
        expect(entry.text).not.toMatch(/were opened|requests/);
        expect(entry.url).toContain(`lang=${locale}`);
        expect(entry.title).toContain(new Intl.NumberFormat(locale).format(entry.count));
      }
      expect(feed.entries.map((e) => e.title).join(' ')).toContain(month);
      const tested = feed.entries.find((entry) => entry.month === flags.month)!;
      expect(tested.text).toContain(unusual);
      // City data values stay as published: the flagged types keep their source names.
      for (const flag of flags.flags) expect(tested.text).toContain(flag.value);
    }
    const response = await route.GET(new Request(`${ORIGIN}/feed/toronto.atom?lang=es`), {
      params: Promise.resolve({ path: ['toronto.atom'] }),
    });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(parseFeed(body).language).toBe('es');
    expect(body).toContain('solicitudes abiertas');
    // A language we do not have is English, not an error.
    const other = await route.GET(new Request(`${ORIGIN}/feed/toronto.atom?lang=de`), {
      params: Promise.resolve({ path: ['toronto.atom'] }),
    });
    expect(parseFeed(await other.text()).language).toBe('en');
  });

  it('reads feed paths of the two shapes only', () => {
    expect(scopeOfPath(['toronto.atom'])).toEqual({ city: 'toronto' });
    expect(scopeOfPath(['toronto', 'ward', '05.atom'])).toEqual({
      city: 'toronto',
      level: 'ward',
      area: '05',
    });
    expect(scopeOfPath(['toronto'])).toBeNull();
    expect(scopeOfPath(['toronto', 'ward.atom'])).toBeNull();
    expect(scopeOfPath(['.atom'])).toBeNull();
  });

  it('answers 404 with a sentence for what does not exist, 304 for an unchanged publish', async () => {
    const get = (path: string[], headers: HeadersInit = {}) =>
      route.GET(new Request(`${ORIGIN}/feed/${path.join('/')}`, { headers }), {
        params: Promise.resolve({ path }),
      });
    const cases: [string[], RegExp][] = [
      [['atlantis.atom'], /There is no city "atlantis"/],
      [['toronto', 'county', '05.atom'], /Toronto has no level "county"/],
      [['toronto', 'ward', 'nowhere.atom'], /Toronto has no Ward "nowhere"/i],
      [['toronto', 'ward'], /There is no feed at this address/],
    ];
    for (const [path, sentence] of cases) {
      const response = await get(path);
      expect(response.status, path.join('/')).toBe(404);
      expect(await response.text()).toMatch(sentence);
    }
    const ok = await get(['toronto.atom']);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const etag = ok.headers.get('etag')!;
    const lastModified = ok.headers.get('last-modified')!;
    expect(etag).toMatch(/^".+"$/);
    expect(new Date(lastModified).getTime()).toBeGreaterThan(0);
    expect(parseFeed(await ok.text()).items.length).toBeGreaterThan(1);
    expect((await get(['toronto.atom'], { 'If-None-Match': etag })).status).toBe(304);
    expect((await get(['toronto.atom'], { 'If-Modified-Since': lastModified })).status).toBe(304);
    expect((await get(['toronto.atom'], { 'If-None-Match': '"other"' })).status).toBe(200);
  });
});

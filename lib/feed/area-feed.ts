/**
 * Atom feeds of a city or one area: one entry per completed month (the last FEED_MONTHS), with
 * the month's requests (per 1,000 residents where the area has a population), the change against
 * the month before and the same month a year earlier, and the unusual types of the tested month
 * (mart_anomaly, through getAnomalies) in plain words. The figures come from the same query
 * functions the API answers with (getTrends, getAnomalies), so a feed never says another number
 * than /api/trends. The XML is written by the `feed` library. No 'server-only': the integration
 * test builds feeds on a pipeline-built warehouse.
 */
import { Feed } from 'feed';
import { NotFoundError } from '@/lib/api/errors';
import { nounFor } from '@/lib/api/texts';
import type { CitySummary } from '@/lib/api/types';
import { getAnomalies, CITY_LEVEL, type AnomalyFlag } from '@/lib/queries/anomalies';
import { getCities } from '@/lib/queries/cities';
import { getTrends } from '@/lib/queries/trends';
import { addMonths, monthEnd, monthList, type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import type { Warehouse } from '@/lib/warehouse/types';
import { feedPath, type FeedScope } from './paths';

export { feedPath, type FeedScope } from './paths';

/** Completed months a feed lists, newest first. */
export const FEED_MONTHS = 12;

export interface FeedMonth {
  month: string;
  count: number;
  per1000: number | null;
  previous: number | null;
  lastYear: number | null;
  /** Flags of the tested month (mart_anomaly holds the last complete month only). */
  unusual: AnomalyFlag[];
}

export interface AreaFeed {
  title: string;
  /** The dashboard view of the scope over the feed's months. */
  dashboardUrl: string;
  selfUrl: string;
  updated: Date;
  entries: (FeedMonth & { id: string; title: string; text: string; url: string })[];
  xml: string;
}

const monthName = (month: string) =>
  new Date(`${month}T00:00:00Z`).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

const whole = (value: number) => value.toLocaleString('en-US');

/** "12% more than in February 2025 (1,175)", "the same as …", or null with nothing to compare. */
export function changeWords(count: number, before: number | null, label: string): string | null {
  if (before === null) return null;
  if (before === 0) return count === 0 ? `none in ${label} either` : `none in ${label}`;
  const pct = Math.round(((count - before) / before) * 100);
  if (pct === 0) return `about the same as in ${label} (${whole(before)})`;
  return `${Math.abs(pct)}% ${pct > 0 ? 'more' : 'fewer'} than in ${label} (${whole(before)})`;
}

function unusualWords(flags: readonly AnomalyFlag[]): string {
  const parts = flags.map(
    (flag) =>
      `${flag.value}${flag.dimension === 'category' ? ' (category)' : ''}: ${whole(flag.observed)} against about ${whole(Math.round(flag.expected))} expected (${flag.ratio.toFixed(1)}×)`,
  );
  return `Unusual this month: ${parts.join('; ')}.`;
}

/** The month's entry text, in plain words. */
export function entryText(
  month: FeedMonth,
  place: string,
  nouns: { many: string },
  tested: boolean,
  kind: '311' | 'crime' = '311',
): string {
  const label = monthName(month.month);
  const rate = month.per1000 === null ? '' : ` (${month.per1000.toFixed(1)} per 1,000 residents)`;
  const changes = [
    changeWords(month.count, month.previous, monthName(addMonths(month.month, -1))),
    changeWords(month.count, month.lastYear, monthName(addMonths(month.month, -12))),
  ].filter((part): part is string => part !== null);
  const sentences = [
    `${whole(month.count)} ${nouns.many} were ${kind === 'crime' ? 'reported' : 'opened'} in ${place} in ${label}${rate}${changes.length ? `: ${changes.join(', and ')}` : ''}.`,
  ];
  if (tested) {
    sentences.push(
      month.unusual.length
        ? unusualWords(month.unusual)
        : `No ${kind === 'crime' ? 'category' : 'type'} was unusually high this month against its seasonal expectation.`,
    );
  }
  return sentences.join(' ');
}

function dashboardLink(origin: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) search.set(key, value);
  return `${origin}/?${search.toString()}`;
}

/** The scope a path names, or null for a path of another shape. */
export function scopeOfPath(path: readonly string[]): FeedScope | null {
  const last = path.at(-1);
  if (!last?.endsWith('.atom') || last === '.atom') return null;
  const parts = [...path.slice(0, -1), last.slice(0, -'.atom'.length)];
  if (parts.length === 1) return { city: parts[0]! };
  if (parts.length === 3) return { city: parts[0]!, level: parts[1]!, area: parts[2]! };
  return null;
}

/** A stable entry id: the same month of the same scope keeps its id across publishes. */
export function entryId(scope: FeedScope, month: string): string {
  const parts = [
    scope.city,
    scope.level ?? CITY_LEVEL,
    scope.area ?? scope.city,
    month.slice(0, 7),
  ];
  return `urn:atlas311:feed:${parts.map(encodeURIComponent).join(':')}`;
}

function viewFor(scope: FeedScope, city: CitySummary, from: string, to: string): View {
  const level = scope.level ?? city.levels[0]?.id;
  if (!level) throw new NotFoundError(`${city.name} has no levels to read.`, 'level');
  const params = new URLSearchParams({ city: city.id, level, from, to });
  if (scope.area !== undefined) params.set('area', scope.area);
  const parsed = parseView(params, { unknown: 'reject' });
  if (!parsed.ok) throw new NotFoundError(parsed.error, parsed.parameter);
  return parsed.view;
}

/** Publication time of the city's data: its freshness (local wall-clock ISO) read as UTC. */
function freshnessDate(city: CitySummary): Date {
  const text = city.freshness ?? city.lastOpened;
  const parsed = text ? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : new Date(0);
}

export async function buildAreaFeed(
  wh: Warehouse,
  scope: FeedScope,
  origin: string,
): Promise<AreaFeed> {
  const { cities } = await getCities(wh);
  const city = cities.find((c) => c.id === scope.city);
  if (!city) {
    throw new NotFoundError(
      `There is no city "${scope.city}"; feeds exist for ${cities.map((c) => c.id).join(', ')}.`,
      'city',
    );
  }
  if (scope.level !== undefined && !city.levels.some((l) => l.id === scope.level)) {
    throw new NotFoundError(
      `${city.name} has no level "${scope.level}"; its levels are ${city.levels.map((l) => l.id).join(', ')}.`,
      'level',
    );
  }
  const last = city.lastCompleteMonth;
  if (!city.loaded || !last || !city.firstMonth) {
    throw new NotFoundError(`No complete month of ${city.name} has been loaded yet.`, 'city');
  }
  // The listed months and a year before them, for the change against the same month last year.
  const firstListed = addMonths(last, -(FEED_MONTHS - 1));
  const from = addMonths(firstListed, -12);
  const view = viewFor(
    scope,
    city,
    from < city.firstMonth ? city.firstMonth : from,
    monthEnd(last),
  );
  const trends = await getTrends(wh, view, { maxCategories: 2 });
  const area = trends.meta.area;
  const anomalies = await getAnomalies(wh, {
    city: city.id,
    level: area ? trends.meta.level : CITY_LEVEL,
    limit: 100,
  });
  const totals = new Map<string, number | null>(
    trends.monthInfo.map((info) => [info.month, info.gap ? null : info.total]),
  );
  const place = area ? `${area.name} (${trends.meta.levelLabel})` : city.name;
  const listed = monthList(firstListed < city.firstMonth ? city.firstMonth : firstListed, last)
    .filter((month) => typeof totals.get(month) === 'number')
    .reverse();
  const nouns = { many: city.nouns.many || nounFor(city.kind) };
  const updated = freshnessDate(city);
  const dashboardUrl = dashboardLink(origin, {
    city: city.id,
    level: trends.meta.level,
    area: area?.key,
    from: listed.at(-1),
    to: listed[0] ? monthEnd(listed[0]) : undefined,
  });
  const selfUrl = `${origin}${feedPath(scope)}`;
  const entries = listed.map((month) => {
    const count = totals.get(month) ?? 0;
    const figures: FeedMonth = {
      month,
      count,
      per1000:
        area?.population && area.population > 0
          ? Math.round((count / area.population) * 10_000) / 10
          : null,
      previous: totals.get(addMonths(month, -1)) ?? null,
      lastYear: totals.get(addMonths(month, -12)) ?? null,
      unusual:
        month === anomalies.month
          ? anomalies.flags.filter((flag) => !area || flag.areaKey === area.key)
          : [],
    };
    return {
      ...figures,
      id: entryId(scope, month),
      title: `${place}, ${monthName(month)}: ${whole(count)} ${nouns.many}`,
      text: entryText(figures, place, nouns, month === anomalies.month, city.kind),
      url: dashboardLink(origin, {
        city: city.id,
        level: trends.meta.level,
        area: area?.key,
        from: month,
        to: monthEnd(month),
      }),
    };
  });
  const title = `${place}: ${city.nouns.many} each month (Atlas 311)`;
  const feed = new Feed({
    id: `urn:atlas311:feed:${[scope.city, scope.level ?? CITY_LEVEL, scope.area ?? scope.city].map(encodeURIComponent).join(':')}`,
    title,
    description: `Monthly ${city.nouns.many} in ${place}: the month's figures, the change against the month before and a year earlier, and unusually high types.`,
    link: dashboardUrl,
    feedLinks: { atom: selfUrl },
    updated,
    language: 'en',
    generator: 'Atlas 311',
    author: { name: `${city.name} open data, via Atlas 311`, link: `${origin}/` },
    copyright: city.attribution,
  });
  for (const entry of entries) {
    const ended = new Date(`${addMonths(entry.month, 1)}T00:00:00Z`);
    feed.addItem({
      id: entry.id,
      title: entry.title,
      link: entry.url,
      // Published when the month ended (or when the data was, if earlier); updated with the data.
      date: updated,
      published: ended < updated ? ended : updated,
      description: entry.text,
      content: entry.text,
    });
  }
  return { title, dashboardUrl, selfUrl, updated, entries, xml: feed.atom1() };
}

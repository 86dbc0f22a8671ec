/**
 * Atom feeds of a city or one area: one entry per completed month (the last FEED_MONTHS), with
 * the month's requests (per 1,000 residents where the area has a population), the change against
 * the month before and the same month a year earlier, and the unusual types of the tested month
 * (mart_anomaly, through getAnomalies) in plain words. The figures come from the same query
 * functions the API answers with (getTrends, getAnomalies), so a feed never says another number
 * than /api/trends. The XML is written by the `feed` library. The words are in the language asked
 * for (`?lang=` on the feed's address; catalogue `feed`, English by default): month names and
 * numbers in the locale, city data values (area, type and level names) as published. No
 * 'server-only': the integration test builds feeds on a pipeline-built warehouse.
 */
import { Feed } from 'feed';
import { createTranslator } from 'next-intl';
import { NotFoundError } from '@/lib/api/errors';
import type { CitySummary } from '@/lib/api/types';
import { getAnomalies, CITY_LEVEL, type AnomalyFlag } from '@/lib/queries/anomalies';
import { getCities } from '@/lib/queries/cities';
import { getTrends } from '@/lib/queries/trends';
import { addMonths, monthEnd, monthList, type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import type { Warehouse } from '@/lib/warehouse/types';
import { DEFAULT_LOCALE, withLang, type Locale } from '@/lib/i18n/locales';
import { nounOf, type Noun } from '@/lib/i18n/words';
import { MESSAGES } from '@/messages';
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

/** The feed's words and numbers in one language. */
export interface FeedWords {
  locale: Locale;
  t: ReturnType<typeof createTranslator<(typeof MESSAGES)['en'], 'feed'>>;
  month(month: string): string;
  whole(value: number): string;
  fixed(value: number): string;
  percent(share: number): string;
}

const feedWordsCache = new Map<Locale, FeedWords>();

export function feedWords(locale: Locale = DEFAULT_LOCALE): FeedWords {
  const cached = feedWordsCache.get(locale);
  if (cached) return cached;
  // English month names as before ("February 2025"), not the US order.
  const months = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const fixed = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const words: FeedWords = {
    locale,
    t: createTranslator({ locale, messages: MESSAGES[locale], namespace: 'feed' }),
    month: (month) => months.format(new Date(`${month}T00:00:00Z`)),
    whole: (value) => whole.format(value),
    fixed: (value) => fixed.format(value),
    percent: (share) => percent.format(share),
  };
  feedWordsCache.set(locale, words);
  return words;
}

/** "12% more than in February 2025 (1,175)", "the same as …", or null with nothing to compare. */
export function changeWords(
  count: number,
  before: number | null,
  label: string,
  noun: Noun,
  words: FeedWords = feedWords(),
): string | null {
  const { t } = words;
  if (before === null) return null;
  if (before === 0) {
    return count === 0
      ? t('change.noneEither', { label, noun })
      : t('change.none', { label, noun });
  }
  const pct = Math.round(((count - before) / before) * 100);
  const values = { label, before: words.whole(before), pct: words.percent(Math.abs(pct) / 100) };
  if (pct === 0) return t('change.same', values);
  return pct > 0 ? t('change.more', values) : t('change.fewer', values);
}

function unusualWords(flags: readonly AnomalyFlag[], words: FeedWords): string {
  const parts = flags.map((flag) =>
    words.t('flag', {
      value: flag.value,
      dimension: flag.dimension,
      observed: words.whole(flag.observed),
      expected: words.whole(Math.round(flag.expected)),
      ratio: words.fixed(flag.ratio),
    }),
  );
  return words.t('unusual', { list: parts.join('; ') });
}

/** The month's entry text, in plain words. */
export function entryText(
  month: FeedMonth,
  place: string,
  noun: Noun,
  tested: boolean,
  words: FeedWords = feedWords(),
): string {
  const { t } = words;
  const changes = [
    changeWords(month.count, month.previous, words.month(addMonths(month.month, -1)), noun, words),
    changeWords(month.count, month.lastYear, words.month(addMonths(month.month, -12)), noun, words),
  ].filter((part): part is string => part !== null);
  const sentences = [
    t('sentence', {
      count: words.whole(month.count),
      noun,
      place,
      month: words.month(month.month),
      rate: month.per1000 === null ? '' : t('rate', { value: words.fixed(month.per1000) }),
      changes:
        changes.length === 0
          ? ''
          : changes.length === 1
            ? t('changesOne', { first: changes[0]! })
            : t('changesTwo', { first: changes[0]!, second: changes[1]! }),
    }),
  ];
  if (tested) {
    sentences.push(
      month.unusual.length ? unusualWords(month.unusual, words) : t('noUnusual', { noun }),
    );
  }
  return sentences.join(' ');
}

function dashboardLink(
  origin: string,
  lang: Locale | undefined,
  params: Record<string, string | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) search.set(key, value);
  return withLang(`${origin}/?${search.toString()}`, lang);
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
  locale: Locale = DEFAULT_LOCALE,
): Promise<AreaFeed> {
  const words = feedWords(locale);
  const { t } = words;
  // Links carry the language when it is not the default, so a French reader lands in French.
  const lang = locale === DEFAULT_LOCALE ? undefined : locale;
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
  const place = area ? t('place', { area: area.name, level: trends.meta.levelLabel }) : city.name;
  const listed = monthList(firstListed < city.firstMonth ? city.firstMonth : firstListed, last)
    .filter((month) => typeof totals.get(month) === 'number')
    .reverse();
  const noun = nounOf(city.kind);
  const updated = freshnessDate(city);
  const dashboardUrl = dashboardLink(origin, lang, {
    city: city.id,
    level: trends.meta.level,
    area: area?.key,
    from: listed.at(-1),
    to: listed[0] ? monthEnd(listed[0]) : undefined,
  });
  const selfUrl = `${origin}${withLang(feedPath(scope), lang)}`;
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
      title: t('entryTitle', { place, month: words.month(month), count: words.whole(count), noun }),
      text: entryText(figures, place, noun, month === anomalies.month, words),
      url: dashboardLink(origin, lang, {
        city: city.id,
        level: trends.meta.level,
        area: area?.key,
        from: month,
        to: monthEnd(month),
      }),
    };
  });
  const title = t('title', { place, noun });
  const feed = new Feed({
    id: `urn:atlas311:feed:${[scope.city, scope.level ?? CITY_LEVEL, scope.area ?? scope.city].map(encodeURIComponent).join(':')}`,
    title,
    description: t('description', { place, noun }),
    link: dashboardUrl,
    feedLinks: { atom: selfUrl },
    updated,
    language: locale,
    generator: 'Atlas 311',
    author: { name: t('author', { city: city.name }), link: withLang(`${origin}/`, lang) },
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
  // The `feed` library writes no language into Atom: xml:lang on the root says it (RFC 4287 §2).
  const xml = feed
    .atom1()
    .replace(
      /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/,
      (root) => `${root} xml:lang="${locale}"`,
    );
  return { title, dashboardUrl, selfUrl, updated, entries, xml };
}

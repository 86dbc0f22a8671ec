/**
 * Three languages end to end (issue 12 item 5): the dashboard, both embeds, the status page and
 * the printed briefing in French and Spanish. Expected words come from the catalogues themselves
 * (messages/<locale>/*.json through next-intl's createTranslator), numbers from Intl with the
 * locale, figures from the API: nothing French or Spanish is typed twice. The language comes from
 * `lang` in the link, else Accept-Language; `lang` survives a filter change; city data values
 * (area names, request types) stay as published. Writes docs/screenshots/dashboard-fr.png.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createTranslator } from 'next-intl';
import { PDFDocument } from 'pdf-lib';
import type { Messages } from '@/messages';
import { CATEGORY_KEYS } from '@/lib/i18n/words';
import type { ChoroplethResponse, FilterOptionsResponse } from '@/lib/api/types';

const SHOTS = path.resolve('docs/screenshots');
const VIEW = 'city=toronto&level=ward';

type Lang = 'fr' | 'es';
/** One language's catalogue as the app has it (read from the files: Playwright's loader takes no JSON imports). */
function catalogue(locale: Lang | 'en'): Messages {
  const namespaces = ['common', 'words', 'status', 'apiDocs', 'report', 'freshness', 'feed'];
  return Object.fromEntries(
    namespaces.map((ns) => [
      ns,
      JSON.parse(readFileSync(path.resolve('messages', locale, `${ns}.json`), 'utf8')) as unknown,
    ]),
  ) as Messages;
}
const words = (locale: Lang | 'en') =>
  createTranslator({ locale, messages: catalogue(locale), namespace: 'words' });
const freshness = (locale: Lang | 'en') =>
  createTranslator({ locale, messages: catalogue(locale), namespace: 'freshness' });
const report = (locale: Lang | 'en') =>
  createTranslator({ locale, messages: catalogue(locale), namespace: 'report' });
/** Intl's spaces (narrow no-break in French groups) read as one kind in comparisons. */
const spaces = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
const grouped = (locale: string, value: number) =>
  spaces(new Intl.NumberFormat(locale).format(value));

async function api<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.ok(), url).toBe(true);
  return (await response.json()) as T;
}

/** The text before "{" of a catalogue message: the words the page must show for it. */
const lead = (message: string) => message.split('{')[0]!.trim();

for (const locale of ['fr', 'es'] as const) {
  test.describe(`the dashboard in ${locale}`, () => {
    test('html lang, Content-Language, the freshness line and the feed link (this branch)', async ({
      page,
    }) => {
      const response = await page.goto(`/?${VIEW}&lang=${locale}`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-language']).toBe(locale);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      // The freshness line says "Data to …" in the language, with the same dates as the API.
      await expect(page.getByTestId('freshness-line')).toContainText(
        lead(freshness(locale).raw('line.dataTo') as string),
      );
      // The page head's feed links carry the language, so a reader gets entries in it.
      const feeds = page.locator('link[rel="alternate"][type="application/atom+xml"]');
      await expect(feeds.first()).toHaveAttribute('href', new RegExp(`lang=${locale}`));
      const href = await feeds.first().getAttribute('href');
      const feed = await page.request.get(href!);
      expect(feed.ok()).toBe(true);
      expect(await feed.text()).toContain(`xml:lang="${locale}"`);
      // City data values stay as published: the area table shows the API's area names.
      const choropleth = await api<ChoroplethResponse>(page, `/api/choropleth?${VIEW}`);
      const first = choropleth.areas.find((a) => a.area_name)!;
      await expect(page.getByTestId('area-table')).toContainText(first.area_name);
    });

    test('lang is kept after changing a filter', async ({ page }) => {
      await page.goto(`/?${VIEW}&lang=${locale}`);
      await expect(page.locator('#metric-select')).toBeEnabled();
      await page.locator('#metric-select').selectOption('per_1000');
      await expect(page).toHaveURL(/metric=per_1000/);
      await expect(page).toHaveURL(new RegExp(`lang=${locale}`));
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
    });

    // Needs the dashboard's own strings (translated on the other i18n branches).
    test('measure names, categories and numbers in the language', async ({ page }) => {
      const w = words(locale);
      await page.goto(`/?${VIEW}&lang=${locale}`);
      const choropleth = await api<ChoroplethResponse>(page, `/api/choropleth?${VIEW}`);
      expect(choropleth.total).toBeGreaterThanOrEqual(1000);
      // The headline measure name from words.json ("Demandes", "Solicitudes").
      await expect(page.getByTestId('headline-requests').locator('.headline-label')).toHaveText(
        w('metric.count', { noun: 'requests' }),
      );
      // A count ≥ 1000 with the locale's grouping ("12 345", "12.345").
      const value = page.getByTestId('headline-requests-value');
      await expect(value).not.toBeEmpty();
      expect(spaces(await value.innerText())).toBe(grouped(locale, choropleth.total));
      // The measure picker names the measures in the language.
      await expect(page.locator('#metric-select option[value="per_1000"]')).toHaveText(
        w('metric.per_1000', { noun: 'requests' }),
      );
      // A category of our taxonomy translated in the category filter.
      const options = await api<FilterOptionsResponse>(page, `/api/choropleth/options?${VIEW}`);
      const category = options.category.find((c) => c.value in CATEGORY_KEYS)!;
      expect(category).toBeDefined();
      const key = CATEGORY_KEYS[category.value as keyof typeof CATEGORY_KEYS];
      const filter = page.getByTestId('filter-category');
      await filter.locator('summary').click();
      await expect(filter).toContainText(w(`category.${key}`));
    });
  });
}

test('Accept-Language chooses French without lang; lang=en beats it', async ({ browser }) => {
  // The browser's own language setting is what sends Accept-Language.
  const context = await browser.newContext({ locale: 'fr-CA' });
  const page = await context.newPage();
  try {
    const french = await page.goto(`/?${VIEW}`);
    expect(await french?.request().headerValue('accept-language')).toMatch(/^fr-CA/);
    expect(french?.headers()['content-language']).toBe('fr');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByTestId('freshness-line')).toContainText(
      lead(freshness('fr').raw('line.dataTo') as string),
    );
    const english = await page.goto(`/?${VIEW}&lang=en`);
    expect(english?.headers()['content-language']).toBe('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('freshness-line')).toContainText('Data to ');
  } finally {
    await context.close();
  }
});

test('the map embed renders in Spanish and the heatmap embed in French', async ({ page }) => {
  for (const [url, locale] of [
    [`/embed/map?${VIEW}&lang=es`, 'es'],
    [`/embed/heatmap?${VIEW}&lang=fr`, 'fr'],
  ] as const) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    expect(response?.headers()['content-language']).toBe(locale);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByTestId('freshness-line')).toContainText(
      lead(freshness(locale).raw('line.dataTo') as string),
    );
  }
});

test('/status in French: headings, cadence and numbers in the language', async ({ page }) => {
  const { cities } = await api<{ cities: { city: string; rowsLoaded: number }[] }>(
    page,
    '/api/status',
  );
  await page.goto('/status?lang=fr');
  await expect(page.getByRole('heading', { name: 'État des données' })).toBeVisible();
  for (const c of cities) {
    const row = page.getByTestId(`status-${c.city}`);
    expect(spaces(await row.innerText())).toContain(grouped('fr', c.rowsLoaded));
  }
  await expect(page.getByRole('link', { name: 'Retour au tableau de bord' })).toHaveAttribute(
    'href',
    '/?lang=fr',
  );
});

test('the briefing in French prints on one or two pages, A4 and Letter', async ({ page }) => {
  const t = report('fr');
  await page.goto(`/report?${VIEW}&area=1&lang=fr`);
  const briefing = page.getByTestId('report');
  await expect(briefing).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(briefing.locator('.report-kicker')).toHaveText(t('kicker'));
  await expect(briefing.getByTestId('report-headline').locator('caption')).toHaveText(
    t('headlineCaption'),
  );
  // Numbers in French; the area's name as published.
  const cell = briefing.locator('tr[data-figure="requests"] [data-cell="area"]');
  const count = Number(await cell.getAttribute('data-value'));
  expect(count).toBeGreaterThan(0);
  expect(spaces(await cell.innerText())).toBe(grouped('fr', count));
  const area = await api<{ meta: { area: { name: string } } }>(page, `/api/area?${VIEW}&area=1`);
  await expect(briefing.locator('h1')).toContainText(area.meta.area.name);
  await expect(page.getByTestId('freshness-line')).toContainText(
    lead(freshness('fr').raw('line.dataTo') as string),
  );
  await page.emulateMedia({ media: 'print' });
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await page.pdf({ format, printBackground: true });
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    console.log(`French briefing on ${format}: ${pages} page(s)`);
    expect(pages, format).toBeGreaterThanOrEqual(1);
    expect(pages, format).toBeLessThanOrEqual(2);
  }
});

test('screenshot: the dashboard in French (docs/screenshots/dashboard-fr.png)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/?${VIEW}&lang=fr`);
  await expect(page.getByTestId('area-table')).toBeVisible();
  await expect(page.getByTestId('headline-requests-value')).toHaveText(/\d/);
  await expect(page.getByTestId('freshness-line')).toBeVisible();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(SHOTS, 'dashboard-fr.png') });
});

/**
 * The dashboard layout end to end (issue 9): the page stays within 3 screens at 1440×900 and 8
 * on a 390×844 phone for every city with every analysis tab open in turn; the headline strip
 * equals the API's figures; Back and Forward move between views; tabs and chart toggles live in
 * the URL; the title names the view; a favicon; phone filters fold into a summary line; map
 * zoom controls; honest chart notes; the map's CSV equals the API's areas.
 */
import { expect, test, type Page } from '@playwright/test';
import { choropleth, expectDrawn, hoverArea } from './fixtures/map';

interface CityLike {
  id: string;
  name: string;
  loaded: boolean;
  hasResolution: boolean;
  hasSla: boolean;
  metrics: string[];
  levels: { id: string; label: string; hasPopulation: boolean }[];
}

interface ChoroplethLike {
  from: string;
  to: string;
  total: number;
  areas: {
    area_key: string;
    area_name: string;
    value: number | null;
    count: number;
    population: number | null;
  }[];
}

const TABS = [
  'seasonal',
  'patterns',
  'trends',
  'types',
  'resolution',
  'channels',
  'profile',
] as const;
const SIZES = [
  { name: 'desktop', width: 1440, height: 900, screens: 3 },
  { name: 'phone', width: 390, height: 844, screens: 8 },
] as const;

async function cities(page: Page): Promise<CityLike[]> {
  const response = await page.request.get('/api/cities');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { cities: CityLike[] }).cities.filter((c) => c.loaded);
}

async function api<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.ok(), url).toBe(true);
  return (await response.json()) as T;
}

/** Waits until the tab's panel has no loading skeleton left. */
async function settled(page: Page, tab: string): Promise<void> {
  const panel = page.locator(`[data-panel="${tab}"]`);
  await expect(panel).toBeVisible();
  await expect(panel.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
}

const pageHeight = (page: Page) =>
  page.evaluate(() => document.scrollingElement?.scrollHeight ?? 0);

for (const size of SIZES) {
  test(`every city stays within ${size.screens} screens at ${size.width}×${size.height}, every tab open`, async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    const measured: Record<string, number> = {};
    for (const city of await cities(page)) {
      await page.goto(`/?city=${city.id}`);
      await expect(
        page.getByTestId('legend').or(page.getByTestId('empty-state')).first(),
      ).toBeVisible({
        timeout: 60_000,
      });
      let max = 0;
      for (const tab of TABS) {
        await page.locator(`[role="tab"][data-tab="${tab}"]`).click();
        await settled(page, tab);
        max = Math.max(max, await pageHeight(page));
      }
      measured[city.id] = max;
      expect(max, `${city.id} at ${size.name}: ${max}px`).toBeLessThanOrEqual(
        size.screens * size.height,
      );
    }
    console.log(
      `page heights ${size.name} ${size.width}×${size.height}: ` +
        Object.entries(measured)
          .map(([id, h]) => `${id} ${h}px (${(h / size.height).toFixed(2)} screens)`)
          .join(', '),
    );
  });
}

test('the headline strip shows the API figures for the same view, each with its definition', async ({
  page,
}) => {
  const list = await cities(page);
  const boston = list.find((c) => c.id === 'boston' && c.hasResolution && c.hasSla);
  for (const city of [list.find((c) => c.id === 'toronto'), boston].filter(Boolean) as CityLike[]) {
    const level = city.levels[0]!;
    const base = `city=${city.id}&level=${level.id}`;
    await page.goto(`/?${base}`);
    const now = await api<ChoroplethLike>(page, `/api/choropleth?${base}`);
    const count = (n: number) => n.toLocaleString('en-US');
    await expect(page.getByTestId('headline-requests-value')).toHaveText(count(now.total));

    // The previous period of the same number of whole months, worked out here independently.
    const [fy, fm] = now.from.split('-').map(Number) as [number, number];
    const [ty, tm] = now.to.split('-').map(Number) as [number, number];
    const months = (ty - fy) * 12 + (tm - fm) + 1;
    const prevFrom = new Date(Date.UTC(fy, fm - 1 - months, 1)).toISOString().slice(0, 10);
    const prevTo = new Date(Date.UTC(fy, fm - 1, 0)).toISOString().slice(0, 10);
    const before = await api<ChoroplethLike>(
      page,
      `/api/choropleth?${base}&from=${prevFrom}&to=${prevTo}`,
    );
    const change = page.getByTestId('headline-change-value');
    if (before.total === 0) await expect(change).toHaveText('—');
    else {
      // One decimal under 10%, whole percent from 10% up: the rounding of every headline change.
      const pct = ((now.total - before.total) / before.total) * 100;
      const digits = Math.abs(Math.round(pct * 10) / 10) < 10 ? 1 : 0;
      const rounded = Number(pct.toFixed(digits));
      const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
      const text = `${sign}${Math.abs(rounded).toFixed(digits)}%`;
      await expect(change).toHaveText(text);
    }

    if (city.metrics.includes('still_open')) {
      const open = await api<ChoroplethLike>(page, `/api/choropleth?${base}&status=open`);
      await expect(page.getByTestId('headline-open-value')).toHaveText(count(open.total));
    } else {
      await expect(page.getByTestId('headline-open')).toContainText('no closing dates');
    }

    if (level.hasPopulation && now.areas.every((a) => a.population !== null)) {
      const population = now.areas.reduce((s, a) => s + (a.population ?? 0), 0);
      await expect(page.getByTestId('headline-requests')).toContainText(
        `${((now.total / population) * 1000).toFixed(2)} per 1,000 residents`,
      );
    }

    if (city.hasResolution) {
      const resolution = await api<{
        available: boolean;
        summary: { p50Days: number | null; onTimePct: number | null };
      }>(page, `/api/resolution?${base}`);
      expect(resolution.available).toBe(true);
      const median = resolution.summary.p50Days;
      await expect(page.getByTestId('headline-median-value')).toHaveText(
        median === null ? '—' : median.toFixed(1),
      );
      if (city.hasSla) {
        const onTime = resolution.summary.onTimePct;
        await expect(page.getByTestId('headline-on-time-value')).toHaveText(
          onTime === null ? '—' : `${(onTime * 100).toFixed(1)}%`,
        );
      }
    } else {
      await expect(page.getByTestId('headline-median')).toContainText('no closing dates');
    }

    // The definition shows on keyboard focus, as a tooltip that describes the figure.
    const figure = page.getByTestId('headline-requests');
    await figure.focus();
    const tipId = await figure.getAttribute('aria-describedby');
    const tip = page.locator(`[id="${tipId}"]`);
    await expect(tip).toBeVisible();
    await expect(tip).toHaveAttribute('role', 'tooltip');
    await expect(tip).toContainText('match the filters');
    await page.keyboard.press('Escape');
    await expect(tip).toBeHidden();
    await figure.hover();
    await expect(page.getByTestId('headline-change').getByRole('tooltip')).toBeHidden();
  }
});

test('Back and Forward move between views; the title names city, measure and level', async ({
  page,
}) => {
  await page.goto('/?city=toronto&level=ward');
  await expectDrawn(page, 25);
  await expect(page).toHaveTitle('Toronto · Requests by ward · Atlas 311');
  const level = (name: string) =>
    page.getByRole('group', { name: 'Areas' }).getByRole('button', { name, exact: true });
  await level('Postal area (FSA)').click();
  await expect.poll(() => page.url()).toMatch(/level=fsa/);
  await page.getByLabel('Measure', { exact: true }).selectOption('per_1000');
  await expect.poll(() => page.url()).toMatch(/metric=per_1000/);
  await expect(page).toHaveTitle(
    'Toronto · Requests per 1,000 residents by postal area (fsa) · Atlas 311',
  );

  await page.goBack();
  await expect.poll(() => page.url()).not.toMatch(/metric=per_1000/);
  await expect(page.getByLabel('Measure', { exact: true })).toHaveValue('count');
  await expect(level('Postal area (FSA)')).toHaveAttribute('aria-pressed', 'true');
  await page.goBack();
  await expect.poll(() => page.url()).toMatch(/level=ward/);
  await expect(level('Ward')).toHaveAttribute('aria-pressed', 'true');
  await expectDrawn(page, 25);
  await page.goForward();
  await expect(level('Postal area (FSA)')).toHaveAttribute('aria-pressed', 'true');
  await expectDrawn(page, 96);
});

test('the active tab and the chart toggles are in the URL and survive a reload', async ({
  page,
}) => {
  await page.goto('/?city=toronto&level=ward&utm_source=newsletter');
  await page.locator('[role="tab"][data-tab="seasonal"]').waitFor();
  // The toggles are the URL's: the radio shows checked once the URL has changed.
  await page.getByRole('radio', { name: 'Seasons' }).click();
  await expect.poll(() => page.url()).toMatch(/hm=season/);
  await page.getByLabel('Number of types').selectOption('5');
  await expect.poll(() => page.url()).toMatch(/top=5/);
  await page.getByRole('tab', { name: 'Trends' }).click();
  await expect.poll(() => page.url()).toMatch(/tab=trends/);
  await page.getByRole('radio', { name: 'Stacked bars' }).click();
  await expect.poll(() => page.url()).toMatch(/layout=bar/);
  // A tracking parameter the app does not know survives every change.
  expect(page.url()).toContain('utm_source=newsletter');

  await page.reload();
  await expect(page.getByRole('tab', { name: 'Trends' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('radio', { name: 'Stacked bars' })).toBeChecked();
  await page.getByRole('tab', { name: 'Seasonal pattern' }).click();
  await expect(page.getByRole('radio', { name: 'Seasons' })).toBeChecked();
  await expect(page.getByLabel('Number of types')).toHaveValue('5');

  // Tabs follow the arrow keys (WAI-ARIA tabs).
  await page.getByRole('tab', { name: 'Seasonal pattern' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Time of week' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Time of week' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});

test('a favicon is served and linked', async ({ page }) => {
  const icon = await page.request.get('/icon.svg');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  await page.goto('/?city=toronto&level=ward');
  await expect(page.locator('head link[rel="icon"]')).toHaveAttribute('href', /icon\.svg/);
});

test('on a phone the map is in the first screen and the filters fold into a summary line', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?city=toronto&level=ward&status=closed');
  await expectDrawn(page, 25);
  const summary = page.getByTestId('filter-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('Ward · Requests · Last 12 months · 1 filter');
  await expect(page.locator('#filter-bar')).toBeHidden();
  const map = (await choropleth(page).boundingBox())!;
  expect(map.y).toBeGreaterThanOrEqual(0);
  expect(map.y + map.height).toBeLessThanOrEqual(844);

  await summary.click();
  await expect(page.locator('#filter-bar')).toBeVisible();
  await expect(summary).toHaveAttribute('aria-expanded', 'true');
  for (const select of await page.locator('#filter-bar select').all()) {
    const box = (await select.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  await page.getByLabel('Status', { exact: true }).selectOption('');
  await expect(summary).toContainText('Ward · Requests · Last 12 months');
  await expect(summary).not.toContainText('filter');
});

test('map zoom controls work, and no canvas is a tab stop', async ({ page }) => {
  await page.goto('/?city=toronto&level=ward');
  await expectDrawn(page, 25);
  const zoom = () => page.evaluate(() => window.__atlasMap!.zoom());
  const start = await zoom();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(zoom).toBeGreaterThan(start + 0.5);
  await expect.poll(zoom).toBeCloseTo(start + 1, 1);
  // Two clicks in one go, the second while the first step still animates: two whole steps.
  await page.getByRole('button', { name: 'Zoom out' }).evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });
  await expect.poll(zoom).toBeCloseTo(start - 1, 1);
  await page.getByRole('button', { name: 'Reset the view' }).click();
  await expect.poll(zoom).toBeCloseTo(start, 1);
  const canvases = await page
    .locator('[data-testid="choropleth"] canvas')
    .evaluateAll((nodes) => nodes.map((n) => (n as HTMLCanvasElement).tabIndex));
  expect(canvases.length).toBeGreaterThan(0);
  expect(canvases.every((t) => t < 0)).toBe(true);
});

test('the first fit keeps every area clear of the attribution', async ({ page }) => {
  for (const [url, n] of [
    ['/?city=toronto&level=ward', 25],
    ['/?city=toronto&level=neighbourhood', 158],
  ] as const) {
    await page.goto(url);
    await expectDrawn(page, n);
    const clearance = await page.evaluate(() => {
      const handle = window.__atlasMap!;
      const bounds = handle.dataBounds();
      const container = handle.container().getBoundingClientRect();
      const attribution = handle.attribution()?.getBoundingClientRect();
      if (!bounds || !attribution) return null;
      const south = handle.project([bounds[0][0], bounds[0][1]]).y;
      return attribution.top - container.top - south;
    });
    expect(clearance).not.toBeNull();
    expect(clearance!).toBeGreaterThanOrEqual(0);
  }
});

test('hover outlines the area instead of tinting it', async ({ page }) => {
  await page.goto('/?city=toronto&level=ward');
  await expectDrawn(page, 25);
  await hoverArea(page, '10');
  await expect(choropleth(page)).toHaveAttribute('data-hovered', '10');
  const layers = await page.evaluate(() => window.__atlasMap!.layerSummary());
  const fill = layers.find((l) => l.id === 'choropleth-fill')!;
  expect(fill.autoHighlight).toBe(false);
  const outline = layers.find((l) => l.id === 'choropleth-outline')!;
  expect(outline.keys).toContain('10');
});

test('an unsupported metric in a URL shows in the picker with its reason, and no Retry', async ({
  page,
}) => {
  await page.goto('/?city=toronto&level=ward&metric=median_days');
  await expect(page.getByTestId('map-error')).toContainText('closing dates');
  await expect(page.getByTestId('map-error').getByRole('button', { name: 'Retry' })).toHaveCount(0);
  const measure = page.getByLabel('Measure', { exact: true });
  await expect(measure).toHaveValue('median_days');
  await expect(page.getByTestId('metric-unsupported')).toHaveText(
    /^Median days to close \(not available: .*closing dates.*\)$/,
  );
});

test('a heatmap over more than 12 months says that its columns add up several years', async ({
  page,
}) => {
  await page.goto('/?city=toronto&level=ward&from=2024-01-01&to=2025-12-31');
  await expect(page.getByTestId('heatmap-fold-note')).toContainText('24 months');
  await page.goto('/?city=toronto&level=ward');
  await expect(page.locator('table.heatmap')).toBeVisible();
  await expect(page.getByTestId('heatmap-fold-note')).toHaveCount(0);
});

test("months without data are gaps, named beside the chart (Seattle's 8-year gap)", async ({
  page,
}) => {
  const seattle = (await cities(page)).find((c) => c.id === 'seattle');
  test.skip(!seattle, 'Seattle is not loaded');
  await page.goto('/?city=seattle&level=precinct&from=2015-12-01&to=2025-12-31&tab=trends');
  const gaps = page.getByTestId('gap-months');
  await expect(gaps).toContainText(/\d+ months have no data at all/);
  const trends = await api<{ monthInfo: { month: string; gap: boolean }[] }>(
    page,
    '/api/trends?city=seattle&level=precinct&from=2015-12-01&to=2025-12-31',
  );
  const empty = trends.monthInfo.filter((m) => m.gap).length;
  expect(empty).toBeGreaterThan(12);
  await expect(gaps).toContainText(`${empty} months have no data`);
});

test('"areas with the most of one type" offers every type, not only the top N', async ({
  page,
}) => {
  await page.goto('/?city=toronto&level=ward');
  const picker = page.getByTestId('rank-type');
  const options = await api<{ type: { value: string }[] }>(
    page,
    '/api/choropleth/options?city=toronto',
  );
  await expect(picker.locator('option')).toHaveCount(options.type.length + 1);
  const last = options.type[options.type.length - 1]!.value;
  await picker.selectOption(last);
  await expect(page.getByTestId('ranked-areas').or(page.getByText(/has any of/))).toBeVisible();
  await expect
    .poll(() => page.url())
    .toContain(`rank=${encodeURIComponent(last).replace(/%20/g, '+')}`);
});

test("the map's CSV holds every area with value, count, population and rank", async ({ page }) => {
  await page.goto('/?city=toronto&level=ward&metric=per_1000');
  await expectDrawn(page, 25);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-map-csv').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^atlas311_toronto_ward_per-1000_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_map\.csv$/,
  );
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const lines = Buffer.concat(chunks)
    .toString('utf8')
    .split('\r\n')
    .filter((l) => l && !l.startsWith('#'));
  expect(lines[0]).toBe('area_key,area_name,value,count,population,rank,too_few');
  const api_ = await api<ChoroplethLike>(
    page,
    '/api/choropleth?city=toronto&level=ward&metric=per_1000',
  );
  expect(lines.length - 1).toBe(api_.areas.length);
  const byKey = new Map(lines.slice(1).map((l) => [l.split(',')[0]!, l]));
  const ranked = [...api_.areas].sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
  const top = ranked[0]!;
  const row = byKey.get(top.area_key)!.split(',');
  expect(Number(row[2])).toBeCloseTo(top.value!, 6);
  expect(Number(row[3])).toBe(top.count);
  expect(Number(row[4])).toBe(top.population);
  expect(row[5]).toBe('1');
});

test('the Embed button offers the heatmap too', async ({ page }) => {
  await page.goto('/?city=toronto&level=ward&hm=season');
  await page.getByTestId('embed-button').click();
  await page.getByTestId('embed-kind-heatmap').check();
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  expect(snippet).toMatch(
    /^<iframe src="http:\/\/localhost:\d+\/embed\/heatmap\?city=toronto&amp;level=ward&amp;mode=season"/,
  );
});

test('areas resting on too few requests are hatched, say "too few" and take no rank', async ({
  page,
}) => {
  const base = 'city=boston&level=neighborhood&metric=median_days';
  const data = await api<ChoroplethLike & { tooFew: number; minSample: number }>(
    page,
    `/api/choropleth?${base}`,
  );
  const few = data.areas.filter((a) => (a as { tooFew?: boolean }).tooFew);
  test.skip(few.length === 0, 'no area rests on too few requests in this sample');
  await page.goto(`/?${base}`);
  await expectDrawn(page, data.areas.length);
  await expect(page.getByTestId('legend-too-few')).toContainText(`${few.length} area`);
  await expect(page.getByTestId('area-table').getByTestId('too-few')).toHaveCount(few.length);
  const row = page
    .locator(`.row-button[data-area-key="${few[0]!.area_key}"]`)
    .locator('xpath=../..');
  await expect(row.locator('td').last()).toHaveText('–');
  const layers = await page.evaluate(() => window.__atlasMap!.layerSummary());
  const hatch = layers.find((l) => l.id === 'choropleth-too-few');
  expect(hatch?.keys.sort()).toEqual(few.map((a) => a.area_key).sort());
});

test('a level with no located data in the range is disabled in the picker with its reason', async ({
  page,
}) => {
  const options = await api<{
    levels: { id: string; available: boolean; reason: string | null }[];
  }>(page, '/api/choropleth/options?city=toronto&level=ward');
  const off = options.levels.find((l) => !l.available);
  test.skip(!off, 'every Toronto level has located data in the default range');
  await page.goto('/?city=toronto&level=ward');
  const button = page.locator(`[data-level="${off!.id}"]`);
  await expect(button).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId(`level-reason-${off!.id}`)).toContainText(off!.reason!);
  await button.click({ force: true });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/level=ward/);
  await expect(page.locator('[data-level="ward"]')).toHaveAttribute('aria-pressed', 'true');
});

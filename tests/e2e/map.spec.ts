/**
 * The dashboard map end to end (Toronto, bundled sample): levels draw every area, hover shows a
 * tooltip, metric and classification change the legend, the API names bad parameters, the URL
 * round-trips, and the area table works from the keyboard. Features are found through
 * `data-testid="choropleth"` (data-feature-count, data-ready) and window.__atlasMap.
 */
import { expect, test, type Page } from '@playwright/test';
import { choropleth, expectDrawn, hoverArea } from './fixtures/map';

const WARDS = '/?city=toronto&level=ward';

async function legendBreaks(page: Page): Promise<string> {
  const legend = page.getByTestId('legend');
  await expect(legend).toBeVisible();
  return (await legend.getAttribute('data-breaks')) ?? '';
}

function levelButton(page: Page, name: string) {
  return page.getByRole('group', { name: 'Areas' }).getByRole('button', { name, exact: true });
}

async function waitForUrl(page: Page, pattern: RegExp): Promise<void> {
  await expect.poll(() => page.url()).toMatch(pattern);
}

test('draws the 25 wards, then 96 FSAs and 158 neighbourhoods from the level toggle', async ({
  page,
}) => {
  // 2018: the real Open311 requests with coordinates, so every level has located data (a level
  // without any is disabled in the picker: layout.spec.ts).
  await page.goto(`${WARDS}&from=2018-01-01&to=2018-12-31`);
  await expectDrawn(page, 25);
  await expect(levelButton(page, 'Ward')).toHaveAttribute('aria-pressed', 'true');

  await levelButton(page, 'Postal area (FSA)').click();
  await waitForUrl(page, /level=fsa/);
  await expect(levelButton(page, 'Postal area (FSA)')).toHaveAttribute('aria-pressed', 'true');
  await expectDrawn(page, 96);

  await levelButton(page, 'Neighbourhood').click();
  await waitForUrl(page, /level=neighbourhood/);
  await expectDrawn(page, 158);
});

test('hovering an area shows a tooltip with its name and value', async ({ page }) => {
  await page.goto(WARDS);
  await expectDrawn(page, 25);
  await hoverArea(page, '10');
  const tooltip = page.getByTestId('map-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(page.getByTestId('map-tooltip-name')).toHaveText('Spadina-Fort York');
  await expect(page.getByTestId('map-tooltip-value')).toHaveText(/^\d[\d,]*\s+requests$/);
});

test('changing the metric to per 1,000 residents changes the legend', async ({ page }) => {
  await page.goto(WARDS);
  await expectDrawn(page, 25);
  const before = await legendBreaks(page);
  await expect(page.getByTestId('legend')).toContainText('Requests');

  await page.getByLabel('Measure', { exact: true }).selectOption('per_1000');
  await waitForUrl(page, /metric=per_1000/);
  await expect(page.getByTestId('legend')).toContainText('per 1,000 residents');
  await expect.poll(() => legendBreaks(page)).not.toBe(before);
  await expectDrawn(page, 25);
});

test('changing the classification changes the breaks', async ({ page }) => {
  await page.goto('/?city=toronto&level=fsa');
  await expectDrawn(page, 96);
  const quantile = await legendBreaks(page);

  await page.getByLabel('Classes', { exact: true }).selectOption('equal');
  await waitForUrl(page, /classification=equal/);
  await expect.poll(() => legendBreaks(page)).not.toBe(quantile);
  const equal = (await legendBreaks(page)).split(',').map(Number);
  const widths = equal.slice(1).map((edge, i) => edge - equal[i]!);
  for (const width of widths) expect(width).toBeCloseTo(widths[0]!, 6);

  await page.getByLabel('Classes', { exact: true }).selectOption('jenks');
  await waitForUrl(page, /classification=jenks/);
  await expect.poll(() => legendBreaks(page)).not.toBe(equal.join(','));
});

test('the API answers 400 naming the bad parameter', async ({ request }) => {
  for (const [query, parameter] of [
    ['city=toronto&level=ward&metric=bogus', 'metric'],
    ['city=toronto&level=ward&from=2024-13-01', 'from'],
    ['city=toronto&level=ward&metric=median_days', 'metric'],
    ['city=toronto&level=ward&colour=red', 'colour'],
  ] as const) {
    const response = await request.get(`/api/choropleth?${query}`);
    expect(response.status(), query).toBe(400);
    const body = (await response.json()) as { error: string; parameter: string };
    expect(body.parameter, query).toBe(parameter);
    expect(body.error.length).toBeGreaterThan(0);
  }
  // A level the city does not have is not found (404), naming the parameter too.
  const level = await request.get('/api/choropleth?city=toronto&level=planet');
  expect(level.status()).toBe(404);
  expect(((await level.json()) as { parameter: string }).parameter).toBe('level');
});

test('a copied URL reopens the same view', async ({ page, browser }) => {
  await page.goto(WARDS);
  await expectDrawn(page, 25);
  await levelButton(page, 'Postal area (FSA)').click();
  await waitForUrl(page, /level=fsa/);
  await page.getByLabel('Measure', { exact: true }).selectOption('per_1000');
  await waitForUrl(page, /metric=per_1000/);
  await page.getByLabel('Classes', { exact: true }).selectOption('jenks');
  await waitForUrl(page, /classification=jenks/);
  await page.getByLabel('Status', { exact: true }).selectOption('closed');
  await waitForUrl(page, /status=closed/);
  await expectDrawn(page, 96);
  const breaks = await legendBreaks(page);
  const copied = page.url();

  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(copied);
  await expectDrawn(other, 96);
  await expect(levelButton(other, 'Postal area (FSA)')).toHaveAttribute('aria-pressed', 'true');
  await expect(other.getByLabel('Measure', { exact: true })).toHaveValue('per_1000');
  await expect(other.getByLabel('Classes', { exact: true })).toHaveValue('jenks');
  await expect(other.getByLabel('Status', { exact: true })).toHaveValue('closed');
  expect(await legendBreaks(other)).toBe(breaks);
  await context.close();
});

test('keyboard: tab to the area table and select an area with Enter', async ({ page }) => {
  await page.goto(WARDS);
  await expectDrawn(page, 25);
  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(
      () => document.activeElement?.classList.contains('row-button') ?? false,
    );
  }
  expect(found).toBe(true);
  const focused = page.locator('.row-button:focus');
  const key = await focused.getAttribute('data-area-key');
  const name = (await focused.innerText()).trim();
  const outline = await focused.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');

  await page.keyboard.press('Enter');
  await waitForUrl(page, new RegExp(`area=${key}(&|$)`));
  await expect(page.locator(`.row-button[data-area-key="${key}"]`)).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByTestId('selected-area')).toContainText(name);
});

test('clicking an area on the map selects it', async ({ page }) => {
  await page.goto(WARDS);
  await expectDrawn(page, 25);
  await hoverArea(page, '10');
  // deck.gl picks on hover: wait until it has picked ward 10 before pressing, or a click on a
  // busy machine can land before the pick and select nothing.
  await expect(page.getByTestId('map-tooltip-name')).toHaveText('Spadina-Fort York');
  await page.mouse.down();
  await page.mouse.up();
  await waitForUrl(page, /area=10(&|$)/);
  await expect(page.getByTestId('selected-area')).toContainText('Spadina-Fort York');
});

test('filters that match nothing show the empty state', async ({ page }) => {
  await page.goto('/?city=toronto&level=ward&from=2001-01-01&to=2001-03-31');
  await expect(page.getByTestId('empty-state')).toHaveText('No requests match these filters.');
  await expect(choropleth(page)).toHaveAttribute('data-feature-count', '25');
});

test('a metric the city cannot support shows an explicit error, not zeros', async ({ page }) => {
  await page.goto('/?city=toronto&level=ward&metric=median_days');
  await expect(page.getByTestId('map-error')).toContainText('closing dates');
  await expect(page.getByTestId('legend')).toHaveCount(0);
});

test('hotspots outline areas and explain the test', async ({ page }) => {
  await page.goto(`${WARDS}&hotspots=1`);
  await expectDrawn(page, 25);
  const hotspot = page.getByTestId('legend-hotspot');
  await expect(hotspot).toBeVisible();
  await expect(hotspot).toHaveAttribute('title', /Poisson.*Benjamini–Hochberg/);
});

test('the Embed button shows an iframe snippet for the current view', async ({ page }) => {
  await page.goto(`${WARDS}&metric=per_1000`);
  await expectDrawn(page, 25);
  await page.getByTestId('embed-button').click();
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  expect(snippet).toMatch(
    /^<iframe src="http:\/\/localhost:\d+\/embed\/map\?city=toronto&amp;level=ward&amp;metric=per_1000"/,
  );
  expect(snippet).toContain('title="Atlas 311: Toronto by Ward"');
});

test('screenshot for the README', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/?city=toronto&level=fsa&metric=per_1000&hotspots=0');
  await expectDrawn(page, 96);
  await hoverArea(page, 'M5V');
  await expect(page.getByTestId('map-tooltip')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshot.png' });
});

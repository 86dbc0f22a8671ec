/**
 * Links and statuses: pages ignore parameters they do not know (a shared link with utm_source or
 * fbclid still opens), API routes refuse them with a 400; a view that names an unknown city,
 * level or area answers 404, a bad parameter 400, each with one sentence; no valid request
 * answers 5xx, whatever its dates.
 */
import { expect, test } from '@playwright/test';
import { expectDrawn } from './fixtures/map';

test('a shared link with tracking parameters still opens the view', async ({ page }) => {
  const response = await page.goto(
    '/?city=toronto&level=ward&utm_source=newsletter&fbclid=abc123&utm_medium=email',
  );
  expect(response?.status()).toBe(200);
  await expectDrawn(page, 25);
  await expect(page.getByTestId('page-error')).toHaveCount(0);
});

test('API routes still refuse a parameter they do not know', async ({ request }) => {
  const response = await request.get('/api/choropleth?city=toronto&level=ward&utm_source=x');
  expect(response.status()).toBe(400);
  expect(await response.json()).toEqual({
    error: 'Unknown parameter "utm_source".',
    parameter: 'utm_source',
  });
});

const PAGE_CASES: [string, number, RegExp][] = [
  ['/?city=atlantis', 404, /^There is no city "atlantis" \(known cities: .*\)\.$/],
  ['/?city=toronto&level=planet', 404, /^Toronto has no level "planet" \(levels: .*\)\.$/],
  ['/?city=toronto&level=ward&from=2024-13-01', 400, /^from must be a date as YYYY-MM-DD/],
  ['/?city=toronto&level=ward&metric=bogus', 400, /^metric must be one of /],
  ['/?city=toronto&level=ward&from=2024-05-01&to=2024-01-01', 400, /^from must not be after to\.$/],
  ['/embed/map?city=atlantis', 404, /^There is no city "atlantis"/],
  ['/embed/heatmap?city=toronto&level=planet', 404, /^Toronto has no level "planet"/],
  ['/embed/heatmap?city=toronto&topN=500', 400, /^topN must be a whole number from 1 to 50\.$/],
];

for (const [url, status, sentence] of PAGE_CASES) {
  test(`${url} answers ${status} with one sentence`, async ({ page }) => {
    const response = await page.goto(url);
    expect(response?.status()).toBe(status);
    const message = page.getByTestId('page-error').locator('p').first();
    await expect(message).toHaveText(sentence);
    // One sentence, naming the parameter once: never "from: from: must be…".
    expect((await message.innerText()).match(/\w+: \w+:/)).toBeNull();
  });
}

test('an unknown area answers 404', async ({ page }) => {
  const response = await page.goto('/?city=toronto&level=ward&area=not-a-ward');
  expect(response?.status()).toBe(404);
});

test('/embed/heatmap defaults its level like the map does', async ({ page }) => {
  const response = await page.goto('/embed/heatmap?city=toronto');
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('page-error')).toHaveCount(0);
  await expect(page.locator('[data-widget="heatmap"]').first()).toBeVisible();
});

const ROUTES = [
  '/api/choropleth?city=toronto&level=ward',
  '/api/choropleth?city=toronto&level=ward&metric=change_pct',
  '/api/choropleth/options?city=toronto&level=ward',
  '/api/trends?city=toronto&level=ward',
  '/api/heatmap?city=toronto&level=ward',
  '/api/breakdown?city=toronto&level=ward',
  '/api/breakdown?city=boston&level=neighborhood&dimension=channel',
  '/api/resolution?city=boston&level=neighborhood',
  '/api/resolution?city=san-francisco&level=district',
  '/api/resolution?city=boston&level=neighborhood&estimateType=Pothole',
  '/api/area?city=toronto&level=ward&area=1',
  '/?city=toronto&level=ward',
  '/?city=toronto&level=ward&metric=change_pct',
  '/embed/map?city=toronto&level=ward',
  '/embed/heatmap?city=toronto',
];
const ODD_DATES = [
  'from=0999-01-01',
  'to=0999-12-31',
  'to=9999-12-31',
  'from=9999-12-01&to=9999-12-31',
  'from=0001-01-01&to=0001-02-28',
  'from=0001-01-01',
  'from=1000-01-01&to=9999-12-31',
];

test('no valid request (route or page) answers 5xx, whatever its dates', async ({ request }) => {
  const failures: string[] = [];
  for (const route of ROUTES) {
    for (const dates of ODD_DATES) {
      const url = `${route}&${dates}`;
      const response = await request.get(url);
      if (response.status() >= 500) failures.push(`${response.status()} ${url}`);
      if (response.status() === 200 && url.startsWith('/api/')) {
        const text = await response.text();
        // Four-digit years everywhere: no "999-01-01" and no "+010000".
        if (/"(\d{1,3}|\+\d+)-\d{2}-\d{2}/.test(text)) failures.push(`short year in ${url}`);
      }
    }
  }
  expect(failures).toEqual([]);
});

/**
 * Requests vs problems end to end on the bundled data: the filter bar's toggle switches the
 * dashboard to distinct problems (duplicates=merged in the URL), the headline total equals the
 * merged total of GET /api/choropleth, the map's areas and unlocated add up to it, and the page
 * says how many requests were merged. Screenshots for the closing note, desktop and phone.
 */
import { expect, test, type Page } from '@playwright/test';

interface Choropleth {
  total: number;
  unlocated: number;
  areas: { count: number }[];
  duplicates: { mode: string; requests: number; problems: number; sentence: string };
}

/** The whole bundled San Francisco sample: its requests spread over the districts. */
const START = '/?city=san-francisco&level=district&from=2008-07-01&to=2023-11-30';

/** Switches to distinct problems; answers the API for the view now in the URL. */
async function toggleToProblems(page: Page): Promise<Choropleth> {
  await page
    .getByTestId('duplicates-toggle')
    .getByRole('button', { name: 'Distinct problems' })
    .click();
  await page.waitForURL((u) => u.searchParams.get('duplicates') === 'merged');
  const params = new URL(page.url()).searchParams;
  params.delete('area');
  const response = await page.request.get(`/api/choropleth?${params.toString()}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as Choropleth;
}

test('the toggle counts distinct problems and says how many requests were merged', async ({
  page,
}) => {
  await page.goto(START);
  const requests = page.getByTestId('duplicates-toggle').getByRole('button', { name: 'Requests' });
  await expect(requests).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('headline-requests-value')).not.toBeEmpty();
  const keptTotal = Number(
    (await page.getByTestId('headline-requests-value').innerText()).replace(/[^0-9]/g, ''),
  );
  await expect(page.getByTestId('merged-sentence')).toHaveCount(0);

  const merged = await toggleToProblems(page);
  expect(merged.duplicates.mode).toBe('merged');
  expect(merged.total).toBe(merged.duplicates.problems);
  expect(merged.total).toBeLessThan(merged.duplicates.requests);
  expect(merged.duplicates.requests).toBe(keptTotal);
  expect(merged.areas.reduce((sum, a) => sum + a.count, 0) + merged.unlocated).toBe(merged.total);

  await expect(page.getByTestId('headline-requests-value')).toHaveText(
    merged.total.toLocaleString('en-US'),
  );
  expect(merged.areas.filter((a) => a.count > 0).length).toBeGreaterThan(1);
  const sentence = page.getByTestId('merged-sentence');
  await expect(sentence).toHaveText(merged.duplicates.sentence);
  await expect(sentence).toContainText(
    `${merged.duplicates.requests.toLocaleString('en-US')} requests merged into ${merged.total.toLocaleString('en-US')} problems (`,
  );
  await expect(
    page.getByTestId('duplicates-toggle').getByRole('button', { name: 'Distinct problems' }),
  ).toHaveAttribute('aria-pressed', 'true');
  // Every place that names the measure says what is counted: the legend and the table's column.
  await expect(page.getByTestId('legend').locator('strong').first()).toHaveText(
    'Distinct problems',
  );
  await expect(page.getByRole('columnheader', { name: /Distinct problems/ })).toBeVisible();

  // The API agrees when asked directly, and a bad value is a 400 naming the parameter.
  const direct = (await (
    await page.request.get(
      '/api/choropleth?city=san-francisco&level=district&from=2008-07-01&to=2023-11-30&duplicates=merged',
    )
  ).json()) as Choropleth;
  expect(direct.total).toBe(merged.total);
  const bad = await page.request.get('/api/trends?city=san-francisco&level=district&duplicates=1');
  expect(bad.status()).toBe(400);
  expect(JSON.stringify(await bad.json())).toContain('duplicates');

  await page
    .getByTestId('map-loading')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: 'docs/screenshots/duplicates-desktop.png' });

  // Back to requests: the sentence goes, the URL loses the parameter.
  await requests.click();
  await page.waitForURL((u) => !u.searchParams.has('duplicates'));
  await expect(page.getByTestId('merged-sentence')).toHaveCount(0);
});

test('on a phone the toggle and the sentence are there too', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(START);
  await page.getByTestId('filter-summary').click();
  const merged = await toggleToProblems(page);
  await page.getByTestId('filter-summary').click();
  await expect(page.getByTestId('merged-sentence')).toHaveText(merged.duplicates.sentence);
  await page.getByTestId('merged-sentence').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/duplicates-phone.png' });
});

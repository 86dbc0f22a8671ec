/**
 * Comparing two periods end to end (Toronto wards, bundled sample): Compare with → previous
 * period puts compare=previous in the URL, the table's values equal the API's, the legend is
 * diverging and symmetric around zero, the headline strip shows each figure's change, and on a
 * desktop both periods are drawn side by side. Then the flagged areas of "Unusual this month"
 * carry a badge on the map, and a level flag opens that area filtered to its category.
 */
import { expect, test } from '@playwright/test';
import type { ChoroplethResponse } from '@/lib/api/types';
import { choropleth, expectDrawn } from './fixtures/map';

const WARDS = '/?city=toronto&level=ward';

/**
 * A relative change as the headline strip writes it, worked out here: one decimal under 10%,
 * whole percent from 10% up, a true minus (the Change card rounds the same way).
 */
function changeWords(relative: number | null, label: string): string {
  if (relative === null) return `no baseline in the ${label}`;
  const digits = Math.abs(Math.round(relative * 10) / 10) < 10 ? 1 : 0;
  const rounded = Number(relative.toFixed(digits));
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  return `${sign}${Math.abs(rounded).toFixed(digits)}% vs ${label}`;
}

test('Compare with → previous period: table, legend and headline answer the API', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(WARDS);
  await expectDrawn(page, 25);
  await page.getByLabel('Compare with').selectOption('previous');
  await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('previous');
  await expect(page.getByTestId('compare-panel')).toBeVisible();
  await expectDrawn(page, 25);

  const api = (await (
    await page.request.get('/api/choropleth?city=toronto&level=ward&compare=previous')
  ).json()) as ChoroplethResponse;
  const compare = api.compare!;
  expect(compare.label).toBe('previous 12 months');

  // Every row of the table holds the API's value, baseline, difference and relative change.
  const table = page.getByTestId('area-table');
  await expect(table.locator('tbody tr')).toHaveCount(api.areas.length);
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      key: tr.querySelector('[data-area-key]')?.getAttribute('data-area-key'),
      value: tr.querySelector('[data-testid=cell-value]')?.getAttribute('data-value'),
      baseline: tr.querySelector('[data-testid=cell-baseline]')?.getAttribute('data-value'),
      difference: tr.querySelector('[data-testid=cell-difference]')?.getAttribute('data-value'),
      relative: tr.querySelector('[data-testid=cell-relative]')?.getAttribute('data-value'),
    })),
  );
  const asText = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  for (const area of api.areas) {
    const row = rows.find((r) => r.key === area.area_key);
    expect(row, area.area_key).toEqual({
      key: area.area_key,
      value: asText(area.value),
      baseline: asText(area.compare!.baseline),
      difference: asText(area.compare!.difference),
      relative: asText(area.compare!.relative),
    });
  }

  // The legend is diverging: symmetric breaks around zero, one swatch per class.
  const legend = page.getByTestId('legend');
  await expect(legend).toHaveAttribute('data-diverging', 'true');
  const breaks = ((await legend.getAttribute('data-breaks')) ?? '').split(',').map(Number);
  expect(breaks).toEqual(compare.breaks);
  expect(breaks[0]).toBe(-breaks.at(-1)!);
  await expect(legend.getByTestId('legend-class')).toHaveCount(breaks.length - 1);
  await expect(page.getByTestId('compare-meaning')).toContainText('Blue: fewer requests');

  // The headline strip says the change of the requests figure in the API's words.
  await expect(page.getByTestId('headline-requests-change')).toHaveText(
    changeWords(compare.relative, compare.label),
  );
  await expect(page.getByTestId('headline-requests-change')).toHaveText(
    /^[+−±]\d+(\.\d)?% vs previous 12 months$/,
  );

  // Desktop: both periods side by side, with the one shared legend.
  await expect(page.getByTestId('period-baseline')).toBeVisible();
  await expect(page.getByTestId('period-current')).toBeVisible();
  await expect(page.getByTestId('period-legend')).toBeVisible();
  await expect(page.getByTestId('choropleth')).toHaveCount(3);
  for (const map of await page.getByTestId('choropleth').all()) {
    await expect(map).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  }
  // The headline strip, the change map, its legend, both periods and the table in one picture.
  await page.screenshot({
    path: 'docs/screenshots/compare-desktop.png',
    fullPage: true,
    clip: { x: 0, y: 0, width: 1440, height: 1400 },
  });

  // A link keeps the comparison.
  await page.reload();
  await expect(page.getByLabel('Compare with')).toHaveValue('previous');
});

test('on a phone the change map and its legend stand alone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${WARDS}&compare=last_year`);
  await expect(page.getByTestId('compare-panel')).toBeVisible();
  await expectDrawn(page, 25);
  await expect(page.getByTestId('legend')).toHaveAttribute('data-diverging', 'true');
  await expect(page.getByTestId('period-baseline')).toBeHidden();
  await expect(page.getByTestId('headline-requests-change')).toBeVisible();
  await expect(page.getByTestId('headline-requests-change')).toHaveText(
    /^[+−±]\d+(\.\d)?% vs same 12 months last year$/,
  );
  await choropleth(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/compare-phone.png' });
});

test('flagged areas carry a badge, and a level flag opens that area filtered to it', async ({
  page,
}) => {
  const api = (await (
    await page.request.get('/api/choropleth?city=seattle&level=precinct')
  ).json()) as ChoroplethResponse;
  const flagged = api.areas.filter((a) => a.unusual?.length).map((a) => a.area_key);
  expect(flagged.length).toBeGreaterThan(0);
  await page.goto('/?city=seattle&level=precinct');
  await expectDrawn(page, api.areas.length);
  await expect(page.getByTestId('legend-unusual')).toContainText(`${flagged.length} area`);
  const markers = await page.evaluate(
    () => window.__atlasMap?.layerSummary().find((l) => l.id === 'choropleth-unusual')?.keys,
  );
  expect(markers?.sort()).toEqual([...flagged].sort());
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(choropleth(page)).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await choropleth(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/unusual-markers.png' });

  const flagArea = api.areas.find((a) => a.area_key === flagged[0])!;
  const link = page
    .getByTestId('unusual')
    .getByTestId('unusual-flag')
    .filter({ hasText: flagArea.area_name })
    .first();
  await link.click();
  await expect.poll(() => new URL(page.url()).searchParams.get('area')).toBe(flagArea.area_key);
  const url = new URL(page.url());
  const value = flagArea.unusual![0]!;
  expect([url.searchParams.get('type'), url.searchParams.get('category')]).toContain(value);
  await expect(page.getByTestId('selected-area')).toContainText(flagArea.area_name);
  // The map still marks the area for the flag it is now filtered to.
  await expect(page.getByTestId('legend-unusual')).toBeVisible();
});

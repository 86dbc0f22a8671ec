/**
 * When requests arrive and the printable area briefing, in Chromium on `next start`:
 * the Time of week tab draws the API's 7 × 24 grid, its cells add up to the map's total and its
 * CSV holds the same 168 counts; the area profile links to /report, whose figures equal
 * /api/area's and /api/anomalies' for the same view, and which prints to at most two A4 or
 * Letter pages (counted by pdf-lib). The pages and the heatmaps are saved under docs/screenshots.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { seriousViolations } from './fixtures/axe';
import type {
  AreaProfileResponse,
  ChoroplethResponse,
  PatternsResponse,
} from '../../lib/api/types';

const SHOTS = path.resolve('docs/screenshots');

async function api<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.ok(), url).toBe(true);
  return (await response.json()) as T;
}

for (const city of ['toronto', 'san-francisco']) {
  test(`the Time of week heatmap of ${city} is the API's grid and adds up to the map's total`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/?city=${city}`);
    await page.getByRole('tab', { name: 'Time of week' }).click();
    await expect.poll(() => page.url()).toMatch(/tab=patterns/);
    const widget = page.locator('[data-widget="patterns"]');
    const grid = widget.getByTestId('patterns-grid');
    await expect(grid).toBeVisible();
    const level = new URL(page.url()).searchParams.get('level');
    const query = `city=${city}${level ? `&level=${level}` : ''}`;
    const data = await api<PatternsResponse>(page, `/api/patterns?${query}`);
    const map = await api<ChoroplethResponse>(page, `/api/choropleth?${query}`);

    const cells = await grid
      .locator('td[data-count]')
      .evaluateAll((tds) =>
        tds.map((td) => [
          Number(td.getAttribute('data-weekday')),
          Number(td.getAttribute('data-hour')),
          Number(td.getAttribute('data-count')),
        ]),
      );
    expect(cells).toHaveLength(7 * 24);
    for (const [weekday, hour, count] of cells) {
      expect(count).toBe(data.rows[weekday! - 1]!.counts[hour!]);
    }
    const sum = cells.reduce((total, [, , count]) => total + count!, 0);
    expect(sum).toBe(map.total);
    expect(sum).toBe(data.total);
    await expect(widget.getByTestId('patterns-summary')).toHaveText(data.summary!);
    expect(data.summary).toMatch(/^Most requests arrive \w+days \d+( am| pm)?–\d+ (am|pm)/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      widget.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/patterns\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8')
      .split(/\r?\n/)
      .filter((line) => line && !line.startsWith('#'));
    expect(lines[0]).toBe('weekday,day,hour,count');
    expect(lines).toHaveLength(1 + 7 * 24);
    const csvSum = lines.slice(1).reduce((total, line) => total + Number(line.split(',')[3]), 0);
    expect(csvSum).toBe(map.total);

    await widget.screenshot({ path: path.join(SHOTS, `patterns-${city}.png`) });
  });
}

/** Pages of a PDF, counted by a PDF parser. */
async function pageCount(pdf: Buffer): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount();
}

test('the area profile links to a briefing whose figures are the API’s and which prints on ≤ 2 pages', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const city = 'minneapolis';
  const base = `city=${city}&level=neighborhood`;
  const map = await api<ChoroplethResponse>(page, `/api/choropleth?${base}`);
  const area = [...map.areas].sort((a, b) => b.count - a.count)[0]!;
  await page.goto(`/?${base}&area=${encodeURIComponent(area.area_key)}&tab=profile`);
  const link = page.getByTestId('print-briefing');
  await expect(link).toBeVisible({ timeout: 60_000 });
  await link.click();
  await expect(page).toHaveURL(/\/report\?/);
  const report = page.getByTestId('report');
  await expect(report).toHaveAttribute('data-area', area.area_key);
  await expect(page.getByTestId('freshness-line')).toBeVisible();

  const view = new URL(page.url()).search.slice(1);
  const profile = await api<AreaProfileResponse>(page, `/api/area?${view}`);
  expect(profile.meta.area.key).toBe(area.area_key);
  for (const figure of profile.figures) {
    const row = report.locator(`tr[data-figure="${figure.key}"]`);
    await expect(row.locator('[data-cell="area"]')).toHaveAttribute(
      'data-value',
      figure.area === null ? '' : String(figure.area),
    );
    await expect(row.locator('[data-cell="city"]')).toHaveAttribute(
      'data-value',
      figure.city === null ? '' : String(figure.city),
    );
  }
  const requests = profile.figures.find((f) => f.key === 'requests')!;
  expect(requests.area).toBe(area.count);
  await expect(report.locator('tr[data-figure="requests"] [data-cell="area"]')).toHaveText(
    area.count.toLocaleString('en-US'),
  );
  const types = await report
    .getByTestId('report-types')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.getAttribute('data-type'),
        Number(row.querySelector('[data-cell="count"]')?.getAttribute('data-value')),
      ]),
    );
  expect(types).toEqual(profile.topTypes.map((t) => [t.type, t.count]));

  // unusual types: the /api/anomalies flags of this area, in the same order
  const anomalies = await api<{ flags: { areaKey: string; value: string }[] }>(
    page,
    `/api/anomalies?${base}&limit=100`,
  );
  const flags = await report
    .getByTestId('report-unusual')
    .locator('li[data-flag]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-flag')));
  expect(flags).toEqual(
    anomalies.flags.filter((f) => f.areaKey === area.area_key).map((f) => f.value),
  );

  // the previous period's figures are the API's answer for the 12 months before
  const range = report.getByTestId('report-range');
  const [, prevFrom, prevTo] = /\((\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})\)/.exec(
    (await range.textContent()) ?? '',
  )!;
  const previous = await api<AreaProfileResponse>(
    page,
    `/api/area?${base}&area=${encodeURIComponent(area.area_key)}&from=${prevFrom}&to=${prevTo}`,
  );
  await expect(report.locator('tr[data-figure="requests"] [data-cell="previous"]')).toHaveAttribute(
    'data-value',
    String(previous.figures.find((f) => f.key === 'requests')!.area),
  );

  const dir = mkdtempSync(path.join(tmpdir(), 'atlas311-report-'));
  await page.emulateMedia({ media: 'print' });
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await page.pdf({ format, printBackground: true });
    const pages = await pageCount(pdf);
    console.log(`briefing on ${format}: ${pages} page(s)`);
    expect(pages, format).toBeGreaterThanOrEqual(1);
    expect(pages, format).toBeLessThanOrEqual(2);
    writeFileSync(path.join(dir, `report-${format}.pdf`), pdf);
  }
  // PNGs of the printed pages for the closing note: poppler's pdftoppm where installed
  const rendered = spawnSync(
    'pdftoppm',
    ['-png', '-r', '80', path.join(dir, 'report-A4.pdf'), path.join(dir, 'report-page')],
    { encoding: 'utf8' },
  );
  if (rendered.status === 0) {
    for (const n of [1, 2]) {
      const file = path.join(dir, `report-page-${n}.png`);
      if (existsSync(file)) renameSync(file, path.join(SHOTS, `report-page-${n}.png`));
    }
  } else {
    await page.screenshot({ path: path.join(SHOTS, 'report-page-1.png'), fullPage: true });
  }
});

test('a briefing link for an area that does not exist answers 404', async ({ page }) => {
  const response = await page.goto('/report?city=toronto&level=ward&area=nowhere');
  expect(response?.status()).toBe(404);
});

test('the Time of week tab and the briefing have no serious accessibility violations', async ({
  page,
}) => {
  await page.goto('/?city=toronto&level=ward&tab=patterns');
  await expect(page.getByTestId('patterns-grid')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto('/report?city=toronto&level=ward&area=1');
  await expect(page.getByTestId('freshness-line')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

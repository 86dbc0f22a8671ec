/**
 * "Unusual this month" end to end on the bundled data: the panel shows each flag of GET
 * /api/anomalies in plain words, and clicking one opens the dashboard filtered to that type
 * (and, for an area's flag, that area) through the URL.
 */
import { expect, test } from '@playwright/test';

interface Flag {
  areaKey: string;
  areaName: string;
  dimension: 'type' | 'category';
  value: string;
  observed: number;
  expected: number;
  ratio: number;
  pValue: number;
}

test('the API answers with observed, expected, ratio and p-value, and rejects bad parameters', async ({
  page,
}) => {
  const ok = await page.request.get('/api/anomalies?city=minneapolis&level=_city');
  expect(ok.ok()).toBe(true);
  const body = (await ok.json()) as { month: string; tests: number; flags: Flag[] };
  expect(body.month).toBe('2025-12-01');
  expect(body.flags.length).toBeGreaterThan(0);
  for (const flag of body.flags) {
    expect(flag.ratio).toBeCloseTo(flag.observed / flag.expected, 10);
    expect(flag.ratio).toBeGreaterThanOrEqual(1.5);
    expect(flag.pValue).toBeLessThan(0.05);
  }
  for (const bad of [
    '/api/anomalies?city=minneapolis',
    '/api/anomalies?city=minneapolis&level=moon',
    '/api/anomalies?city=minneapolis&level=_city&extra=1',
    '/api/anomalies?city=minneapolis&level=_city&dimension=channel',
  ]) {
    expect((await page.request.get(bad)).status(), bad).toBe(400);
  }
});

test('the panel says each flag in plain words, and a click opens that type', async ({ page }) => {
  const { flags } = (await (
    await page.request.get('/api/anomalies?city=minneapolis&level=_city&limit=5')
  ).json()) as { flags: Flag[] };
  const first = flags[0]!;
  await page.goto('/?city=minneapolis&level=neighborhood');
  const panel = page.getByTestId('unusual');
  await expect(
    panel.getByRole('heading', { name: /Unusual this month \(2025-12\)/ }),
  ).toBeVisible();
  const link = panel.getByTestId('unusual-flag').filter({ hasText: first.value }).first();
  await expect(link).toContainText(
    `${first.value} in Minneapolis: ${first.observed} requests, about`,
  );
  await expect(link).toContainText(`the usual ${Math.round(first.expected)} for December`);
  await link.click();
  await page.waitForURL((u) => u.searchParams.get(first.dimension) === first.value);
  // The dashboard is now filtered to that type: the filter bar and the map answer for it.
  const url = new URL(page.url());
  expect(url.searchParams.get(first.dimension)).toBe(first.value);
  expect(url.searchParams.get('area')).toBeNull();
  await expect(page.getByTestId('unusual')).toBeVisible();
});

/** axe-core: no serious or critical violations on the dashboard and both embeds. */
import { expect, test } from '@playwright/test';
import { seriousViolations } from './fixtures/axe';
import { expectDrawn } from './fixtures/map';

test('the dashboard has no serious accessibility violations', async ({ page }) => {
  await page.goto('/?city=toronto&level=ward');
  await expectDrawn(page, 25);
  await expect(page.getByTestId('charts-slot')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the map embed has no serious accessibility violations', async ({ page }) => {
  await page.goto('/embed/map?city=toronto&level=ward');
  await expectDrawn(page, 25);
  expect(await seriousViolations(page)).toEqual([]);
});

test('the heatmap embed has no serious accessibility violations', async ({ page }) => {
  await page.goto('/embed/heatmap?city=toronto');
  await expect(page.locator('[data-widget="heatmap"]').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

/**
 * Accessibility checks without extra packages: every control has a name, toggles say whether they
 * are pressed, the map has a text alternative (the table), focus is visible, and the page works
 * at phone width without sideways scrolling.
 */
import { expect, test } from '@playwright/test';
import { expectDrawn } from './fixtures/map';

const WARDS = '/?city=toronto&level=ward';

test('every form control and button has an accessible name', async ({ page }) => {
  await page.goto(WARDS);
  await expectDrawn(page, 25);
  const unnamed = await page.evaluate(() => {
    const controls = [
      ...document.querySelectorAll('button, select, input, textarea, summary, a[href]'),
    ];
    return controls
      .filter((el) => {
        const labelled =
          el.getAttribute('aria-label') ||
          el.getAttribute('aria-labelledby') ||
          (el.id && document.querySelector(`label[for="${el.id}"]`)) ||
          el.closest('label') ||
          (el.textContent ?? '').trim();
        return !labelled;
      })
      .map((el) => el.outerHTML.slice(0, 120));
  });
  expect(unnamed).toEqual([]);
});

test('page structure: language, one h1, labelled level toggles, a described map and a table', async ({
  page,
}) => {
  await page.goto(WARDS);
  await expectDrawn(page, 25);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveCount(1);
  const toggles = page.getByRole('group', { name: 'Areas' }).getByRole('button');
  await expect(toggles).toHaveCount(3);
  for (const toggle of await toggles.all()) {
    await expect(toggle).toHaveAttribute('aria-pressed', /^(true|false)$/);
  }
  await expect(page.getByRole('img', { name: /Map of requests by ward in Toronto/ })).toBeVisible();
  const table = page.getByTestId('area-table');
  await expect(table.locator('caption')).toContainText('by ward');
  await expect(table.locator('tbody tr')).toHaveCount(25);
  await expect(table.locator('th[scope="col"]')).toHaveCount(3);
  await expect(table.locator('th[aria-sort="descending"]')).toHaveCount(1);
});

test('the skip link takes keyboard users to the table, and sorting is announced', async ({
  page,
}) => {
  await page.goto(WARDS);
  await expectDrawn(page, 25);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the table of areas' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#area-table')).toBeFocused();
  await page.keyboard.press('Tab');
  const sortByName = page.getByTestId('area-table').getByRole('button', { name: /^Ward/ });
  await expect(sortByName).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('area-table').locator('th[aria-sort="ascending"]')).toContainText(
    'Ward',
  );
  const first = await page.locator('.row-button').first().innerText();
  expect(first.trim()).toBe('Beaches-East York');
});

test('works at phone width without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(WARDS);
  await expectDrawn(page, 25);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const map = await page.getByTestId('choropleth').boundingBox();
  expect(map!.width).toBeLessThanOrEqual(375);
  expect(map!.height).toBeGreaterThan(250);
  await expect(page.getByTestId('area-table')).toBeVisible();
});

/** The map exports as a PNG with its legend: a real PNG, named after the view. */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectDrawn } from './fixtures/map';

test('Download PNG saves the choropleth with its legend, named after the view', async ({
  page,
}) => {
  await page.goto('/?city=toronto&level=ward&metric=per_1000');
  await expectDrawn(page, 25);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-png').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^atlas311_toronto_ward_per-1000_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_map\.png$/,
  );
  const file = await download.path();
  if (process.env.SAVE_EXPORT_PNG) await download.saveAs(process.env.SAVE_EXPORT_PNG);
  const bytes = readFileSync(file);
  // The PNG signature, and an image large enough to hold a map, a legend and the attribution.
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  expect(width).toBeGreaterThan(960);
  expect(height).toBeGreaterThan(300);
  expect(bytes.length).toBeGreaterThan(20_000);
});

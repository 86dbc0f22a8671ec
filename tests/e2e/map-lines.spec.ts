/**
 * The WebGL map draws its lines, read off the pixels (layer summaries only say what a layer
 * holds, not that it reaches the screen): the white borders between areas, and the dark outline
 * of the selected area, which is there only when an area is selected. A PathLayer that draws
 * nothing (as one did with `_pathType: 'open'` in deck.gl 9.4) fails both.
 */
import { expect, test, type Page } from '@playwright/test';
import { DRAW_TIMEOUT } from './fixtures/map';

interface Counts {
  /** Pixels the selected outline's colour (SELECTED_COLOR, 20 20 20) could be: r, g, b < 50. */
  dark: number;
  /**
   * Border pixels: white at alpha 220 over any fill keeps every channel ≥ 220, while every
   * palette colour over the background has a channel below 200; the background (238 241 244)
   * itself is left out.
   */
  white: number;
}

/** Counts pixels of the drawn map (a screenshot of its canvas decoded by the page itself). */
async function count(page: Page): Promise<Counts> {
  const map = page.getByTestId('choropleth');
  await expect(map).toHaveAttribute('data-ready', 'true', { timeout: DRAW_TIMEOUT });
  await expect(page.getByTestId('first-draw')).toHaveCount(0);
  // The attribution and the zoom buttons sit over the canvas: masked (magenta, counted as neither).
  const png = (
    await map
      .locator('canvas')
      .first()
      .screenshot({ mask: [page.locator('.map-attribution'), page.locator('.map-controls')] })
  ).toString('base64');
  return page.evaluate(async (data) => {
    // No fetch of a data: URL: the page's CSP allows none.
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let dark = 0;
    let white = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
      if (r < 50 && g < 50 && b < 50) dark++;
      const background = Math.abs(r - 238) + Math.abs(g - 241) + Math.abs(b - 244) <= 6;
      if (Math.min(r, g, b) >= 205 && !background) white++;
    }
    return { dark, white };
  }, png);
}

test('the map draws the borders between areas, and the selected area’s outline', async ({
  page,
}) => {
  await page.goto('/embed/map?city=toronto&level=ward');
  const plain = await count(page);
  // 25 wards: their borders run about 6,000 pixels; with no lines drawn the edges give ~1,400.
  expect(plain.white).toBeGreaterThan(3000);
  expect(plain.dark).toBeLessThan(50);

  await page.goto('/embed/map?city=toronto&level=ward&area=4');
  const selected = await count(page);
  expect(selected.dark).toBeGreaterThan(300);
});

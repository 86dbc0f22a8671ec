/**
 * The dashboard in French and Spanish on the bundled sample: the page says its language, the
 * headline, legend, table and tooltip speak it with its numbers, the header's switcher and the
 * embed snippet keep `lang`, and nothing overflows a phone. With I18N_SHOTS=<dir> it also leaves
 * screenshots of both languages at 1440×900 and 390×844 there, to look at.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectDrawn, hoverArea } from './fixtures/map';

const WARDS = '/?city=toronto&level=ward';
const SHOTS = process.env.I18N_SHOTS;

async function shoot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

/** Visible header, summary, headline and legend elements that reach past the viewport. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      '.site-header *, .filter-summary *, .headline-strip *, .legend *',
    )) {
      if (el.closest('[role="tooltip"]')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right > width + 1) out.push(`${el.tagName}: ${el.textContent?.slice(0, 40)}`);
    }
    return out;
  });
}

for (const [lang, words] of [
  [
    'fr',
    { requests: 'Demandes', areas: /\d+ secteurs?/, change: 'Variation', tooltip: /demandes/ },
  ],
  [
    'es',
    { requests: 'Solicitudes', areas: /\d+ zonas?/, change: 'Cambio', tooltip: /solicitudes/ },
  ],
] as const) {
  test(`the dashboard speaks ${lang}, with its numbers, and keeps lang in its links`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${WARDS}&lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expectDrawn(page, 25);
    await expect(page.getByTestId('headline-requests')).toContainText(words.requests);
    await expect(page.getByTestId('headline-change')).toContainText(words.change);
    // 1 234 / 1 234: a thin or no-break space groups thousands in both languages.
    const total = await page.getByTestId('headline-requests-value').innerText();
    expect(total).not.toContain(',');
    await expect(page.getByTestId('legend-class').first()).toContainText(words.areas);
    await expect(page.getByTestId(`lang-${lang}`)).toHaveAttribute('aria-current', 'true');
    await expect(page.getByTestId('lang-en')).toHaveAttribute('href', /lang=en/);
    await hoverArea(page);
    await expect(page.getByTestId('map-tooltip-value')).toContainText(words.tooltip);
    await page.mouse.move(0, 0);
    await shoot(page, `dashboard-${lang}-1440`);

    await page.getByTestId('embed-button').click();
    await expect(page.getByTestId('embed-snippet')).toHaveValue(new RegExp(`lang=${lang}`));
    await page.getByTestId('embed-lang').selectOption('auto');
    await expect(page.getByTestId('embed-snippet')).not.toHaveValue(/lang=/);

    // A new view keeps the language in the address.
    await page
      .getByLabel(lang === 'fr' ? 'Mesure' : 'Medida', { exact: true })
      .selectOption('per_1000');
    await expect.poll(() => page.url()).toMatch(/metric=per_1000/);
    expect(new URL(page.url()).searchParams.get('lang')).toBe(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
  });

  test(`on a phone the ${lang} dashboard fits its width`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${WARDS}&lang=${lang}`);
    await expectDrawn(page, 25);
    await expect(page.getByTestId('headline-strip')).toBeVisible();
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(390);
    expect(await overflowing(page)).toEqual([]);
    await shoot(page, `dashboard-${lang}-390`);
    await page.getByTestId('filter-summary').click();
    await shoot(page, `dashboard-${lang}-390-filters`);
    if (SHOTS) {
      await page.screenshot({ path: `${SHOTS}/dashboard-${lang}-390-full.png`, fullPage: true });
    }
  });
}

test('the embed map honours lang, and its full-view link keeps it', async ({ page }) => {
  await page.goto('/embed/map?city=toronto&level=ward&lang=es');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expectDrawn(page, 25);
  await expect(
    page.getByTestId('embed-map').getByRole('link', { name: 'Abrir en Atlas 311' }),
  ).toHaveAttribute('href', /lang=es/);
  await expect(page.locator('.language-switcher')).toHaveCount(0);
});

/**
 * The last gaps of issue 9, end to end: the days-to-close CSV per category matches the API;
 * the map and heatmap embeds fit a 600×450 frame (legend and attribution inside its viewport,
 * active filters in the title); Trends and Channels axes are readable at desktop and phone
 * sizes (y-axis tick labels inside the SVG, no two category-axis labels overlapping); and a
 * city without closing dates says so under its headline figures at every width.
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import { EMBED_PARENT_PORT } from '../../playwright.config';
import { DRAW_TIMEOUT } from './fixtures/map';
import { startParentServer, type ParentServer } from './fixtures/parent-server';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const SIZES = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

async function api<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

async function downloadText(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

test.describe('days to close per category', () => {
  test('the CSV by category holds exactly the API rows', async ({ page }) => {
    await page.goto('/?city=boston&tab=resolution');
    const button = page.getByRole('button', { name: 'Download CSV (by category)' });
    await expect(button).toBeVisible();
    const { name, text } = await downloadText(page, () => button.click());
    expect(name).toMatch(/_resolution-by-category\.csv$/);
    const lines = text.split('\r\n').filter(Boolean);
    const filters = lines.find((l) => l.startsWith('# filters: '))!;
    const from = /from=(\d{4}-\d{2}-\d{2})/.exec(filters)![1]!;
    const to = /to=(\d{4}-\d{2}-\d{2})/.exec(filters)![1]!;
    const rows = lines.filter((l) => !l.startsWith('#'));
    expect(rows[0]).toBe(
      'category,closed,median_days,p90_days,average_days,max_days,on_time_share,on_time_denominator',
    );

    const cities = await api<{ cities: { id: string; levels: { id: string }[] }[] }>(
      page,
      '/api/cities',
    );
    const level = cities.cities.find((c) => c.id === 'boston')!.levels[0]!.id;
    const answer = await api<{
      available: boolean;
      byCategory: { category: string; closed: number; maxDays: number | null }[];
      byType: { closed: number }[];
      summary: { closed: number };
    }>(page, `/api/resolution?city=boston&level=${level}&from=${from}&to=${to}`);
    expect(answer.available).toBe(true);
    expect(answer.byCategory.length).toBeGreaterThan(1);
    expect(rows.length - 1).toBe(answer.byCategory.length);
    // Independent check: the categories' closed counts add up to the types' and the summary's.
    const closed = answer.byCategory.reduce((s, r) => s + r.closed, 0);
    expect(closed).toBe(answer.summary.closed);
    expect(closed).toBe(answer.byType.reduce((s, r) => s + r.closed, 0));
    const csvClosed = rows.slice(1).reduce((s, l) => s + Number(l.split(',').at(-7)), 0);
    expect(csvClosed).toBe(closed);
    for (const [i, row] of answer.byCategory.entries()) {
      const fields = rows[i + 1]!.split(',');
      const max = Number(fields.at(-3));
      expect(Number(fields.at(-7)), row.category).toBe(row.closed);
      if (row.maxDays !== null) expect(max, row.category).toBeCloseTo(row.maxDays, 6);
      expect(rows[i + 1]!.startsWith(row.category) || rows[i + 1]!.startsWith('"')).toBe(true);
    }
  });
});

test.describe('embeds in a 600×450 frame', () => {
  let parent: ParentServer;
  test.beforeAll(async () => {
    parent = await startParentServer(EMBED_PARENT_PORT);
  });
  test.afterAll(async () => {
    await parent.close();
  });

  async function framed(page: Page, src: string, path: string): Promise<Frame> {
    await page.setViewportSize({ width: 800, height: 600 });
    await page.goto(`${parent.origin}/?w=600&h=450&src=${encodeURIComponent(src)}`);
    await expect.poll(() => page.frames().some((f) => f.url().includes(path))).toBe(true);
    return page.frames().find((f) => f.url().includes(path))!;
  }

  /** The element's box in the frame's own viewport, and that viewport's size, at scroll 0. */
  async function insideViewport(frame: Frame, selector: string) {
    return frame
      .locator(selector)
      .first()
      .evaluate((node) => {
        window.scrollTo(0, 0);
        const r = node.getBoundingClientRect();
        return {
          box: { top: r.top, left: r.left, bottom: r.bottom, right: r.right },
          viewport: { width: window.innerWidth, height: window.innerHeight },
        };
      });
  }

  function expectInside(what: string, measured: Awaited<ReturnType<typeof insideViewport>>): void {
    const { box, viewport } = measured;
    expect(viewport, what).toEqual({ width: 600, height: 450 });
    expect(box.top, `${what} top`).toBeGreaterThanOrEqual(0);
    expect(box.left, `${what} left`).toBeGreaterThanOrEqual(0);
    expect(box.bottom, `${what} bottom`).toBeLessThanOrEqual(viewport.height);
    expect(box.right, `${what} right`).toBeLessThanOrEqual(viewport.width);
  }

  test('the map embed keeps its legend and attribution in view; filters in the title', async ({
    page,
    baseURL,
  }) => {
    const options = await api<{ category: { value: string; count: number }[] }>(
      page,
      '/api/choropleth/options?city=toronto',
    );
    // The biggest category: a full legend, not the empty state.
    const category = [...options.category].sort((a, b) => b.count - a.count)[0]!.value;
    const src = `${baseURL}/embed/map?city=toronto&category=${encodeURIComponent(category)}`;
    const frame = await framed(page, src, '/embed/map');
    const map = frame.getByTestId('choropleth');
    await expect(map).toHaveAttribute('data-ready', 'true', { timeout: DRAW_TIMEOUT });
    await expect(frame.getByTestId('legend')).toBeVisible();
    expectInside('legend', await insideViewport(frame, '[data-testid="legend"]'));
    expectInside('attribution', await insideViewport(frame, '.embed-attribution'));
    await expect.poll(() => frame.evaluate(() => document.title)).toContain('Toronto');
    const title = await frame.evaluate(() => document.title);
    expect(title).toContain(`Category: ${category}`);
    expect(title).toMatch(/\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
    await expect(frame.getByTestId('embed-filters')).toContainText(category);
  });

  test('the heatmap embed keeps its attribution in view; filters in the title', async ({
    page,
    baseURL,
  }) => {
    const cities = await api<{ cities: { id: string; lastMonth: string }[] }>(page, '/api/cities');
    const last = cities.cities.find((c) => c.id === 'boston')!.lastMonth;
    const src = `${baseURL}/embed/heatmap?city=boston&topN=20`;
    const frame = await framed(page, src, '/embed/heatmap');
    await expect(frame.locator('table.heatmap')).toBeVisible();
    expectInside('attribution', await insideViewport(frame, '.embed-attribution'));
    // No dates in the link: the title names the range in effect (ending with the last month).
    await expect.poll(() => frame.evaluate(() => document.title)).toContain('Boston');
    await expect
      .poll(() => frame.evaluate(() => document.title))
      .toMatch(new RegExp(`\\d{4}-\\d{2}-\\d{2} to ${last.slice(0, 7)}-\\d{2}`));
  });
});

/** Tick label boxes of one chart, by axis, and the chart's SVG box. */
async function ticks(page: Page, widget: string) {
  const svg = page
    .locator(`[data-widget="${widget}"] .recharts-wrapper > svg.recharts-surface`)
    .first();
  await expect(svg).toBeVisible();
  await expect(svg.locator('.recharts-yAxis-tick-labels text').first()).toBeVisible();
  return svg.evaluate((node) => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, text: el.textContent ?? '' };
    };
    const of = (axis: string) => [...node.querySelectorAll(`.${axis}-tick-labels text`)].map(box);
    return { svg: box(node), y: of('recharts-yAxis'), x: of('recharts-xAxis') };
  });
}

function expectWithin(label: string, inner: Box, outer: Box): void {
  const eps = 0.5;
  expect(inner.x, `${label} left`).toBeGreaterThanOrEqual(outer.x - eps);
  expect(inner.y, `${label} top`).toBeGreaterThanOrEqual(outer.y - eps);
  expect(inner.x + inner.width, `${label} right`).toBeLessThanOrEqual(outer.x + outer.width + eps);
  expect(inner.y + inner.height, `${label} bottom`).toBeLessThanOrEqual(
    outer.y + outer.height + eps,
  );
}

function expectNoOverlap(label: string, boxes: (Box & { text: string })[]): void {
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const apart =
        a.x + a.width <= b.x + 0.5 ||
        b.x + b.width <= a.x + 0.5 ||
        a.y + a.height <= b.y + 0.5 ||
        b.y + b.height <= a.y + 0.5;
      expect(apart, `${label}: "${a.text}" overlaps "${b.text}"`).toBe(true);
    }
  }
}

test.describe('readable axes', () => {
  for (const size of SIZES) {
    test(`Trends and Channels tick labels fit and do not overlap at ${size.width}×${size.height}`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      for (const city of ['boston', 'san-francisco', 'toronto']) {
        await page.goto(`/?city=${city}&tab=trends`);
        const trends = await ticks(page, 'trends');
        expect(trends.y.length).toBeGreaterThan(1);
        for (const tick of trends.y)
          expectWithin(`${city} trends y "${tick.text}"`, tick, trends.svg);
        expectNoOverlap(`${city} trends x`, trends.x);
        expectNoOverlap(`${city} trends y`, trends.y);
      }
      for (const city of ['boston', 'san-francisco']) {
        await page.goto(`/?city=${city}&tab=channels`);
        const channels = await ticks(page, 'breakdown-channel');
        expect(channels.y.length).toBeGreaterThan(1);
        for (const tick of channels.y)
          expectWithin(`${city} channel "${tick.text}"`, tick, channels.svg);
        expectNoOverlap(`${city} channel labels`, channels.y);
        expectNoOverlap(`${city} channel x`, channels.x);
      }
    });
  }
});

test.describe('cities without closing dates', () => {
  for (const size of SIZES) {
    test(`the headline says why under the figure at ${size.width}×${size.height}`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      const cities = await api<{ cities: { id: string; name: string; hasResolution: boolean }[] }>(
        page,
        '/api/cities',
      );
      for (const id of ['toronto', 'seattle']) {
        const city = cities.cities.find((c) => c.id === id)!;
        expect(city.hasResolution, id).toBe(false);
        await page.goto(`/?city=${id}`);
        for (const figure of ['median', 'open']) {
          await expect(page.getByTestId(`headline-${figure}-value`)).toHaveText('—');
          const note = page.getByTestId(`headline-${figure}-note`);
          await expect(note).toBeVisible();
          await expect(note).toHaveText(`${city.name} publishes no closing dates`);
          await expect(page.getByTestId('headline-requests-value')).toHaveText(/\d/);
          // One measurement of all three, so a layout shift between reads cannot skew it.
          const { card, value, box } = await page
            .getByTestId(`headline-${figure}`)
            .evaluate((node, testId) => {
              const rect = (el: Element | null) => {
                const r = el!.getBoundingClientRect();
                return { x: r.x, y: r.y, width: r.width, height: r.height };
              };
              return {
                card: rect(node),
                value: rect(node.querySelector(`[data-testid="${testId}-value"]`)),
                box: rect(node.querySelector(`[data-testid="${testId}-note"]`)),
              };
            }, `headline-${figure}`);
          expectWithin(`${id} ${figure} note`, box, card);
          expect(box.y, 'the note is under the figure').toBeGreaterThanOrEqual(
            value.y + value.height - 0.5,
          );
        }
      }
    });
  }
});

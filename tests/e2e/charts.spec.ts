/**
 * Charts end to end, against the real app and warehouse (playwright.config.ts starts it):
 * Toronto's seasonal heatmap, honest "no closing dates" panel, a median where resolution
 * exists, a CSV download that matches the API JSON, and the embed posting its height.
 */
import { expect, test, type Page } from '@playwright/test';

const TORONTO = 'city=toronto&level=ward&from=2024-01-01&to=2025-12-31';

interface CitySummaryLike {
  id: string;
  loaded: boolean;
  hasResolution: boolean;
  levels: { id: string }[];
}

async function cities(page: Page): Promise<CitySummaryLike[]> {
  const response = await page.request.get('/api/cities');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { cities: CitySummaryLike[] }).cities;
}

test.describe('seasonal heatmap', () => {
  test("shows Toronto's snow types peaking in winter months", async ({ page }) => {
    await page.goto(`/embed/heatmap?${TORONTO}&topN=50`);
    const table = page.locator('table.heatmap');
    await expect(table).toBeVisible();
    await expect(table.locator('th[scope="col"]').first()).toBeVisible();
    const cells = table.locator('td[data-type*="Snow" i]');
    await expect(cells.first()).toBeVisible();
    const values = await cells.evaluateAll((nodes) =>
      nodes.map((node) => ({
        type: node.getAttribute('data-type') ?? '',
        month: Number(node.getAttribute('data-column')),
        count: Number(node.getAttribute('data-count')),
        label: node.getAttribute('aria-label') ?? '',
      })),
    );
    const types = [...new Set(values.map((v) => v.type))];
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) {
      const sum = (months: number[]) =>
        values
          .filter((v) => v.type === type && months.includes(v.month))
          .reduce((s, v) => s + v.count, 0);
      expect(sum([12, 1, 2]), `${type}: winter above summer`).toBeGreaterThan(sum([6, 7, 8]));
    }
    // Accessible: every cell says its count in words, not only in colour.
    expect(values.every((v) => /\d[\d,]* requests/.test(v.label))).toBe(true);
  });

  test('answers 400 naming the parameter for bad input', async ({ page }) => {
    const topN = await page.request.get(`/api/heatmap?${TORONTO}&topN=0`);
    expect(topN.status()).toBe(400);
    expect(((await topN.json()) as { parameter: string }).parameter).toBe('topN');
    const season = await page.request.get(`/api/heatmap?${TORONTO}&rankType=x&season=monsoon`);
    expect(season.status()).toBe(400);
    expect(((await season.json()) as { parameter: string }).parameter).toBe('season');
    const unknown = await page.request.get(`/api/trends?${TORONTO}&colour=red`);
    expect(unknown.status()).toBe(400);
    expect(((await unknown.json()) as { parameter: string }).parameter).toBe('colour');
    const area = await page.request.get(`/api/area?${TORONTO}`);
    expect(area.status()).toBe(400);
    expect(((await area.json()) as { parameter: string }).parameter).toBe('area');
  });
});

test.describe('resolution time', () => {
  test('Toronto says it has no closing data and draws no zeros', async ({ page }) => {
    const api = await page.request.get(`/api/resolution?${TORONTO}`);
    expect(((await api.json()) as { available: boolean }).available).toBe(false);
    await page.goto(`/?${TORONTO}&tab=resolution`);
    const panel = page.locator('[data-widget="resolution"]');
    await expect(panel).toContainText('publishes no closing dates');
    await expect(panel.locator('svg')).toHaveCount(0);
    await expect(panel).not.toContainText(/\b0(\.0)? d\b/);
  });

  test('a city with closing dates shows its median', async ({ page }) => {
    const list = await cities(page);
    type Answer = { available: boolean; summary?: { closed: number; p50Days: number | null } };
    // The first such city with closed requests in its default range (the last 12 complete months).
    let city: CitySummaryLike | undefined;
    let api: Answer | undefined;
    for (const id of ['san-francisco', 'boston', 'minneapolis']) {
      const candidate = list.find((c) => c.id === id && c.loaded && c.hasResolution);
      if (!candidate) continue;
      const answer = (await (
        await page.request.get(`/api/resolution?city=${id}&level=${candidate.levels[0]?.id ?? ''}`)
      ).json()) as Answer;
      if ((answer.summary?.closed ?? 0) > 0) {
        city = candidate;
        api = answer;
        break;
      }
    }
    test.skip(
      !city || !api,
      'no city with closed requests (san-francisco, boston, minneapolis) is in /api/cities yet',
    );
    if (!city || !api) return;
    const search = `city=${city.id}&level=${city.levels[0]?.id ?? ''}`;
    expect(api.available).toBe(true);
    await page.goto(`/?${search}`);
    await page.getByRole('tab', { name: 'Time to close' }).click();
    const median = page.locator('[data-widget="resolution"] [data-measure="Median"] dd');
    await expect(median).toBeVisible();
    if (api.summary?.p50Days != null) await expect(median).toContainText(/\d+(\.\d)? d/);
  });
});

test.describe('export', () => {
  test('the heatmap CSV holds exactly the rows of the API answer', async ({ page }) => {
    await page.goto(`/embed/heatmap?${TORONTO}&topN=5`);
    await expect(page.locator('table.heatmap')).toBeVisible();
    const downloadPromise = page.waitForEvent('download');
    await page.locator('[data-widget="heatmap"] button.chart-download').first().click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe(
      'atlas311_toronto_ward_count_2024-01-01_2025-12-31_heatmap.csv',
    );
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('# Atlas 311 export');
    expect(text).toContain('# city: Toronto (toronto)');
    expect(text).toContain('# source: ');
    const data = lines.filter((line) => !line.startsWith('#'));
    expect(data[0]).toBe('type,category,month_of_year,label,count,share_of_type');

    const api = (await (
      await page.request.get(`/api/heatmap?${TORONTO}&topN=5&mode=month`)
    ).json()) as {
      rows: { type: string; cells: { column: string; count: number }[] }[];
    };
    const expected = api.rows.flatMap((row) =>
      row.cells.map((cell) => `${row.type}|${cell.column}|${cell.count}`),
    );
    const parsed = data.slice(1).map((line) => {
      // type may be quoted; count is the 5th field from the left after the quoted type
      const match = /^("(?:[^"]|"")*"|[^,]*),("(?:[^"]|"")*"|[^,]*),([^,]*),([^,]*),([^,]*),/.exec(
        line,
      );
      const unquote = (s = '') => (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s);
      return `${unquote(match?.[1])}|${match?.[3]}|${match?.[5]}`;
    });
    expect(parsed).toEqual(expected);
  });
});

test.describe('embed', () => {
  test('the heatmap embed posts its height to the parent', async ({ page }) => {
    // A same-origin page that may hold frames (API answers' CSP forbids it: default-src 'none').
    await page.goto('/embed/map?city=toronto&level=ward');
    const src = `/embed/heatmap?${TORONTO}`;
    const height = await page.evaluate(
      (url) =>
        new Promise<number>((resolve) => {
          window.addEventListener(
            'message',
            (event: MessageEvent<{ type?: string; height?: number }>) => {
              if (event.data?.type === 'atlas311:height' && (event.data.height ?? 0) > 100) {
                resolve(event.data.height ?? 0);
              }
            },
          );
          const frame = document.createElement('iframe');
          frame.style.width = '900px';
          frame.style.height = '200px';
          frame.src = url;
          document.body.appendChild(frame);
        }),
      src,
    );
    expect(height).toBeGreaterThan(100);
  });
});

test.describe('chart data as a table', () => {
  test('the channel chart folds the API rows into a table whose counts add up to the total', async ({
    page,
  }) => {
    const response = await page.request.get(
      '/api/breakdown?city=boston&level=neighborhood&dimension=channel',
    );
    expect(response.ok()).toBe(true);
    const api = (await response.json()) as {
      total: number;
      rows: { channel: string; count: number }[];
    };
    expect(api.rows.length).toBeGreaterThan(1);
    expect(api.rows.reduce((s, r) => s + r.count, 0)).toBe(api.total);

    await page.goto('/?city=boston&level=neighborhood&tab=channels');
    const widget = page.locator('[data-widget="breakdown-channel"]');
    await widget.getByText('Data as a table').click();
    const rows = widget.locator('details.chart-data tbody tr');
    await expect(rows).toHaveCount(api.rows.length);
    const shown = await rows.evaluateAll((nodes) =>
      nodes.map((tr) => ({
        channel: tr.querySelector('th')?.textContent ?? '',
        count: Number((tr.querySelector('td')?.textContent ?? '').replace(/,/g, '')),
      })),
    );
    expect(shown).toEqual(api.rows.map((r) => ({ channel: r.channel, count: r.count })));
  });
});

test.describe('charts in French and Spanish', () => {
  /** A number as the page writes it in a locale ("1 234", "1234", "1,234") read back. */
  const parse = (text: string) => Number(text.replace(/[\s\u00a0\u202f,.]/g, ''));
  const months = (locale: string) =>
    Array.from({ length: 12 }, (_, i) =>
      new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(
        new Date(Date.UTC(2024, i, 1)),
      ),
    );

  for (const [lang, heading, noun] of [
    ['fr', 'Saisonnalité des demandes', 'demandes'],
    ['es', 'Estacionalidad de solicitudes', 'solicitudes'],
  ] as const) {
    test(`the heatmap embed speaks ${lang}: months, words and figures`, async ({ page }) => {
      await page.goto(`/embed/heatmap?${TORONTO}&lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      const table = page.locator('table.heatmap');
      await expect(table).toBeVisible();
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
      // Month names from the locale's calendar (Node's Intl here, the page's Intl there).
      const headers = await table.locator('thead th').allTextContents();
      expect(headers.slice(1, 13)).toEqual(months(lang));
      // Every cell says its count in the language's words.
      const labels = await table
        .locator('td[data-count]')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));
      expect(labels.length).toBeGreaterThan(0);
      expect(labels.every((label) => label.includes(` ${noun},`))).toBe(true);
      // The row totals as written in the locale are the sums of the cells' counts.
      const rows = await table.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          total: tr.querySelector('td.heatmap-total')?.textContent ?? '',
          counts: [...tr.querySelectorAll('td[data-count]')].map((td) =>
            Number(td.getAttribute('data-count')),
          ),
        })),
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(parse(row.total)).toBe(row.counts.reduce((s, n) => s + n, 0));
      }
      // The way back to the dashboard keeps the language.
      await expect(page.locator('.embed-attribution a').first()).toHaveAttribute(
        'href',
        new RegExp(`[?&]lang=${lang}(&|$)`),
      );
    });
  }

  test('the dashboard tabs and the time-of-week grid in French', async ({ page }) => {
    await page.goto(`/?${TORONTO}&tab=patterns&lang=fr`);
    await expect(page.getByRole('tab', { name: 'Moment de la semaine' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Tendances' })).toBeVisible();
    const grid = page.getByTestId('patterns-grid');
    await expect(grid).toBeVisible();
    const days = await grid
      .locator('tbody th[scope="row"]')
      .evaluateAll((ths) => ths.map((th) => th.getAttribute('title') ?? ''));
    expect(days).toEqual(
      Array.from({ length: 7 }, (_, i) =>
        new Intl.DateTimeFormat('fr', { weekday: 'long', timeZone: 'UTC' }).format(
          new Date(Date.UTC(2024, 0, 1 + i)),
        ),
      ),
    );
    await expect(page.getByTestId('patterns-summary')).toHaveText(
      /^La plupart des demandes arrivent le \p{L}+, \d+:00–\d+:00/u,
    );
  });
});

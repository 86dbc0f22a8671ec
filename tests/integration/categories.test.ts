/**
 * Categories and channels through the real pipeline SQL on every bundled sample: the reviewed
 * per-city fixtures, the taxonomy, channels read from the file itself, Unmapped as drift, the
 * exact category filter of the resolution histogram, and Seattle's violent/property trend.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CHANNEL_NOT_PUBLISHED,
  CHANNELS,
  CRIME_CATEGORIES,
  SERVICE_CATEGORIES,
  UNMAPPED_CATEGORY,
} from '@/lib/categories';
import { parseView } from '@/lib/view/schema';
import { buildFilters } from '@/lib/queries/filters-sql';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { printStatus } from '@/pipeline/status';
import { ROOT, sandbox, type Sandbox } from '../support/pipeline';

vi.mock('server-only', () => ({}));

const CITIES = ['toronto', 'san-francisco', 'boston', 'minneapolis', 'seattle'];
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'categories');

function fixture(name: string): Record<string, string>[] {
  return parse(readFileSync(path.join(FIXTURES, name), 'utf8'), { columns: true });
}

/** Count rows per value of one column of a raw file, read by DuckDB directly (not the pipeline). */
async function rawCounts(file: string, column: string): Promise<Record<string, number>> {
  const db = await openDuckDb(':memory:');
  try {
    const rows = await db.query<{ v: string | null; n: number }>(
      `select "${column}" as v, count(*) as n from read_csv(?, all_varchar = true, header = true) group by 1`,
      [path.join(ROOT, file)],
    );
    return Object.fromEntries(rows.map((r) => [r.v ?? '(null)', r.n]));
  } finally {
    await db.close();
  }
}

describe('categories and channels on every bundled sample', () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = sandbox(CITIES);
    await box.run();
  });
  afterAll(() => box.cleanup());

  it.each(CITIES)(
    '%s: the 30 most frequent types land in their reviewed category',
    async (city) => {
      const expected = fixture(`${city}.csv`).map((r) => ({
        type: r.type ?? '',
        category: r.category ?? '',
        rows: Number(r.rows),
      }));
      const types = [...new Set(expected.map((r) => r.type))];
      expect(types.length).toBe(Math.min(30, types.length));
      const actual = await box.query<{ type: string; category: string; rows: number }>(
        `with top as (select type, count(*) as n from fact_requests where city = ? group by 1
                    order by n desc, type limit 30)
       select f.type, f.category, count(*) as rows from fact_requests f join top using (type)
       where f.city = ? group by all`,
        [city, city],
      );
      const key = (r: { type: string; category: string }) => `${r.type} → ${r.category}`;
      const sort = (rows: { type: string; category: string; rows: number }[]) =>
        rows.map((r) => `${key(r)}: ${r.rows}`).sort();
      expect(sort(actual)).toEqual(sort(expected));
    },
  );

  it('uses only the taxonomy: no category is named after a type, nothing is Unmapped', async () => {
    const rows = await box.query<{ city: string; category: string; n: number }>(
      `select f.city, f.category, count(*) as n from fact_requests f group by all`,
    );
    for (const row of rows) {
      const allowed: readonly string[] =
        row.city === 'seattle' ? CRIME_CATEGORIES : SERVICE_CATEGORIES;
      expect(allowed, `${row.city}: ${row.category}`).toContain(row.category);
    }
    const perCity = (city: string) =>
      new Set(rows.filter((r) => r.city === city).map((r) => r.category)).size;
    expect(perCity('seattle')).toBe(3);
    for (const city of CITIES.filter((c) => c !== 'seattle')) {
      expect(perCity(city)).toBeGreaterThanOrEqual(8);
    }
    const runs = await box.query<{ city: string; drift: string | null }>(
      `select city, drift from pipeline_runs`,
    );
    for (const run of runs) expect(run.drift ?? '', run.city).not.toContain('"unmapped"');
  });

  it('reads channels from the file itself and maps them into the shared vocabulary', async () => {
    const rows = await box.query<{ city: string; channel: string; raw: string | null; n: number }>(
      `select city, channel, channel_raw as raw, count(*) as n from fact_requests group by all`,
    );
    const raw = (city: string) =>
      Object.fromEntries(rows.filter((r) => r.city === city).map((r) => [r.raw ?? '(null)', r.n]));
    const sum = (...counts: Record<string, number>[]) => {
      const out: Record<string, number> = {};
      for (const c of counts) for (const [k, v] of Object.entries(c)) out[k] = (out[k] ?? 0) + v;
      return out;
    };
    // Independent count: the raw files' own channel columns, read straight by DuckDB.
    expect(raw('boston')).toEqual(
      await rawCounts('data/samples/boston/boston311-2022-01-sample-100.csv', 'source'),
    );
    expect(raw('san-francisco')).toEqual(
      sum(
        await rawCounts('data/samples/san-francisco/sf311-socrata-2023-11-28.csv', 'source'),
        await rawCounts('data/samples/san-francisco/sf311-legacy-sample-5000.csv', 'Source'),
        await rawCounts(
          'data/samples/san-francisco/sf311-2018-2019-northbeach-cleaning.csv',
          'Source',
        ),
      ),
    );
    expect(Object.keys(raw('san-francisco'))).toEqual(
      expect.arrayContaining(['Phone', 'Mobile/Open311', 'Voice In', 'Web Self Service']),
    );
    expect(Object.keys(raw('boston'))).toEqual(
      expect.arrayContaining(['Constituent Call', 'Citizens Connect App']),
    );
    const mapped = (city: string, value: string) =>
      rows.find((r) => r.city === city && r.raw === value)?.channel;
    expect(mapped('boston', 'Constituent Call')).toBe('Phone');
    expect(mapped('boston', 'Citizens Connect App')).toBe('Mobile app');
    expect(mapped('san-francisco', 'Voice In')).toBe('Phone');
    expect(mapped('san-francisco', 'Mobile/Open311')).toBe('Mobile app');
    expect(mapped('san-francisco', 'Integrated Agency')).toBe('Staff/internal');
    for (const row of rows) {
      if (row.raw === null) expect(row.channel).toBe(CHANNEL_NOT_PUBLISHED);
      else expect(CHANNELS as readonly string[]).toContain(row.channel);
    }
    for (const city of ['toronto', 'minneapolis', 'seattle']) {
      expect(rows.filter((r) => r.city === city).map((r) => r.channel)).toEqual([
        CHANNEL_NOT_PUBLISHED,
      ]);
    }
  });

  it('filters the resolution histogram by category exactly, even when a type spans categories', async () => {
    // SF "311 External Request" is Graffiti, Waste & cleaning or General requests by subtype.
    const [split] = await box.query<{ n: number }>(
      `select count(distinct category) as n from fact_requests
       where city = 'san-francisco' and type = '311 External Request'`,
    );
    expect(split?.n).toBeGreaterThan(1);
    for (const category of ['Graffiti', 'General requests', 'Parking & vehicles']) {
      const parsed = parseView(
        new URLSearchParams({ city: 'san-francisco', level: 'district', category }),
      );
      if (!parsed.ok) throw new Error(parsed.error);
      const where = buildFilters(parsed.view, {
        range: { fromMonth: '2008-01-01', toMonth: '2026-12-01' },
        table: 'mart_resolution_hist',
        level: '_city',
      });
      const [hist] = await box.query<{ n: number }>(
        `select coalesce(sum(n), 0) as n from mart_resolution_hist where ${where.sql}`,
        where.params,
      );
      const [facts] = await box.query<{ n: number }>(
        `select count(*) as n from fact_requests
         where city = 'san-francisco' and category = ? and resolution_hours is not null`,
        [category],
      );
      expect(hist?.n, category).toBe(facts?.n);
      expect(facts?.n, category).toBeGreaterThan(0);
    }
  });

  it("answers Seattle's question: /api/trends has Violent crime and Property crime series", async () => {
    process.env.DUCKDB_PATH = box.warehouse;
    const { GET } = await import('@/app/api/trends/route');
    const response = await GET(
      new Request(
        'http://localhost/api/trends?city=seattle&level=precinct&from=2024-01-01&to=2025-12-31',
      ),
    );
    expect(response.status, await response.clone().text()).toBe(200);
    const body = (await response.json()) as {
      categories: string[];
      points: { month: string; category: string; count: number }[];
    };
    expect(body.categories).toEqual(expect.arrayContaining(['Violent crime', 'Property crime']));
    const total = (category: string) =>
      body.points.filter((p) => p.category === category).reduce((s, p) => s + p.count, 0);
    const [facts] = await box.query<{ violent: number; property: number }>(
      `select count(*) filter (where category = 'Violent crime') as violent,
              count(*) filter (where category = 'Property crime') as property
       from fact_requests where city = 'seattle' and month between '2024-01-01' and '2025-12-01'`,
    );
    expect(total('Violent crime')).toBe(facts?.violent);
    expect(total('Property crime')).toBe(facts?.property);
    expect(facts?.violent).toBeGreaterThan(500);
    // Arson and weapon law violations follow the source's offense_category, not "persons".
    const [arson] = await box.query<{ category: string }>(
      `select any_value(category) as category from fact_requests where city = 'seattle' and type = 'ARSON'`,
    );
    expect(arson?.category).toBe('Property crime');
    const [legacy] = await box.query<{ n: number }>(
      `select count(distinct category) as n from fact_requests
       where city = 'seattle' and year(opened) < 2017`,
    );
    expect(legacy?.n).toBe(3);
  });
});

describe('Boston files in both published layouts', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox(['boston']);
  });
  afterAll(() => box.cleanup());

  it.each([
    ['boston-classic-big-types.csv', 'type', 'reason'],
    ['boston-crm-2025-big-types.csv', 'service_name', 'case_topic'],
  ])('%s: big types land where an analyst would look', async (name, typeColumn, groupColumn) => {
    const result = await box.run({ source: 'file', filePath: path.join(FIXTURES, name) });
    const expected = new Map<string, string>([
      ['Street Light Outages', 'Traffic, signs & lights'],
      ['Street Light Outage', 'Traffic, signs & lights'],
      ['Request for Pothole Repair', 'Streets & sidewalks'],
      ['Pothole Repair', 'Streets & sidewalks'],
      ['Parking Enforcement', 'Parking & vehicles'],
      ['Missed Trash/Recycling/Yard Waste/Bulk Item', 'Waste & cleaning'],
      ['Missed Trash Pickup', 'Waste & cleaning'],
      ['Graffiti Removal', 'Graffiti'],
      ['PWD Graffiti', 'Graffiti'],
      ['Requests for Street Cleaning', 'Waste & cleaning'],
      ['Street Cleaning', 'Waste & cleaning'],
      ['Sidewalk Repair (Make Safe)', 'Streets & sidewalks'],
      ['Abandoned Vehicles', 'Parking & vehicles'],
      ['Pick up Dead Animal', 'Animals & pests'],
      ['Schedule a Bulk Item Pickup SS', 'Waste & cleaning'],
      ['Improper Storage of Trash (Barrels)', 'Waste & cleaning'],
      ['Traffic Signal Inspection', 'Traffic, signs & lights'],
      ['Traffic Signal Repair', 'Traffic, signs & lights'],
      ['Rodent Activity', 'Animals & pests'],
      ['Loud Parties/Music/People', 'Noise'],
      ['Abandoned Vehicle', 'Parking & vehicles'],
      ['Sidewalk Repair', 'Streets & sidewalks'],
      ['Dead Animal Pickup', 'Animals & pests'],
      ['Unshoveled Sidewalk', 'Snow & ice'],
      // Types the crosswalk never lists, placed by their group alone.
      ['Tree Maintenance Requests', 'Trees & parks'],
      ['Tree Pruning', 'Trees & parks'],
      ['Heat - Excessive  Insufficient', 'Housing & buildings'],
      ['Bulk Item Pickup', 'Waste & cleaning'],
      // A group the crosswalk does not place: Unmapped, never guessed.
      ['Food Alert - Unconfirmed', UNMAPPED_CATEGORY],
    ]);
    const file = readFileSync(path.join(FIXTURES, name), 'utf8');
    const records: Record<string, string>[] = parse(file, { columns: true });
    const rows = await box.query<{ type: string; category: string; n: number }>(
      `select type, category, count(*) as n from fact_requests where city = 'boston'
       and run_id = ? group by all`,
      [result.runId],
    );
    const seen = new Set(records.map((r) => r[typeColumn]!));
    expect(new Set(records.map((r) => r[groupColumn]!)).size).toBeGreaterThan(5);
    for (const type of seen) {
      const categories = rows.filter((r) => r.type === type).map((r) => r.category);
      expect(categories, type).toEqual([expected.get(type)]);
      expect(rows.find((r) => r.type === type)?.n, type).toBe(
        records.filter((r) => r[typeColumn] === type).length,
      );
    }
    const unmapped = result.cities[0]?.drift.flatMap((d) => d.unmapped ?? []) ?? [];
    const [run] = await box.query<{ drift: string | null }>(
      'select drift from pipeline_runs where run_id = ?',
      [result.runId],
    );
    const recorded = JSON.parse(run?.drift ?? '[]') as { unmapped?: unknown[] }[];
    expect(recorded.flatMap((d) => d.unmapped ?? [])).toEqual(unmapped);
    if (name.includes('classic')) {
      expect(unmapped).toEqual([{ type: 'Food Alert - Unconfirmed', group: 'Health', rows: 2 }]);
    } else {
      expect(unmapped).toEqual([]);
      const channels = await box.query<{ raw: string; channel: string }>(
        `select distinct channel_raw as raw, channel from fact_requests
         where city = 'boston' and request_id like 'CS%' order by 1`,
      );
      expect(channels.find((c) => c.raw === 'Call')?.channel).toBe('Phone');
      expect(channels.find((c) => c.raw === 'Constituent Call')?.channel).toBe('Phone');
    }
  });
});

describe('--status after a file with an unmapped type', () => {
  let box: Sandbox;
  const lines: { msg: string; unmapped?: unknown[] }[] = [];
  beforeAll(async () => {
    box = sandbox(['boston']);
    const stream = { write: (line: string) => void lines.push(JSON.parse(line) as never) };
    await box.run({
      source: 'file',
      filePath: path.join(FIXTURES, 'boston-classic-big-types.csv'),
      log: pino({ level: 'warn' }, stream),
    });
  });
  afterAll(() => box.cleanup());

  it('logs the unmapped types of the run', () => {
    const warning = lines.find((l) => l.msg.startsWith('unmapped types'));
    expect(warning?.msg).toMatch(/1 type \(2 rows\) have no category; npm run crosswalk -- boston/);
    expect(warning?.unmapped).toEqual([
      { type: 'Food Alert - Unconfirmed', group: 'Health', rows: 2 },
    ]);
  });

  it('lists the unmapped type with its group and row count', async () => {
    const printed: unknown[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args) => void printed.push(args));
    const table = vi.spyOn(console, 'table').mockImplementation((rows) => void printed.push(rows));
    try {
      await printStatus(box.warehouse);
    } finally {
      log.mockRestore();
      table.mockRestore();
    }
    const text = JSON.stringify(printed);
    expect(text).toContain('Unmapped types (no crosswalk rule places them');
    const rows = printed.find(
      (p): p is { type: string; group: string; rows: number }[] =>
        Array.isArray(p) && (p as { type?: string }[])[0]?.type === 'Food Alert - Unconfirmed',
    );
    expect(rows?.[0]).toMatchObject({ city: 'boston', group: 'Health', rows: 2 });
  });
});

describe("Toronto's real request-type taxonomy (2010 counts by type, division and section)", () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox(['toronto']);
  });
  afterAll(() => box.cleanup());

  it('places every real type through its division and section, with no Unmapped', async () => {
    const shared = process.env.SHARED_DATA_DIR ?? path.join(ROOT, '..', 'shared', 'data');
    const counts: { count: string; request_type: string; division: string; section: string }[] =
      parse(
        readFileSync(
          path.join(shared, 'toronto', 'counts-2010-by-hour-type-division-section.csv'),
          'utf8',
        ),
        { columns: true },
      );
    // One request per counted request, in the published (unquoted) customer-initiated layout.
    const header =
      'Creation Date,Status,First 3 Chars of Postal Code,Intersection Street 1,Intersection Street 2,Ward,Service Request Type,Division,Section';
    const lines = [header];
    let total = 0;
    counts.forEach((c, i) => {
      const opened = `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00.0000000`;
      for (let k = 0; k < Number(c.count); k++) {
        lines.push(
          `${opened},Completed,M5V,,,Spadina-Fort York (10),${c.request_type},${c.division},${c.section}`,
        );
      }
      total += Number(c.count);
    });
    const file = path.join(box.dir, 'toronto-2010-taxonomy.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const result = await box.run({ source: 'file', filePath: file });
    expect(result.cities[0]?.rowsLoaded).toBe(total);
    const rows = await box.query<{ category: string; n: number; types: number }>(
      `select category, count(*) as n, count(distinct type) as types from fact_requests
       where run_id = ? group by 1`,
      [result.runId],
    );
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(total);
    expect(rows.find((r) => r.category === UNMAPPED_CATEGORY)).toBeUndefined();
    for (const row of rows) expect(SERVICE_CATEGORIES as readonly string[]).toContain(row.category);
    const placed = async (type: string) =>
      (
        await box.query<{ category: string }>(
          `select distinct category from fact_requests where run_id = ? and type = ?`,
          [result.runId, type],
        )
      ).map((r) => r.category);
    // Spot checks an analyst would make, including types the crosswalk never names.
    expect(await placed('Property Standards')).toEqual(['Housing & buildings']);
    expect(await placed('Noise')).toEqual(['Noise']);
    expect(await placed('Road - Cleaning/Debris')).toEqual(['Streets & sidewalks']);
    expect(await placed('Traffic Signal Maintenance')).toEqual(['Traffic, signs & lights']);
    expect(await placed('Water Service Line-No Water')).toEqual(['Water & sewer']);
    expect(await placed('Bollard - Damaged')).toEqual(['Streets & sidewalks']);
    expect(await placed('Maintenance Holes -Damage / Repair')).toEqual(['Streets & sidewalks']);
  });
});

describe('a warehouse built before type_group, channel_raw and the histogram category', () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = sandbox(['boston']);
    const db = await openDuckDb(box.warehouse);
    try {
      await db.run(readFileSync(path.join(ROOT, 'pipeline', 'sql', 'schema.sql'), 'utf8'));
      await db.run('alter table fact_requests drop column type_group');
      await db.run('alter table fact_requests drop column channel_raw');
      await db.run('alter table mart_resolution_hist drop column category');
    } finally {
      await db.close();
    }
  });
  afterAll(() => box.cleanup());

  it('gains the columns and rebuilds into them', async () => {
    await box.run({ full: true });
    const [row] = await box.query<{ n: number; raw: number; hist: number }>(
      `select count(*) as n, count(channel_raw) as raw,
         (select count(*) from mart_resolution_hist where category is null) as hist
       from fact_requests`,
    );
    expect(row).toEqual({ n: 100, raw: 100, hist: 0 });
  });
});

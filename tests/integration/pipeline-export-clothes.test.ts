/**
 * A known layout in another export's clothes, through the real pipeline: the same real rows with
 * their dates written as US 12-hour text or ISO, their coordinates as one `Point`/`point` text
 * (WKT or `(lat, lon)`) or missing with only an area column left, load to the same requests,
 * times and areas as the file as published; the run reports which date format read each field,
 * and a file whose dates no known format reads fails naming the column and a sample value.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { csvField } from '@/components/export/csv';
import { ROOT, sandbox, type Sandbox } from '../support/pipeline';

const boxes: Sandbox[] = [];
afterAll(() => boxes.forEach((b) => b.cleanup()));

type Rec = Record<string, string>;

function readSample(sample: string): { columns: string[]; rows: Rec[] } {
  const text = readFileSync(path.join(ROOT, sample), 'utf8');
  const rows: Rec[] = parse(text, { columns: true, relax_column_count: false });
  const first: string[][] = parse(text.split('\n', 1)[0]!);
  return { columns: first[0]!, rows };
}

function writeCsv(columns: string[], rows: Rec[]): string {
  return [columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))]
    .map((fields) => fields.map((f) => csvField(f)).join(','))
    .join('\n');
}

/** "2023-11-28T01:31:07.000" or "2012-12-04 15:21:00" → "11/28/2023 01:31:07 AM". */
function usTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d, h, mi, s] = m;
  const hour = Number(h);
  const h12 = String(hour % 12 === 0 ? 12 : hour % 12).padStart(2, '0');
  return `${mo}/${d}/${y} ${h12}:${mi}:${s} ${hour < 12 ? 'AM' : 'PM'}`;
}

/** "06/29/2019 09:48:00 PM" → "2019-06-29 21:48:00". */
function isoTime(us: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2}) (AM|PM)$/.exec(us);
  if (!m) return us;
  const [, mo, d, y, h, mi, s, half] = m;
  const hour = (Number(h) % 12) + (half === 'PM' ? 12 : 0);
  return `${y}-${mo}-${d} ${String(hour).padStart(2, '0')}:${mi}:${s}`;
}

async function load(cityId: string, name: string, body: string) {
  const box = sandbox([cityId]);
  boxes.push(box);
  const file = path.join(box.dir, name);
  writeFileSync(file, body);
  await box.run({ source: 'file', filePath: file });
  return box;
}

const FACTS = `select request_id, strftime(opened, '%Y-%m-%d %H:%M:%S') as opened,
  strftime(closed, '%Y-%m-%d %H:%M:%S') as closed, round(latitude, 5) as lat, round(longitude, 5) as lon,
  location_flag from fact_requests order by request_id`;
const AREAS = `select level, area_key, count(*) as n from fact_request_area group by all order by all`;

describe('San Francisco socrata layout from another export', () => {
  const { columns, rows } = readSample('data/samples/san-francisco/sf311-socrata-2023-11-28.csv');

  it('reads US 12-hour dates and WKT points as the published ISO dates and lat/long', async () => {
    const published = await load('san-francisco', 'published.csv', writeCsv(columns, rows));
    const clothes = rows.map((r) => ({
      ...r,
      requested_datetime: usTime(r.requested_datetime!),
      updated_datetime: usTime(r.updated_datetime!),
      closed_date: r.closed_date ? usTime(r.closed_date) : '',
      point: r.lat ? `POINT (${r.long} ${r.lat})` : '',
      lat: '',
      long: '',
    }));
    expect(clothes[0]!.requested_datetime).toMatch(/^\d{2}\/\d{2}\/2023 \d{2}:\d{2}:\d{2} [AP]M$/);
    const other = await load('san-francisco', 'other-export.csv', writeCsv(columns, clothes));
    expect(await other.query(FACTS)).toEqual(await published.query(FACTS));
    expect(await other.query(AREAS)).toEqual(await published.query(AREAS));
    const [run] = await other.query<{ drift: string }>('select drift from pipeline_runs');
    const drift = JSON.parse(run!.drift) as {
      dateFormats?: Record<string, Record<string, number>>;
    }[];
    expect(drift[0]?.dateFormats?.opened).toEqual({ '%m/%d/%Y %I:%M:%S %p': rows.length });
  });

  it('fails a file whose dates no known format reads, naming the column and a sample', async () => {
    const box = sandbox(['san-francisco']);
    boxes.push(box);
    const file = path.join(box.dir, 'dotted-dates.csv');
    const dotted = rows.map((r) => ({
      ...r,
      requested_datetime: r.requested_datetime!.replace(/^(\d{4})-(\d{2})-(\d{2})T/, '$3.$2.$1 '),
    }));
    writeFileSync(file, writeCsv(columns, dotted));
    const error = await box.run({ source: 'file', filePath: file }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      /dotted-dates\.csv: no value of column "requested_datetime" \(opened\) is a date in a known format, e\.g\. "\d{2}\.11\.2023 /,
    );
    expect(error?.message).not.toMatch(/quarantined/);
  });
});

describe('San Francisco display-name export', () => {
  const { columns, rows } = readSample(
    'data/samples/san-francisco/sf311-2018-2019-northbeach-cleaning.csv',
  );
  const some = rows.slice(0, 300);

  it('reads ISO dates and "(lat, lon)" points like US dates and two columns', async () => {
    const published = await load('san-francisco', 'published.csv', writeCsv(columns, some));
    const clothes = some.map((r) => ({
      ...r,
      Opened: isoTime(r.Opened!),
      Closed: isoTime(r.Closed!),
      Updated: isoTime(r.Updated!),
      Point: `(${r.Latitude}, ${r.Longitude})`,
      Latitude: '',
      Longitude: '',
    }));
    const other = await load('san-francisco', 'iso.csv', writeCsv(columns, clothes));
    expect(await other.query(FACTS)).toEqual(await published.query(FACTS));
    expect(await other.query(AREAS)).toEqual(await published.query(AREAS));
  });

  it('places rows without coordinates by the Neighborhood column the file carries', async () => {
    const bare = some.map((r) => ({ ...r, Latitude: '', Longitude: '', Point: '' }));
    const box = await load('san-francisco', 'no-points.csv', writeCsv(columns, bare));
    const areas = await box.query<{ level: string; area_key: string; n: number }>(AREAS);
    // The district comes from its column, the SF Find neighbourhood from its name.
    expect(areas.filter((a) => a.level === 'district').reduce((n, a) => n + a.n, 0)).toBe(300);
    expect(areas.filter((a) => a.level === 'sffind')).toEqual([
      { level: 'sffind', area_key: expect.any(String) as string, n: 300 },
    ]);
    const [name] = await box.query<{ area_name: string }>(
      `select d.area_name from fact_request_area a join dim_area d using (city, level, area_key) where a.level = 'sffind' limit 1`,
    );
    expect(name?.area_name).toBe('North Beach');
    // Analysis neighbourhoods have no column here: those rows stay unlocated at that level.
    expect(areas.filter((a) => a.level === 'neighborhood')).toEqual([]);
  });
});

describe('Boston classic layout from another export', () => {
  const { columns, rows } = readSample('data/samples/boston/boston311-2022-01-sample-100.csv');

  it('reads US 12-hour dates, and the neighborhood column where coordinates are missing', async () => {
    const clothes = rows.map((r) => ({
      ...r,
      open_dt: usTime(r.open_dt!),
      closed_dt: r.closed_dt ? usTime(r.closed_dt) : '',
      target_dt: r.target_dt ? usTime(r.target_dt) : '',
      latitude: '',
      longitude: '',
    }));
    const published = await load('boston', 'published.csv', writeCsv(columns, rows));
    const other = await load('boston', 'other.csv', writeCsv(columns, clothes));
    const times = `select request_id, opened, closed, sla_target from fact_requests order by 1`;
    expect(await other.query(times)).toEqual(await published.query(times));
    const named = rows.filter((r) =>
      ['Roxbury', 'Dorchester', 'Back Bay', 'South End', 'Jamaica Plain'].includes(r.neighborhood!),
    ).length;
    expect(named).toBeGreaterThan(0);
    const [placed] = await other.query<{ n: number }>(
      `select count(*) as n from fact_request_area a join fact_requests f using (city, request_id)
       where f.latitude is null`,
    );
    expect(placed?.n).toBeGreaterThanOrEqual(named);
  });
});

describe('Seattle NIBRS rows with a redacted location', () => {
  it('are placed by the precinct, beat and MCPP columns the file carries', async () => {
    const sample = 'data/samples/seattle/nibrs-2024-2025-sample.csv';
    const { rows } = readSample(sample);
    // Empty, or a word in place of the number.
    const redacted = rows.filter((r) => !Number.isFinite(Number.parseFloat(r.latitude ?? '')));
    expect(redacted.length).toBeGreaterThan(0);
    const box = await load('seattle', 'nibrs.csv', readFileSync(path.join(ROOT, sample), 'utf8'));
    const placed = await box.query<{ level: string; n: number }>(
      `select a.level, count(*) as n from fact_request_area a join fact_requests f using (city, request_id)
       where f.latitude is null group by 1 order by 1`,
    );
    const boundary = JSON.parse(
      readFileSync(path.join(ROOT, 'data/boundaries/seattle/beat.geojson'), 'utf8'),
    ) as { features: { properties: { area_key: string } }[] };
    const keys = new Set(boundary.features.map((f) => f.properties.area_key));
    const beats = redacted.filter((r) => keys.has(r.beat ?? '')).length;
    expect(beats).toBeGreaterThan(0);
    expect(placed.find((p) => p.level === 'beat')?.n).toBe(beats);
    expect(placed.find((p) => p.level === 'precinct')?.n).toBeGreaterThan(0);
    expect(placed.find((p) => p.level === 'mcpp')?.n).toBeGreaterThan(0);
    // Neighbourhoods have no column: those rows stay unlocated at that level.
    expect(placed.find((p) => p.level === 'neighborhood')).toBeUndefined();
  });
});

/**
 * Files in San Francisco's Socrata layout loaded with `--source file`: late and updated records,
 * months re-aggregated only where touched, schema drift, the contract, and the quarantine gate.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../support/pipeline';

const HEADER = [
  'service_request_id',
  'requested_datetime',
  'updated_datetime',
  'closed_date',
  'status_description',
  'service_name',
  'service_subtype',
  'agency_responsible',
  'source',
  'supervisor_district',
  'lat',
  'long',
];

type Row = Record<(typeof HEADER)[number], string>;

function row(id: string, opened: string, patch: Partial<Row> = {}): Row {
  return {
    service_request_id: id,
    requested_datetime: opened,
    updated_datetime: opened,
    closed_date: '',
    status_description: 'Open',
    service_name: 'Street and Sidewalk Cleaning',
    service_subtype: 'Bulky Items',
    agency_responsible: 'Recology_Abandoned',
    source: 'Phone',
    supervisor_district: '3',
    lat: '37.7986',
    long: '-122.4076',
    ...patch,
  };
}

function csv(rows: Row[], header: string[] = HEADER): string {
  return (
    [header.join(','), ...rows.map((r) => header.map((h) => r[h] ?? '').join(','))].join('\n') +
    '\n'
  );
}

const BASE = [
  row('100', '2024-01-10T09:00:00.000', {
    status_description: 'Closed',
    closed_date: '2024-01-11T09:00:00.000',
    updated_datetime: '2024-01-11T09:00:00.000',
  }),
  row('200', '2024-02-10T09:00:00.000'),
  row('300', '2024-03-10T09:00:00.000', {
    status_description: 'Closed',
    closed_date: '2024-03-10T21:00:00.000',
    updated_datetime: '2024-03-10T21:00:00.000',
  }),
];

describe('incremental loads of files', () => {
  let box: Sandbox;
  const file = (name: string, text: string) => {
    const target = path.join(box.dir, name);
    writeFileSync(target, text);
    return target;
  };
  const load = (filePath: string) => box.run({ source: 'file', filePath });
  const martByMonth = () =>
    box.query<{ month: string; opened: number; closed: number; still_open: number; res_n: number }>(
      `select strftime(month, '%Y-%m') as month, sum(opened) as opened, sum(closed) as closed,
         sum(still_open) as still_open, sum(res_n) as res_n
       from mart_area_month where city = 'san-francisco' and level = '_city' group by 1 order by 1`,
    );

  beforeEach(() => {
    box = sandbox(['san-francisco']);
  });
  afterEach(() => box.cleanup());

  it('moves a request from open to closed when its update arrives, rebuilding only its month', async () => {
    await load(file('base.csv', csv(BASE)));
    const before = await martByMonth();
    expect(before.find((m) => m.month === '2024-02')).toMatchObject({
      opened: 1,
      still_open: 1,
      closed: 0,
    });

    const update = row('200', '2024-02-10T09:00:00.000', {
      status_description: 'Closed',
      closed_date: '2024-02-12T09:00:00.000',
      updated_datetime: '2024-02-12T09:00:00.000',
    });
    const result = await load(file('update.csv', csv([BASE[0]!, update])));
    expect(result.cities[0]).toMatchObject({ rowsRead: 2, rowsLoaded: 2, monthsRebuilt: 1 });

    const after = await martByMonth();
    expect(after.find((m) => m.month === '2024-02')).toMatchObject({
      opened: 1,
      still_open: 0,
      closed: 1,
      res_n: 1,
    });
    expect(after.filter((m) => m.month !== '2024-02')).toEqual(
      before.filter((m) => m.month !== '2024-02'),
    );
    const [run] = await box.query<{ months_rebuilt: number }>(
      `select months_rebuilt from pipeline_runs where run_id = ?`,
      [result.runId],
    );
    expect(run?.months_rebuilt).toBe(1);
  });

  it('ignores a late re-send of an older version and counts it as superseded', async () => {
    const closed = row('200', '2024-02-10T09:00:00.000', {
      status_description: 'Closed',
      closed_date: '2024-02-12T09:00:00.000',
      updated_datetime: '2024-02-12T09:00:00.000',
    });
    await load(file('closed.csv', csv([closed])));
    const result = await load(file('stale.csv', csv([BASE[1]!])));
    expect(result.cities[0]).toMatchObject({
      rowsRead: 1,
      rowsLoaded: 0,
      rowsSuperseded: 1,
      monthsRebuilt: 0,
    });
    const [fact] = await box.query<{ is_open: boolean }>(
      `select is_open from fact_requests where request_id = '200'`,
    );
    expect(fact?.is_open).toBe(false);
  });

  it('keeps the latest of duplicate ids within a file', async () => {
    const later = row('300', '2024-03-10T09:00:00.000', {
      status_description: 'Open',
      updated_datetime: '2024-03-09T00:00:00.000',
    });
    const result = await load(file('dupes.csv', csv([...BASE, later])));
    expect(result.cities[0]).toMatchObject({ rowsRead: 4, rowsLoaded: 3, rowsSuperseded: 1 });
    const [fact] = await box.query<{ status: string }>(
      `select status from fact_requests where request_id = '300'`,
    );
    expect(fact?.status).toBe('Closed');
  });

  it('reports new and vanished columns as drift in the run table', async () => {
    await load(file('v1.csv', csv(BASE)));
    const header = [...HEADER.filter((h) => h !== 'source'), 'status_notes'];
    const result = await load(
      file(
        'v2.csv',
        csv([row('400', '2024-04-01T08:00:00.000', { status_notes: 'open' })], header),
      ),
    );
    const drift = result.cities[0]?.drift[0];
    expect(drift).toMatchObject({
      layout: 'socrata-vw6y-z8j6',
      added: ['status_notes'],
      removed: ['source'],
    });
    expect(drift?.missingOptional).toContain('source');
    const [run] = await box.query<{ drift: string }>(
      `select drift from pipeline_runs where run_id = ?`,
      [result.runId],
    );
    expect(JSON.parse(run!.drift)).toEqual([drift]);
    const [fact] = await box.query<{ channel: string }>(
      `select channel from fact_requests where request_id = '400'`,
    );
    expect(fact?.channel).toBe('Not published');
  });

  it('stops with a message naming a missing required column, and publishes nothing', async () => {
    const header = HEADER.filter((h) => h !== 'service_name');
    await expect(load(file('broken.csv', csv(BASE, header)))).rejects.toThrow(
      /unrecognised header[\s\S]*socrata-vw6y-z8j6: service_request_id, requested_datetime, service_name/,
    );
    expect(existsSync(box.warehouse)).toBe(false);
  });

  it('quarantines unusable rows with their reason and fails the run above the threshold', async () => {
    const bad = [
      row('501', 'not a date'),
      row('502', '2031-01-01T00:00:00.000'),
      row('503', '1999-01-01T00:00:00.000'),
      row('504', '', {}),
    ];
    await expect(load(file('bad.csv', csv([...BASE, ...bad])))).rejects.toThrow(
      /4 of 7 rows quarantined/,
    );
    expect(existsSync(box.warehouse)).toBe(false);

    const good = Array.from({ length: 97 }, (_, i) =>
      row(String(1000 + i), '2024-05-01T10:00:00.000'),
    );
    const result = await load(file('mostly-good.csv', csv([...good, bad[0]!, bad[1]!, bad[2]!])));
    expect(result.cities[0]).toMatchObject({ rowsRead: 100, rowsLoaded: 97, rowsQuarantined: 3 });
    const reasons = await box.query<{ reason: string; raw: string }>(
      `select reason, raw from quarantine order by line`,
    );
    expect(reasons.map((r) => r.reason)).toEqual([
      'opened_unparseable',
      'opened_in_future',
      'opened_before_system_start',
    ]);
    expect(JSON.parse(reasons[0]!.raw)).toMatchObject({
      service_request_id: '501',
      requested_datetime: 'not a date',
    });
  });
});

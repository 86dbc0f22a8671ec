/**
 * `--target bigquery` end to end on this machine: the real pipeline builds Boston's sample in
 * DuckDB, then the real Google clients publish it to a local server that answers the BigQuery and
 * GCS REST calls (tests/support/fake-gcp.ts). Asserts on what the clients sent.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeAuthClient, startFakeGcp, type FakeGcp } from '@/tests/support/fake-gcp';
import { publishToBigQuery } from '@/pipeline/targets/bigquery-cli';
import { ROOT, sandbox, type Sandbox } from '../support/pipeline';

describe('pipeline --target bigquery', () => {
  let fake: FakeGcp;
  let box: Sandbox;
  const saved = { ...process.env };

  beforeAll(async () => {
    fake = await startFakeGcp({ projectId: 'atlas-test' });
    // The fake does not execute SQL: it answers the affected-months query as BigQuery would for
    // Boston's one month, so the MERGE and mart rebuild follow.
    fake.onQuery(({ sql }) =>
      sql.startsWith('SELECT DISTINCT month')
        ? {
            schema: [{ name: 'month', type: 'DATE' }],
            rows: [['2022-01-01']],
            totalBytesProcessed: 4096,
          }
        : undefined,
    );
    Object.assign(process.env, {
      BIGQUERY_PROJECT: 'atlas-test',
      BIGQUERY_DATASET: 'atlas311',
      GCS_BUCKET: 'atlas-lake',
      BIGQUERY_MAX_BYTES_BILLED: '1000000000',
    });
    box = sandbox(['boston']);
    const result = await box.run();
    await publishToBigQuery(result, {
      rootDir: ROOT,
      log: pino({ level: 'silent' }),
      apiEndpoint: fake.endpoint,
      deps: { authClient: fakeAuthClient },
    });
  });
  afterAll(async () => {
    process.env = saved;
    box.cleanup();
    await fake.close();
  });

  it('uploads the raw lake file to the bucket under its city', () => {
    const names = fake.requestsFor('objects.insert').map((r) => r.query.name ?? '');
    expect(
      names.some((n) => /^lake\/raw\/city=boston\/source=sample\/[0-9a-f]{16}-boston311/.test(n)),
    ).toBe(true);
    expect(
      names.some((n) => /^staging\/city=boston\/run=.+\/fact_requests-0000\.parquet$/.test(n)),
    ).toBe(true);
  });

  it('loads the run’s records as Parquet into a partitioned, clustered staging load', () => {
    const loads = fake
      .requestsFor('jobs.insert')
      .map(
        (r) =>
          (r.body as { configuration?: { load?: Record<string, unknown> } })?.configuration?.load,
      )
      .filter(Boolean);
    expect(loads.length).toBeGreaterThanOrEqual(2);
    expect(loads[0]).toMatchObject({ sourceFormat: 'PARQUET', writeDisposition: 'WRITE_TRUNCATE' });
  });

  it('merges into fact_requests on the affected months and records the run, with the byte cap and labels', () => {
    const queries = [...fake.requestsFor('jobs.insert'), ...fake.requestsFor('jobs.query')]
      .map((r) => r.body as { configuration?: { query?: { query?: string } }; query?: string })
      .map((b) => ({ sql: b.configuration?.query?.query ?? b.query ?? '', body: b }))
      .filter((q) => q.sql);
    const merge = queries.find((q) => /MERGE/i.test(q.sql));
    expect(merge?.sql).toMatch(/fact_requests/);
    expect(merge?.sql).toMatch(/UNNEST\(@months\)/);
    expect(queries.some((q) => /INSERT INTO[\s\S]*pipeline_runs/i.test(q.sql))).toBe(true);
    expect(merge?.body.configuration?.query).toMatchObject({ maximumBytesBilled: '1000000000' });
    expect(JSON.stringify(merge?.body)).toMatch(/"component":"pipeline"/);
    expect(JSON.stringify(merge?.body)).toMatch(/2022-01-01/);
    expect(queries.some((q) => /DELETE FROM[\s\S]*mart_area_month/i.test(q.sql))).toBe(true);
    // The marts are the DuckDB build's, loaded as Parquet: BigQuery never recomputes them.
    expect(queries.some((q) => /GROUP BY|COUNTIF/i.test(q.sql))).toBe(false);
  });

  it('loads every mart the DuckDB build computed from Parquet, mart_anomaly included', () => {
    const tables = fake
      .requestsFor('jobs.insert')
      .map(
        (r) =>
          (r.body as { configuration?: { load?: { destinationTable?: { tableId?: string } } } })
            ?.configuration?.load?.destinationTable?.tableId,
      )
      .filter(Boolean);
    expect(tables).toEqual(
      expect.arrayContaining([
        'stg_fact_requests',
        'stg_fact_request_area',
        'stg_mart_area_month',
        'stg_mart_resolution_hist',
        'stg_mart_anomaly',
      ]),
    );
    const names = fake.requestsFor('objects.insert').map((r) => r.query.name ?? '');
    expect(names.some((n) => /\/mart_area_month-0000\.parquet$/.test(n))).toBe(true);
  });

  it('replaces the city’s dimension rows (dim_city, dim_area with every area) in one transaction', () => {
    const job = fake
      .requestsFor('jobs.insert')
      .map(
        (r) =>
          r.body as { configuration?: { query?: { query?: string; queryParameters?: unknown[] } } },
      )
      .find((b) => /DELETE FROM[\s\S]*dim_area/.test(b.configuration?.query?.query ?? ''));
    const sql = job?.configuration?.query?.query ?? '';
    expect(sql).toMatch(/^BEGIN TRANSACTION;/);
    expect(sql).toMatch(/INSERT INTO `atlas-test.atlas311.dim_city`/);
    const params = JSON.stringify(job?.configuration?.query?.queryParameters);
    expect(params).toContain('"Back Bay"');
    expect(params).toContain('"arrayType":{"type":"FLOAT64"}');
    const keys = (
      job?.configuration?.query?.queryParameters as {
        name: string;
        parameterValue: { arrayValues?: unknown[] };
      }[]
    ).find((p) => p.name === 'keys');
    expect(keys?.parameterValue.arrayValues).toHaveLength(26);
  });
});

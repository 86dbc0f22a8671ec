import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Storage } from '@google-cloud/storage';
import { Parser } from 'node-sql-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openBigQuery } from '@/lib/warehouse/bigquery/connection';
import {
  affectedMonthsSql,
  BigQueryTarget,
  createTableSql,
  insertRunSql,
  mergeFactRequestsSql,
  replaceMartsStatements,
  replaceRequestAreasSql,
  TABLES,
  type TableName,
} from '@/pipeline/targets/bigquery';
import { fakeAuthClient, startFakeGcp, type FakeGcp } from '@/tests/support/fake-gcp';

const ref = (table: string) => `\`p.d.${table}\``;
const parser = new Parser();
const parseBigQuery = (sql: string) => parser.astify(sql, { database: 'BigQuery' });

describe('generated BigQuery SQL', () => {
  it('parses every CREATE, DELETE, INSERT and SELECT with the BigQuery grammar', () => {
    const statements = [
      ...(Object.keys(TABLES) as TableName[]).map((t) => createTableSql(ref, t)),
      affectedMonthsSql(ref),
      ...replaceRequestAreasSql(ref),
      ...replaceMartsStatements(ref),
      insertRunSql(ref),
    ];
    for (const sql of statements) expect(() => parseBigQuery(sql), sql.slice(0, 80)).not.toThrow();
  });

  it('partitions fact_requests by month and clusters it by city and type', () => {
    const sql = createTableSql(ref, 'fact_requests');
    expect(sql).toContain('`opened` DATETIME NOT NULL');
    expect(sql).toContain('`month` DATE NOT NULL');
    expect(sql).toMatch(/PARTITION BY `month`\nCLUSTER BY `city`, `type`, `category`$/);
  });

  it('merges only the affected months and keys on city, request_id', () => {
    const sql = mergeFactRequestsSql(ref);
    expect(sql).toContain('MERGE INTO `p.d.fact_requests` AS target');
    expect(sql).toContain(
      'USING (SELECT * FROM `p.d.stg_fact_requests` WHERE city = @city) AS source',
    );
    expect(sql).toContain(
      'ON target.`city` = source.`city` AND target.`request_id` = source.`request_id` AND target.`month` IN UNNEST(@months)',
    );
    expect(sql).not.toMatch(/UPDATE SET[^\n]*`city` = source/); // keys are never updated
    // The USING subquery is plain SELECT: parse what the parser can (MERGE itself it cannot).
    expect(() =>
      parseBigQuery('SELECT * FROM `p.d.stg_fact_requests` WHERE city = @city'),
    ).not.toThrow();
  });

  it('replaces the marts from the DuckDB-built staging copies, never recomputing them', () => {
    const statements = replaceMartsStatements(ref);
    expect(statements[0]).toBe(
      'DELETE FROM `p.d.mart_area_month` WHERE city = @city AND month IN UNNEST(@months)',
    );
    expect(statements[1]).toMatch(
      /^INSERT INTO `p\.d\.mart_area_month` \(`city`, .*`res_hours_max`\) SELECT `city`, .* FROM `p\.d\.stg_mart_area_month` WHERE city = @city$/,
    );
    // mart_anomaly holds one month per city, rebuilt whole: replaced for the city.
    expect(statements).toContain('DELETE FROM `p.d.mart_anomaly` WHERE city = @city');
    for (const sql of statements) expect(sql).not.toMatch(/GROUP BY|COUNTIF|fact_requests/);
  });
});

describe('BigQueryTarget against the fake', () => {
  let fake: FakeGcp;
  let target: BigQueryTarget;
  let dir: string;

  beforeAll(async () => {
    fake = await startFakeGcp();
    const warehouse = openBigQuery(
      {
        projectId: 'test-project',
        dataset: 'atlas',
        location: 'US',
        labels: { app: 'atlas-311', component: 'pipeline' },
        apiEndpoint: fake.endpoint,
      },
      { authClient: fakeAuthClient },
    );
    const storage = new Storage({ apiEndpoint: fake.endpoint, projectId: 'test-project' });
    target = new BigQueryTarget({
      warehouse,
      storage,
      bucket: 'lake-bucket',
      resumableThreshold: 100,
    });
    dir = mkdtempSync(join(tmpdir(), 'bq-target-'));
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it('uploads lake files under lake/raw/city=<city>/ and skips unchanged ones by MD5', async () => {
    const same = join(dir, 'same.csv');
    const small = join(dir, 'small.csv');
    const big = join(dir, 'big.json');
    writeFileSync(same, 'id,type\n1,pothole\n');
    writeFileSync(small, 'id,type\n2,graffiti\n');
    writeFileSync(big, JSON.stringify({ rows: 'x'.repeat(500) }));
    fake.putObject(
      'lake-bucket',
      'lake/raw/city=toronto/same.csv',
      Buffer.from('id,type\n1,pothole\n'),
    );

    const result = await target.uploadLake('toronto', [
      { localPath: same, name: 'same.csv' },
      { localPath: small, name: 'small.csv' },
      { localPath: big, name: 'big.json' },
    ]);
    expect(result).toEqual({
      uploaded: ['lake/raw/city=toronto/small.csv', 'lake/raw/city=toronto/big.json'],
      skipped: ['lake/raw/city=toronto/same.csv'],
    });
    expect(fake.getObject('lake-bucket', 'lake/raw/city=toronto/small.csv')?.data.toString()).toBe(
      'id,type\n2,graffiti\n',
    );
    expect(
      fake.getObject('lake-bucket', 'lake/raw/city=toronto/big.json')?.data.length,
    ).toBeGreaterThan(500);
    const inserts = fake.requestsFor('objects.insert');
    expect(inserts[0]?.query.uploadType).toBe('multipart');
    expect(inserts[1]?.query.uploadType).toBe('resumable');
    expect(inserts[1]?.query.name).toBe('lake/raw/city=toronto/big.json');
  });

  it('loads Parquet from GCS into staging by a WRITE_TRUNCATE load job', async () => {
    const parquet = join(dir, 'facts.parquet');
    writeFileSync(parquet, 'PAR1fakePAR1');
    const step = await target.loadStaging('toronto', 'run-1', 'fact_requests', [parquet]);
    expect(step.step).toBe('load stg_fact_requests');
    const body = fake.requestsFor('jobs.insert')[0]?.body as {
      configuration: { load: Record<string, unknown>; labels: Record<string, string> };
      jobReference: { location: string };
    };
    const load = body.configuration.load;
    expect(load.sourceFormat).toBe('PARQUET');
    expect(load.sourceUris).toEqual([
      'gs://lake-bucket/staging/city=toronto/run=run-1/fact_requests-0000.parquet',
    ]);
    expect(load.writeDisposition).toBe('WRITE_TRUNCATE');
    expect(load.destinationTable).toEqual({
      projectId: 'test-project',
      datasetId: 'atlas',
      tableId: 'stg_fact_requests',
    });
    expect(load.timePartitioning).toEqual({ type: 'MONTH', field: 'month' });
    expect(load.clustering).toEqual({ fields: ['city', 'type', 'category'] });
    const fields = (load.schema as { fields: { name: string; type: string; mode: string }[] })
      .fields;
    expect(fields.find((f) => f.name === 'opened')).toEqual({
      name: 'opened',
      type: 'DATETIME',
      mode: 'REQUIRED',
    });
    expect(body.configuration.labels).toMatchObject({
      app: 'atlas-311',
      component: 'pipeline',
      step: 'load',
    });
    expect(body.jobReference.location).toBe('US');
    expect(
      fake.getObject('lake-bucket', 'staging/city=toronto/run=run-1/fact_requests-0000.parquet'),
    ).toBeDefined();
  });

  it('merges the affected months, rebuilds their marts and reports bytes per step', async () => {
    fake.onQuery(({ sql }) => {
      if (sql.startsWith('SELECT DISTINCT month')) {
        return {
          schema: [{ name: 'month', type: 'DATE' }],
          rows: [['2024-01-01'], ['2024-02-01']],
          totalBytesProcessed: 1000,
        };
      }
      if (sql.startsWith('MERGE'))
        return { statementType: 'MERGE', totalBytesProcessed: 50_000, numDmlAffectedRows: 12 };
      if (sql.startsWith('BEGIN')) return { statementType: 'SCRIPT', totalBytesProcessed: 70_000 };
      return { totalBytesProcessed: 0 };
    });
    const merged = await target.mergeFacts('toronto');
    expect(merged.months).toEqual(['2024-01-01', '2024-02-01']);
    expect(merged.steps.map((s) => [s.step, s.bytesProcessed])).toEqual([
      ['affected-months', 1000],
      ['merge fact_requests', 50_000],
      ['replace fact_request_area', 70_000],
    ]);
    const marts = await target.replaceMarts('toronto', merged.months);
    expect(marts.bytesProcessed).toBe(70_000);

    const queries = fake
      .requestsFor('jobs.insert')
      .map(
        (r) =>
          (r.body as { configuration: { query: { query: string; queryParameters: unknown[] } } })
            .configuration.query,
      );
    const merge = queries.find((qy) => qy.query.startsWith('MERGE'));
    expect(merge?.queryParameters).toContainEqual({
      name: 'months',
      parameterType: { type: 'ARRAY', arrayType: { type: 'DATE' } },
      parameterValue: { arrayValues: [{ value: '2024-01-01' }, { value: '2024-02-01' }] },
    });
    const script = queries.at(-1);
    expect(script?.query).toMatch(
      /^BEGIN TRANSACTION;\nDELETE FROM `test-project.atlas.mart_area_month`/,
    );
    expect(script?.query).toMatch(/COMMIT TRANSACTION;$/);
    expect(script?.query).toContain('FROM `test-project.atlas.stg_mart_resolution_hist`');
    expect(script?.queryParameters).toContainEqual({
      name: 'months',
      parameterType: { type: 'ARRAY', arrayType: { type: 'DATE' } },
      parameterValue: { arrayValues: [{ value: '2024-01-01' }, { value: '2024-02-01' }] },
    });
  });

  it('records the run with typed nulls', async () => {
    await target.recordRun({
      run_id: 'run-1',
      city: 'toronto',
      source: 'requests',
      started: '2024-03-01T12:00:00',
      finished: '2024-03-01T12:05:00',
      status: 'ok',
      rows_read: 10,
      rows_loaded: 9,
      rows_quarantined: 1,
      rows_superseded: 0,
      rows_unchanged: 0,
      months_rebuilt: 2,
      watermark: null,
      drift: null,
      error: null,
      step: null,
    });
    const query = (
      fake.requestsFor('jobs.insert')[0]?.body as {
        configuration: {
          query: {
            queryParameters: {
              name: string;
              parameterType: { type: string };
              parameterValue: { value?: unknown };
            }[];
          };
        };
      }
    ).configuration.query;
    const byName = Object.fromEntries(query.queryParameters.map((p) => [p.name, p]));
    expect(byName.error).toEqual({
      name: 'error',
      parameterType: { type: 'STRING' },
      parameterValue: { value: null },
    });
    expect(byName.rows_read?.parameterType.type).toBe('INT64');
    expect(byName.finished?.parameterType.type).toBe('DATETIME');
  });
});

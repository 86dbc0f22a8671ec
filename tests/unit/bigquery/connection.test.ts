import { BigQuery } from '@google-cloud/bigquery';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openBigQuery, type BigQueryWarehouse } from '@/lib/warehouse/bigquery/connection';
import { WarehouseError } from '@/lib/warehouse/types';
import { FAKE_TOKEN, fakeAuthClient, startFakeGcp, type FakeGcp } from '@/tests/support/fake-gcp';

let fake: FakeGcp;
let warehouse: BigQueryWarehouse;

beforeAll(async () => {
  fake = await startFakeGcp();
  warehouse = openBigQuery(
    {
      projectId: 'test-project',
      dataset: 'atlas',
      location: 'EU',
      maximumBytesBilled: '1000000000',
      labels: { app: 'atlas-311', component: 'web' },
      apiEndpoint: fake.endpoint,
    },
    // Retries back off ~1-2 s on the first attempt: keep the total short but real.
    { authClient: fakeAuthClient, retryOptions: { maxRetries: 2, totalTimeout: 20 } },
  );
});
afterAll(() => fake.close());
afterEach(() => {
  fake.requests.length = 0;
  fake.onQuery(() => undefined);
});

function lastQueryBody() {
  const request = fake.requestsFor('jobs.query').at(-1);
  expect(request).toBeDefined();
  return request?.body as Record<string, unknown>;
}

describe('query', () => {
  it('sends every positional parameter with an explicit type, nulls included', async () => {
    await warehouse.query(
      'select ? a, ? b, ? c, ? d, ? e, ? f, ? g',
      [3, 1.5, 'x', true, null, '2024-03-01', null],
      { types: [undefined, undefined, undefined, undefined, 'DATE', 'DATE', undefined] },
    );
    const body = lastQueryBody();
    expect(body.query).toBe('select ? a, ? b, ? c, ? d, ? e, ? f, ? g');
    expect(body.parameterMode).toBe('positional');
    expect(body.queryParameters).toEqual([
      { parameterType: { type: 'INT64' }, parameterValue: { value: 3 } },
      { parameterType: { type: 'FLOAT64' }, parameterValue: { value: 1.5 } },
      { parameterType: { type: 'STRING' }, parameterValue: { value: 'x' } },
      { parameterType: { type: 'BOOL' }, parameterValue: { value: true } },
      { parameterType: { type: 'DATE' }, parameterValue: { value: null } },
      { parameterType: { type: 'DATE' }, parameterValue: { value: '2024-03-01' } },
      { parameterType: { type: 'STRING' }, parameterValue: { value: null } },
    ]);
  });

  it('sends TIMESTAMP-typed parameters as declared', async () => {
    await warehouse.query('select ?', ['2024-03-05T10:00:00Z'], { types: ['TIMESTAMP'] });
    const parameters = lastQueryBody().queryParameters as { parameterType: { type: string } }[];
    expect(parameters[0]?.parameterType.type).toBe('TIMESTAMP');
  });

  it('sends location, labels, byte cap, default dataset and the ADC-style bearer token', async () => {
    await warehouse.query('select 1');
    const body = lastQueryBody();
    expect(body.location).toBe('EU');
    expect(body.labels).toEqual({ app: 'atlas-311', component: 'web' });
    expect(body.maximumBytesBilled).toBe('1000000000');
    expect(body.defaultDataset).toEqual({ projectId: 'test-project', datasetId: 'atlas' });
    expect(body.useLegacySql).toBe(false);
    expect(body.queryParameters).toBeUndefined();
    expect(fake.requestsFor('jobs.query').at(-1)?.headers.authorization).toBe(
      `Bearer ${FAKE_TOKEN}`,
    );
    expect(fake.requestsFor('jobs.query').at(-1)?.path).toBe(
      '/bigquery/v2/projects/test-project/queries',
    );
  });

  it('concatenates result pages fetched through pageToken', async () => {
    fake.onQuery(() => ({
      schema: [{ name: 'n', type: 'INT64' }],
      rows: [['1'], ['2'], ['3'], ['4'], ['5']],
      pageSize: 2,
    }));
    const rows = await warehouse.query('select n from t');
    expect(rows).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]);
    const pages = fake.requestsFor('jobs.getQueryResults');
    expect(pages.map((r) => r.query.pageToken)).toEqual(['page-2', 'page-4']);
    expect(pages[0]?.query.location).toBe('EU');
  });

  it('normalises wire values into the same JSON the DuckDB driver returns', async () => {
    fake.onQuery(() => ({
      schema: [
        { name: 'i', type: 'INT64' },
        { name: 'big', type: 'INT64' },
        { name: 'n', type: 'NUMERIC' },
        { name: 'd', type: 'DATE' },
        { name: 'dt', type: 'DATETIME' },
        { name: 'ts', type: 'TIMESTAMP' },
        { name: 'b', type: 'BOOL' },
        { name: 'f', type: 'FLOAT64' },
        { name: 'nan', type: 'FLOAT64' },
        { name: 's', type: 'STRING' },
      ],
      // TIMESTAMP comes as int64 microseconds because the client asks useInt64Timestamp.
      rows: [
        [
          '42',
          '9007199254740993',
          '2.50',
          '2024-03-01',
          '2024-03-05T10:11:12.500000',
          '1709633472500000',
          'true',
          '1.5',
          'NaN',
          null,
        ],
      ],
    }));
    const [row] = await warehouse.query('select 1');
    expect(row).toEqual({
      i: 42,
      big: '9007199254740993',
      n: 2.5,
      d: '2024-03-01',
      dt: '2024-03-05T10:11:12.500Z',
      ts: '2024-03-05T10:11:12.500Z',
      b: true,
      f: 1.5,
      nan: null,
      s: null,
    });
  });

  it('retries a 500 and then answers', async () => {
    fake.fail('jobs.query', { status: 500, reason: 'backendError' });
    fake.onQuery(() => ({ schema: [{ name: 'ok', type: 'BOOL' }], rows: [['true']] }));
    const rows = await warehouse.query('select true ok');
    expect(rows).toEqual([{ ok: true }]);
    expect(fake.requestsFor('jobs.query')).toHaveLength(2);
  });
});

describe('errors', () => {
  async function failure(): Promise<WarehouseError> {
    const error = await warehouse
      .query('select secret_column from secret_table')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseError);
    return error as WarehouseError;
  }

  it('names the missing role on 403 accessDenied', async () => {
    fake.fail('jobs.query', {
      status: 403,
      reason: 'accessDenied',
      message:
        'Access Denied: Project test-project: User does not have bigquery.jobs.create permission in project test-project.',
    });
    const error = await failure();
    expect(error.kind).toBe('permission');
    expect(error.message).toContain('bigquery.jobs.create');
    expect(error.message).toContain('roles/bigquery.jobUser');
  });

  it('names the table on 404 and points at the pipeline', async () => {
    fake.fail('jobs.query', {
      status: 404,
      reason: 'notFound',
      message: 'Not found: Table test-project:atlas.mart_area_month was not found in location EU',
    });
    const error = await failure();
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('Table test-project:atlas.mart_area_month');
    expect(error.message).toContain('--target bigquery');
  });

  it('reports quotaExceeded as quota', async () => {
    fake.fail('jobs.query', {
      status: 403,
      reason: 'quotaExceeded',
      message: 'Quota exceeded: Your project exceeded quota',
    });
    const error = await failure();
    expect(error.kind).toBe('quota');
    expect(error.message).toContain('test-project');
  });

  it('reports bytesBilledLimitExceeded with the configured cap', async () => {
    fake.fail('jobs.query', {
      status: 400,
      reason: 'bytesBilledLimitExceeded',
      message: 'Query exceeded limit for bytes billed: 1000000000. 2000000000 or higher required.',
    });
    const error = await failure();
    expect(error.kind).toBe('quota');
    expect(error.message).toContain('BIGQUERY_MAX_BYTES_BILLED (1000000000 bytes)');
  });

  it('keeps SQL out of a bad-query message', async () => {
    fake.fail('jobs.query', {
      status: 400,
      reason: 'invalidQuery',
      message: 'Unrecognized name: secret_column at [1:8]',
    });
    const error = await failure();
    expect(error.kind).toBe('bad-query');
    expect(error.message).not.toMatch(/secret/);
    expect(String((error.cause as Error).message)).toContain('secret_column');
  });
});

describe('runJob', () => {
  it('runs a job with named typed parameters and returns its statistics', async () => {
    fake.onQuery(() => ({
      statementType: 'MERGE',
      totalBytesProcessed: 12345,
      numDmlAffectedRows: 7,
    }));
    const result = await warehouse.runJob(
      'merge t using s on false when not matched then insert row',
      {
        params: { months: [BigQuery.date('2024-01-01')] },
        types: { months: ['DATE'] },
        labels: { step: 'merge' },
      },
    );
    expect(result.bytesProcessed).toBe(12345);
    expect(result.dmlAffectedRows).toBe(7);
    const insert = fake.requestsFor('jobs.insert').at(-1)?.body as {
      configuration: { labels: Record<string, string>; query: Record<string, unknown> };
      jobReference: { location: string };
    };
    expect(insert.jobReference.location).toBe('EU');
    expect(insert.configuration.labels).toEqual({
      app: 'atlas-311',
      component: 'web',
      step: 'merge',
    });
    expect(insert.configuration.query.parameterMode).toBe('named');
    expect(insert.configuration.query.queryParameters).toEqual([
      {
        name: 'months',
        parameterType: { type: 'ARRAY', arrayType: { type: 'DATE' } },
        parameterValue: { arrayValues: [{ value: '2024-01-01' }] },
      },
    ]);
    expect(insert.configuration.query.maximumBytesBilled).toBe('1000000000');
    expect(fake.requestsFor('jobs.get')).toHaveLength(1);
  });
});

describe('publishVersion', () => {
  it('reads pipeline_runs metadata through tables.get, without running a job', async () => {
    fake.setTable('atlas', 'pipeline_runs', { lastModifiedTime: '1700000000000', numRows: '4' });
    expect(await warehouse.publishVersion()).toBe('1700000000000:4');
    expect(fake.requestsFor('jobs.query')).toHaveLength(0);
    expect(fake.requestsFor('tables.get')[0]?.path).toBe(
      '/bigquery/v2/projects/test-project/datasets/atlas/tables/pipeline_runs',
    );
  });
});

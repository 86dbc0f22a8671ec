/**
 * The BigQuery target: publishes one city's run to BigQuery, with the tables of
 * pipeline/sql/schema.sql (the only column list, read by ./schema.ts) and the marts the DuckDB
 * build computed.
 *
 * 1. uploadLake: raw lake files → gs://BUCKET/lake/raw/city=<city>/<name>, skipped when an
 *    object with the same MD5 is already there (the lake is content-addressed: unchanged input,
 *    no upload).
 * 2. loadStaging: Parquet (exported by the DuckDB staging step) → gs://BUCKET/staging/… → a
 *    `stg_<table>` table by load job, WRITE_TRUNCATE (loads are free; no bytes are billed).
 * 3. mergeFacts: MERGE stg_fact_requests into fact_requests (PARTITION BY month, CLUSTER BY
 *    city, type, category), touching only the affected months' partitions; fact_request_area
 *    rows of the staged requests are replaced.
 * 4. replaceMarts: the marts the DuckDB build computed, exported as Parquet for the affected
 *    months (mart_anomaly: the city) and loaded into stg_<mart>; then DELETE and INSERT … SELECT
 *    from staging in one transaction, so the app never sees a month half replaced. BigQuery
 *    never recomputes a mart: one computation, one truth.
 * 5. recordRun: append the pipeline_runs row last; that write changes publish_version
 *    (lib/warehouse/bigquery/cache.ts), which empties the web servers' caches.
 * Each step reports the bytes its job processed, from the job statistics.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { BigQuery } from '@google-cloud/bigquery';
import type { Storage } from '@google-cloud/storage';
import type { Logger } from 'pino';
import type { BigQueryWarehouse } from '@/lib/warehouse/bigquery/connection';
import { bigqueryDialect as dialect } from '@/lib/warehouse/dialect/bigquery';
import { bigQueryColumns } from './schema';

/** Columns and BigQuery types, read from pipeline/sql/schema.sql (the only column list). */
export const FACT_REQUESTS_COLUMNS = bigQueryColumns('fact_requests');
export const FACT_REQUEST_AREA_COLUMNS = bigQueryColumns('fact_request_area');
const PIPELINE_RUNS_COLUMNS = bigQueryColumns('pipeline_runs');
export const DIM_CITY_COLUMNS = bigQueryColumns('dim_city');
export const DIM_AREA_COLUMNS = bigQueryColumns('dim_area');

export interface DimCityRow {
  city: string;
  name: string;
  kind: string;
  timezone: string;
  has_resolution: boolean;
  has_sla: boolean;
  first_month: string | null;
  last_month: string | null;
  freshness: string | null;
  rows_loaded: number;
}

export interface DimAreaRow {
  level: string;
  area_key: string;
  area_name: string;
  population: number | null;
}

/**
 * Replace one city's dimension rows in one transaction. Areas travel as parallel arrays (query
 * parameters cannot be arrays of structs with NULLs, so a missing population is sent as -1).
 */
export function replaceDimensionsSql(ref: (table: string) => string): string {
  return transaction([
    `DELETE FROM ${ref('dim_city')} WHERE city = @city`,
    `INSERT INTO ${ref('dim_city')} (city, name, kind, timezone, has_resolution, has_sla, first_month, last_month, freshness, rows_loaded)
VALUES (@city, @name, @kind, @timezone, @has_resolution, @has_sla, @first_month, @last_month, @freshness, @rows_loaded)`,
    `DELETE FROM ${ref('dim_area')} WHERE city = @city`,
    `INSERT INTO ${ref('dim_area')} (city, level, area_key, area_name, population)
SELECT @city, @levels[OFFSET(i)], @keys[OFFSET(i)], @names[OFFSET(i)], NULLIF(@populations[OFFSET(i)], -1)
FROM UNNEST(GENERATE_ARRAY(0, ARRAY_LENGTH(@keys) - 1)) AS i`,
  ]);
}

type Columns = readonly (readonly [string, string])[];

/** Table layouts: partition by month where the table has one, cluster by the dashboard filters. */
export const TABLES = {
  fact_requests: {
    columns: FACT_REQUESTS_COLUMNS,
    partitionBy: 'month',
    clusterBy: ['city', 'type', 'category'],
  },
  // No month here: cluster on the join key the marts and the replace step use.
  fact_request_area: { columns: FACT_REQUEST_AREA_COLUMNS, clusterBy: ['city', 'request_id'] },
  mart_area_month: {
    columns: bigQueryColumns('mart_area_month'),
    partitionBy: 'month',
    clusterBy: ['city', 'level', 'area_key', 'type'],
  },
  mart_resolution_hist: {
    columns: bigQueryColumns('mart_resolution_hist'),
    partitionBy: 'month',
    clusterBy: ['city', 'level', 'area_key', 'type'],
  },
  // The tested month only, rebuilt whole for the city on every run.
  mart_anomaly: {
    columns: bigQueryColumns('mart_anomaly'),
    clusterBy: ['city', 'level', 'dimension'],
  },
  pipeline_runs: { columns: PIPELINE_RUNS_COLUMNS, clusterBy: ['city'] },
  dim_city: { columns: DIM_CITY_COLUMNS, clusterBy: ['city'] },
  dim_area: { columns: DIM_AREA_COLUMNS, clusterBy: ['city', 'level'] },
} as const satisfies Record<
  string,
  { columns: Columns; partitionBy?: string; clusterBy: readonly string[] }
>;
export type TableName = keyof typeof TABLES;

const q = (name: string) => dialect.quoteIdent(name);
const names = (columns: Columns) => columns.map(([name]) => name);

/** `CREATE TABLE IF NOT EXISTS` with the contract's columns, partitioning and clustering. */
export function createTableSql(ref: (table: string) => string, table: TableName): string {
  const layout: { columns: Columns; partitionBy?: string; clusterBy: readonly string[] } =
    TABLES[table];
  return [
    `CREATE TABLE IF NOT EXISTS ${ref(table)} (`,
    layout.columns.map(([name, type]) => `  ${q(name)} ${type}`).join(',\n'),
    ')',
    layout.partitionBy ? `PARTITION BY ${q(layout.partitionBy)}` : '',
    `CLUSTER BY ${layout.clusterBy.map(q).join(', ')}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The months a staged batch touches: its own, plus the months its requests had before (an
 * `opened` correction moves a request between months, and both must be rebuilt). The join reads
 * fact_requests' city, request_id and month columns for the city: no partition can be skipped
 * because we do not know the old months yet.
 */
export function affectedMonthsSql(ref: (table: string) => string): string {
  return `SELECT DISTINCT month
FROM (
  SELECT source.month FROM ${ref('stg_fact_requests')} AS source WHERE source.city = @city
  UNION ALL
  SELECT target.month
  FROM ${ref('fact_requests')} AS target
  JOIN ${ref('stg_fact_requests')} AS source ON target.city = source.city AND target.request_id = source.request_id
  WHERE target.city = @city
)
ORDER BY month`;
}

export function mergeFactRequestsSql(ref: (table: string) => string): string {
  return dialect.mergeUpsert({
    target: ref('fact_requests'),
    source: `(SELECT * FROM ${ref('stg_fact_requests')} WHERE city = @city)`,
    keys: ['city', 'request_id'],
    columns: names(FACT_REQUESTS_COLUMNS),
    // A constant list on the partition column: BigQuery scans only these partitions of target.
    targetFilter: `target.${q('month')} IN UNNEST(@months)`,
  });
}

/** Replace the area rows of every staged request (a moved point can leave an area). */
export function replaceRequestAreasSql(ref: (table: string) => string): string[] {
  const cols = names(FACT_REQUEST_AREA_COLUMNS).map(q).join(', ');
  return [
    `DELETE FROM ${ref('fact_request_area')} WHERE city = @city AND request_id IN (SELECT request_id FROM ${ref('stg_fact_requests')} WHERE city = @city)`,
    `INSERT INTO ${ref('fact_request_area')} (${cols}) SELECT ${cols} FROM ${ref('stg_fact_request_area')} WHERE city = @city`,
  ];
}

/** The marts BigQuery receives, built by the DuckDB pipeline and loaded from its Parquet. */
export const MART_TABLES = ['mart_area_month', 'mart_resolution_hist', 'mart_anomaly'] as const;
export type MartTable = (typeof MART_TABLES)[number];

/** Marts with a month column are replaced for the affected months; the others for the city. */
const MONTHLY: Record<MartTable, boolean> = {
  mart_area_month: true,
  mart_resolution_hist: true,
  mart_anomaly: false,
};

/**
 * The marts replaced from their staged copies (stg_<mart>, loaded from the DuckDB build's
 * Parquet), statement by statement (run as one transaction by replaceMarts). One computation,
 * one truth: BigQuery never recomputes a mart.
 */
export function replaceMartsStatements(ref: (table: string) => string): string[] {
  const statements: string[] = [];
  for (const table of MART_TABLES) {
    const cols = names(TABLES[table].columns).map(q).join(', ');
    statements.push(
      `DELETE FROM ${ref(table)} WHERE city = @city${MONTHLY[table] ? ' AND month IN UNNEST(@months)' : ''}`,
    );
    statements.push(
      `INSERT INTO ${ref(table)} (${cols}) SELECT ${cols} FROM ${ref(`stg_${table}`)} WHERE city = @city`,
    );
  }
  return statements;
}

export function insertRunSql(ref: (table: string) => string): string {
  const cols = names(PIPELINE_RUNS_COLUMNS);
  return `INSERT INTO ${ref('pipeline_runs')} (${cols.map(q).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`;
}

export interface PipelineRun {
  run_id: string;
  city: string;
  source: string;
  /** Local wall-clock ISO timestamps, like every contract timestamp. */
  started: string;
  finished: string | null;
  status: string;
  rows_read: number;
  rows_loaded: number;
  rows_quarantined: number;
  rows_superseded: number;
  rows_unchanged: number;
  months_rebuilt: number;
  watermark: string | null;
  drift: string | null;
  error: string | null;
  /** Failed runs: the step that failed. */
  step: string | null;
}

export interface StepReport {
  step: string;
  jobId?: string;
  bytesProcessed: number;
  bytesBilled: number;
  detail?: string;
}

export interface LakeFile {
  /** Path on this machine. */
  localPath: string;
  /** Name under lake/raw/city=<city>/, e.g. `source=requests/2024.csv`. */
  name: string;
}

export interface BigQueryTargetOptions {
  warehouse: BigQueryWarehouse;
  storage: Storage;
  bucket: string;
  log?: Logger;
  /** Files at least this large go by resumable upload (the client's own default is 5 MiB). */
  resumableThreshold?: number;
}

const fileMd5 = (data: Buffer) => createHash('md5').update(data).digest('base64');
const bqDates = (months: readonly string[]) => months.map((m) => BigQuery.date(m.slice(0, 10)));

export class BigQueryTarget {
  private readonly ref: (table: string) => string;
  private readonly labels = { component: 'pipeline' };

  constructor(private readonly options: BigQueryTargetOptions) {
    this.ref = (table) => options.warehouse.tableRef(table);
  }

  /** Upload raw files to lake/raw/city=<city>/; skip any whose object has the same MD5. */
  async uploadLake(city: string, files: readonly LakeFile[]) {
    const uploaded: string[] = [];
    const skipped: string[] = [];
    for (const file of files) {
      const destination = `lake/raw/city=${city}/${file.name}`;
      const data = await readFile(file.localPath);
      const object = this.options.storage.bucket(this.options.bucket).file(destination);
      const existing = await object.getMetadata().then(
        ([metadata]) => metadata.md5Hash,
        (error: { code?: number }) => {
          if (error.code === 404) return undefined;
          throw error;
        },
      );
      if (existing === fileMd5(data)) {
        skipped.push(destination);
        continue;
      }
      const { size } = await stat(file.localPath);
      await this.options.storage.bucket(this.options.bucket).upload(file.localPath, {
        destination,
        resumable: size >= (this.options.resumableThreshold ?? 5 * 1024 * 1024),
        validation: 'md5',
      });
      uploaded.push(destination);
    }
    this.options.log?.info(
      { city, uploaded: uploaded.length, skipped: skipped.length },
      'lake uploaded',
    );
    return { uploaded, skipped };
  }

  async ensureTables(): Promise<StepReport> {
    let bytes = 0;
    for (const table of Object.keys(TABLES) as TableName[]) {
      const result = await this.options.warehouse.runJob(createTableSql(this.ref, table), {
        labels: this.labels,
      });
      bytes += result.bytesProcessed;
    }
    return { step: 'ensure-tables', bytesProcessed: bytes, bytesBilled: 0 };
  }

  /** Upload Parquet to staging/city=<city>/run=<run>/ and load it into stg_<table>, replacing it. */
  async loadStaging(
    city: string,
    runId: string,
    table: 'fact_requests' | 'fact_request_area' | MartTable,
    parquetFiles: readonly string[],
  ): Promise<StepReport> {
    const uris: string[] = [];
    for (const [i, localPath] of parquetFiles.entries()) {
      const destination = `staging/city=${city}/run=${runId}/${table}-${String(i).padStart(4, '0')}.parquet`;
      await this.options.storage
        .bucket(this.options.bucket)
        .upload(localPath, { destination, resumable: false, validation: 'md5' });
      uris.push(`gs://${this.options.bucket}/${destination}`);
    }
    const layout: { columns: Columns; partitionBy?: string; clusterBy: readonly string[] } =
      TABLES[table];
    const { client, config } = this.options.warehouse;
    const [job] = await client.createJob({
      configuration: {
        labels: { ...config.labels, ...this.labels, step: 'load' },
        load: {
          sourceUris: uris,
          sourceFormat: 'PARQUET',
          destinationTable: {
            projectId: config.projectId,
            datasetId: config.dataset,
            tableId: `stg_${table}`,
          },
          // Staging holds this run's batch only.
          writeDisposition: 'WRITE_TRUNCATE',
          createDisposition: 'CREATE_IF_NEEDED',
          // An explicit schema: DuckDB writes zone-less TIMESTAMPs, which must land as DATETIME.
          schema: {
            fields: layout.columns.map(([name, type]) => ({
              name,
              type: type.replace(' NOT NULL', ''),
              mode: type.endsWith('NOT NULL') ? 'REQUIRED' : 'NULLABLE',
            })),
          },
          ...(layout.partitionBy
            ? { timePartitioning: { type: 'MONTH', field: layout.partitionBy } }
            : {}),
          clustering: { fields: [...layout.clusterBy] },
        },
      },
      location: config.location,
    });
    await job.promise();
    const response: unknown[] = await job.getMetadata();
    const stats = (response[0] as { statistics?: { load?: { outputRows?: string } } }).statistics;
    return {
      step: `load stg_${table}`,
      jobId: String(job.id),
      bytesProcessed: 0, // load jobs are not billed by bytes
      bytesBilled: 0,
      detail: `${uris.length} file(s), ${stats?.load?.outputRows ?? '?'} rows`,
    };
  }

  /** MERGE the staged requests; returns the affected months and a report per step. */
  async mergeFacts(city: string): Promise<{ months: string[]; steps: StepReport[] }> {
    const { warehouse } = this.options;
    const cityParam = { params: { city }, types: { city: 'STRING' }, labels: this.labels };
    const found = await warehouse.runJob(affectedMonthsSql(this.ref), cityParam);
    const months = found.rows.map((row) => String(row.month).slice(0, 10));
    const steps: StepReport[] = [report('affected-months', found)];
    if (!months.length) return { months, steps };
    const withMonths = {
      params: { city, months: bqDates(months) },
      types: { city: 'STRING', months: ['DATE'] },
      labels: this.labels,
    };
    steps.push(
      report(
        'merge fact_requests',
        await warehouse.runJob(mergeFactRequestsSql(this.ref), withMonths),
      ),
    );
    const areas = replaceRequestAreasSql(this.ref);
    steps.push(
      report('replace fact_request_area', await warehouse.runJob(transaction(areas), cityParam)),
    );
    return { months, steps };
  }

  /** Replace the marts' affected months (mart_anomaly: the city) from staging, in one transaction. */
  async replaceMarts(city: string, months: readonly string[]): Promise<StepReport> {
    const result = await this.options.warehouse.runJob(
      transaction(replaceMartsStatements(this.ref)),
      {
        params: { city, months: bqDates(months) },
        types: { city: 'STRING', months: ['DATE'] },
        labels: this.labels,
      },
    );
    return report('replace marts', result);
  }

  async recordRun(run: PipelineRun): Promise<StepReport> {
    const types = Object.fromEntries(
      PIPELINE_RUNS_COLUMNS.map(([name, type]) => [name, type.replace(' NOT NULL', '')]),
    );
    const params = Object.fromEntries(
      Object.entries(run).map(([key, value]) => [
        key,
        value !== null && (key === 'started' || key === 'finished')
          ? BigQuery.datetime(String(value))
          : value,
      ]),
    );
    const result = await this.options.warehouse.runJob(insertRunSql(this.ref), {
      params,
      types,
      labels: this.labels,
    });
    return report('record run', result);
  }

  /** dim_city and dim_area for one city, replaced in one transaction. */
  async replaceDimensions(city: DimCityRow, areas: readonly DimAreaRow[]): Promise<StepReport> {
    const result = await this.options.warehouse.runJob(replaceDimensionsSql(this.ref), {
      params: {
        ...city,
        first_month: city.first_month ? BigQuery.date(city.first_month.slice(0, 10)) : null,
        last_month: city.last_month ? BigQuery.date(city.last_month.slice(0, 10)) : null,
        levels: areas.map((a) => a.level),
        keys: areas.map((a) => a.area_key),
        names: areas.map((a) => a.area_name),
        populations: areas.map((a) => a.population ?? -1),
      },
      types: {
        first_month: 'DATE',
        last_month: 'DATE',
        freshness: 'STRING',
        rows_loaded: 'INT64',
        levels: ['STRING'],
        keys: ['STRING'],
        names: ['STRING'],
        populations: ['FLOAT64'],
      },
      labels: this.labels,
    });
    return report('replace dimensions', result);
  }

  /** The whole publish for one city's run. */
  async publish(input: {
    run: PipelineRun;
    lakeFiles: readonly LakeFile[];
    factParquet: readonly string[];
    areaParquet: readonly string[];
    /** The DuckDB build's mart rows of the months BigQuery's merge touched, as Parquet. */
    martParquet(months: readonly string[]): Promise<Record<MartTable, readonly string[]>>;
  }): Promise<StepReport[]> {
    const { run } = input;
    const steps: StepReport[] = [];
    const lake = await this.uploadLake(run.city, input.lakeFiles);
    steps.push({
      step: 'upload lake',
      bytesProcessed: 0,
      bytesBilled: 0,
      detail: `${lake.uploaded.length} uploaded, ${lake.skipped.length} unchanged`,
    });
    steps.push(await this.ensureTables());
    steps.push(await this.loadStaging(run.city, run.run_id, 'fact_requests', input.factParquet));
    steps.push(
      await this.loadStaging(run.city, run.run_id, 'fact_request_area', input.areaParquet),
    );
    const merged = await this.mergeFacts(run.city);
    steps.push(...merged.steps);
    if (merged.months.length) {
      const marts = await input.martParquet(merged.months);
      for (const table of MART_TABLES)
        steps.push(await this.loadStaging(run.city, run.run_id, table, marts[table]));
      steps.push(await this.replaceMarts(run.city, merged.months));
    }
    steps.push(await this.recordRun({ ...run, months_rebuilt: merged.months.length }));
    for (const step of steps) this.options.log?.info(step, 'bigquery step');
    return steps;
  }
}

function report(
  step: string,
  result: { jobId: string; bytesProcessed: number; bytesBilled: number },
): StepReport {
  return {
    step,
    jobId: result.jobId,
    bytesProcessed: result.bytesProcessed,
    bytesBilled: result.bytesBilled,
  };
}

/** A multi-statement script that commits all or nothing. */
export function transaction(statements: readonly string[]): string {
  return ['BEGIN TRANSACTION;', ...statements.map((s) => `${s};`), 'COMMIT TRANSACTION;'].join(
    '\n',
  );
}

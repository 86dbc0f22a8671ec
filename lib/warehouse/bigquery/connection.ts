/**
 * BigQuery driver. `openBigQuery(config)` returns a `Warehouse` whose `query()` runs one
 * statement through jobs.query (the client's fast path; it falls back to jobs.insert +
 * getQueryResults and pages through pageToken itself), with:
 * - positional `?` parameters sent with an explicit type each (see type-mapping.ts),
 * - the dataset as default dataset, so SQL names tables unqualified as with DuckDB,
 * - the dataset's location, the `maximumBytesBilled` cap and job labels on every job.
 * `runJob()` is for the pipeline: DML/DDL as a job, waited for, with its statistics.
 * Authentication is Application Default Credentials; `authClient` exists for tests only.
 */
import { BigQuery, type BigQueryOptions, type Query } from '@google-cloud/bigquery';
import type { Param, Row, Warehouse } from '../types';
import { checkLabels, type BigQueryConfig } from './config';
import { translateBigQueryError } from './enrich-error';
import { normalizeRows } from './normalize-rows';
import { paramTypes, wireValue, type BigQueryParamType } from './type-mapping';

export interface QueryOptions {
  /** BigQuery types per position; needed for a NULL that is not a STRING (see type-mapping.ts). */
  types?: readonly (BigQueryParamType | undefined)[];
}

/** Named parameters for pipeline jobs: `@months` etc., with explicit types. */
export interface JobOptions {
  params?: Record<string, unknown>;
  types?: Record<string, string | string[]>;
  labels?: Record<string, string>;
}

export interface JobResult {
  jobId: string;
  rows: Row[];
  /** From the job's statistics: what the step scanned and what it would bill on demand. */
  bytesProcessed: number;
  bytesBilled: number;
  statementType?: string;
  dmlAffectedRows?: number;
}

export interface BigQueryWarehouse extends Warehouse {
  readonly dialect: 'bigquery';
  readonly client: BigQuery;
  readonly config: BigQueryConfig;
  query<T extends Row = Row>(
    sql: string,
    params?: readonly Param[],
    options?: QueryOptions,
  ): Promise<T[]>;
  runJob(sql: string, options?: JobOptions): Promise<JobResult>;
  /** `project.dataset.table` in backticks, for SQL the pipeline writes. */
  tableRef(table: string): string;
  /** The publish marker (see cache.ts): pipeline_runs' last modification, from tables.get. */
  publishVersion(): Promise<string>;
}

interface JobMetadata {
  statistics?: {
    query?: {
      totalBytesProcessed?: string;
      totalBytesBilled?: string;
      statementType?: string;
      numDmlAffectedRows?: string;
    };
  };
}

export interface ClientDeps {
  /** Tests only: an auth client that hands out a fake token. Production uses ADC. */
  authClient?: unknown;
  retryOptions?: BigQueryOptions['retryOptions'];
}

export function createBigQueryClient(config: BigQueryConfig, deps: ClientDeps = {}): BigQuery {
  return new BigQuery({
    projectId: config.projectId,
    location: config.location,
    ...(config.apiEndpoint ? { apiEndpoint: config.apiEndpoint } : {}),
    ...(deps.authClient ? { authClient: deps.authClient as BigQueryOptions['authClient'] } : {}),
    ...(deps.retryOptions ? { retryOptions: deps.retryOptions } : {}),
  });
}

export function openBigQuery(config: BigQueryConfig, deps: ClientDeps = {}): BigQueryWarehouse {
  const labels = checkLabels(config.labels);
  const client = createBigQueryClient(config, deps);
  const context = {
    projectId: config.projectId,
    dataset: config.dataset,
    location: config.location,
    maximumBytesBilled: config.maximumBytesBilled,
  };
  const base = {
    location: config.location,
    labels,
    defaultDataset: { projectId: config.projectId, datasetId: config.dataset },
    useLegacySql: false,
    ...(config.maximumBytesBilled ? { maximumBytesBilled: config.maximumBytesBilled } : {}),
  };

  return {
    dialect: 'bigquery',
    client,
    config,
    async query<T extends Row = Row>(
      sql: string,
      params: readonly Param[] = [],
      options: QueryOptions = {},
    ) {
      const request: Query = { ...base, query: sql };
      if (params.length) {
        const types = paramTypes(params, options.types);
        request.params = params.map((value, i) => wireValue(value, types[i] ?? 'STRING'));
        request.types = types;
      }
      try {
        // wrapIntegers: INT64 arrives as exact digits; normalize-rows decides number vs string.
        const [rows] = await client.query({ ...request, wrapIntegers: true, parseJSON: false });
        return normalizeRows(rows as Record<string, unknown>[]) as T[];
      } catch (error) {
        throw translateBigQueryError(error, context);
      }
    },
    async runJob(sql: string, options: JobOptions = {}) {
      try {
        const [job] = await client.createQueryJob({
          ...base,
          query: sql,
          labels: { ...labels, ...options.labels },
          ...(options.params ? { params: options.params, types: options.types } : {}),
        });
        const [rows] = await job.getQueryResults({ wrapIntegers: true, parseJSON: false });
        const response: unknown[] = await job.getMetadata();
        const stats = (response[0] as JobMetadata).statistics?.query ?? {};
        return {
          jobId: String(job.id),
          rows: normalizeRows(rows as Record<string, unknown>[]),
          bytesProcessed: Number(stats.totalBytesProcessed ?? 0),
          bytesBilled: Number(stats.totalBytesBilled ?? 0),
          statementType: stats.statementType,
          dmlAffectedRows:
            stats.numDmlAffectedRows === undefined ? undefined : Number(stats.numDmlAffectedRows),
        };
      } catch (error) {
        throw translateBigQueryError(error, context);
      }
    },
    tableRef(table: string) {
      return `\`${config.projectId}.${config.dataset}.${table}\``;
    },
    async publishVersion() {
      try {
        const response: unknown[] = await client
          .dataset(config.dataset)
          .table('pipeline_runs')
          .getMetadata();
        const metadata = response[0] as { lastModifiedTime?: string; numRows?: string };
        return `${metadata.lastModifiedTime ?? '0'}:${metadata.numRows ?? '0'}`;
      } catch (error) {
        throw translateBigQueryError(error, context);
      }
    },
    close() {
      // The client holds no sockets of its own beyond the shared agent: nothing to release.
      return Promise.resolve();
    },
  };
}

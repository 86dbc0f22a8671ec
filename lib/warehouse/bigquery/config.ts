/**
 * The BigQuery driver's settings, taken from the environment lib/env.ts parsed (zod), so a
 * missing variable fails loudly with its name. Credentials are never configured here: the clients use
 * Application Default Credentials (a service account on Cloud Run/GCE, or
 * `gcloud auth application-default login` on a laptop), never a key file.
 */
import type { ServerEnv } from '../../env';

export const COMPONENTS = ['web', 'pipeline'] as const;
export type Component = (typeof COMPONENTS)[number];

export interface BigQueryConfig {
  projectId: string;
  dataset: string;
  /** Dataset location (`US`, `EU`, `northamerica-northeast1`); every job runs there. */
  location: string;
  /** Per-job cap on billed bytes, as a decimal string (INT64 in the REST API). */
  maximumBytesBilled?: string;
  /** Job labels, for billing reports: app=atlas-311, component=web|pipeline. */
  labels: Record<string, string>;
  /** Only for tests and emulators: `http://127.0.0.1:PORT`. */
  apiEndpoint?: string;
}

const LABEL = /^[a-z][a-z0-9_-]{0,62}$/;

/** The env values the driver reads; lib/env.ts parses and defaults them once. */
export type BigQueryEnv = Pick<
  ServerEnv,
  'BIGQUERY_PROJECT' | 'BIGQUERY_DATASET' | 'BIGQUERY_LOCATION' | 'BIGQUERY_MAX_BYTES_BILLED'
>;

export function bigQueryConfigFromEnv(
  env: BigQueryEnv,
  component: Component,
  apiEndpoint?: string,
): BigQueryConfig {
  if (!env.BIGQUERY_PROJECT)
    throw new Error('BIGQUERY_PROJECT is required when WAREHOUSE=bigquery.');
  return {
    projectId: env.BIGQUERY_PROJECT,
    dataset: env.BIGQUERY_DATASET,
    location: env.BIGQUERY_LOCATION,
    maximumBytesBilled: String(env.BIGQUERY_MAX_BYTES_BILLED),
    labels: { app: 'atlas-311', component },
    ...(apiEndpoint ? { apiEndpoint } : {}),
  };
}

/** Label keys/values must be lowercase, ≤63 chars; a bad one would fail every job. */
export function checkLabels(labels: Record<string, string>): Record<string, string> {
  for (const [key, value] of Object.entries(labels)) {
    if (!LABEL.test(key) || (value !== '' && !/^[a-z0-9_-]{1,63}$/.test(value))) {
      throw new Error(
        `Invalid BigQuery label ${key}=${value}: lowercase letters, digits, _ and - only.`,
      );
    }
  }
  return labels;
}

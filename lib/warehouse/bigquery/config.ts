/**
 * The BigQuery driver's settings, parsed once from the environment by zod so a missing
 * variable fails loudly with its name. Credentials are never configured here: the clients use
 * Application Default Credentials (a service account on Cloud Run/GCE, or
 * `gcloud auth application-default login` on a laptop), never a key file.
 */
import { z } from 'zod';

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

const envSchema = z.object({
  BIGQUERY_PROJECT: z.string().min(1, 'BIGQUERY_PROJECT is required when WAREHOUSE=bigquery'),
  BIGQUERY_DATASET: z
    .string()
    .regex(/^\w{1,1024}$/, 'BIGQUERY_DATASET must be letters, digits and underscores')
    .default('atlas_311'),
  BIGQUERY_LOCATION: z.string().min(1).default('US'),
  BIGQUERY_MAX_BYTES_BILLED: z
    .string()
    .regex(/^\d+$/, 'BIGQUERY_MAX_BYTES_BILLED must be a whole number of bytes')
    .optional(),
  BIGQUERY_API_ENDPOINT: z.url().optional(),
});

export function bigQueryConfigFromEnv(
  env: Record<string, string | undefined>,
  component: Component,
): BigQueryConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `BigQuery settings: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ')}`,
    );
  }
  const e = parsed.data;
  return {
    projectId: e.BIGQUERY_PROJECT,
    dataset: e.BIGQUERY_DATASET,
    location: e.BIGQUERY_LOCATION,
    maximumBytesBilled: e.BIGQUERY_MAX_BYTES_BILLED,
    labels: { app: 'atlas-311', component },
    apiEndpoint: e.BIGQUERY_API_ENDPOINT,
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

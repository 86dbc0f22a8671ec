/**
 * Every BigQuery/GCS failure is translated here, once, into a `WarehouseError` whose message
 * says what to do. Vendor messages can quote the SQL ("Syntax error: Unexpected keyword … at
 * [3:7]"), so they stay on `cause` for the server log; the message only carries identifiers
 * we already know (project, dataset, a permission or table name parsed from the error).
 */
import { WarehouseError } from '../types';

export interface ErrorContext {
  projectId: string;
  dataset: string;
  location?: string;
  /** The configured byte cap, named in the quota message. */
  maximumBytesBilled?: string;
}

interface VendorError {
  code?: number | string;
  message?: string;
  errors?: { reason?: string; message?: string }[];
}

/** The IAM role that grants a missing permission (only the ones this app needs). */
const ROLE_FOR_PERMISSION: [RegExp, string][] = [
  [/^bigquery\.jobs\.create$/, 'roles/bigquery.jobUser on the project'],
  [
    /^bigquery\.(tables\.(getData|get|list)|datasets\.get)$/,
    'roles/bigquery.dataViewer on the dataset',
  ],
  [
    /^bigquery\.(tables\.(create|update|updateData|delete)|datasets\.update)$/,
    'roles/bigquery.dataEditor on the dataset',
  ],
  [/^storage\.objects\.(get|list)$/, 'roles/storage.objectViewer on the bucket'],
  [/^storage\.objects\.(create|delete|update)$/, 'roles/storage.objectAdmin on the bucket'],
];

function reasons(error: VendorError): string[] {
  return (error.errors ?? []).map((e) => e.reason ?? '').filter(Boolean);
}

function vendorText(error: VendorError): string {
  return [error.message ?? '', ...(error.errors ?? []).map((e) => e.message ?? '')].join(' ');
}

export function translateBigQueryError(error: unknown, context: ErrorContext): WarehouseError {
  if (error instanceof WarehouseError) return error;
  const vendor: VendorError = typeof error === 'object' && error !== null ? error : {};
  const code = Number(vendor.code);
  const why = reasons(vendor);
  const text = vendorText(vendor);
  const where = `${context.projectId}:${context.dataset}`;
  const fail = (message: string, kind: WarehouseError['kind']) =>
    new WarehouseError(message, kind, { cause: error });

  if (/Could not load the default credentials|Unable to detect a Project Id/i.test(text)) {
    return fail(
      'No Google credentials were found: run `gcloud auth application-default login`, or run on a ' +
        'service account (Cloud Run, GCE) with roles/bigquery.jobUser and roles/bigquery.dataViewer.',
      'permission',
    );
  }
  if (why.includes('bytesBilledLimitExceeded')) {
    const cap = context.maximumBytesBilled ? ` (${context.maximumBytesBilled} bytes)` : '';
    return fail(
      `The query would scan more than BIGQUERY_MAX_BYTES_BILLED${cap}: narrow the date range or ` +
        'filters, or raise the limit.',
      'quota',
    );
  }
  if (
    why.some((r) =>
      /quotaExceeded|rateLimitExceeded|billingNotEnabled|billingTierLimitExceeded/.test(r),
    )
  ) {
    return fail(
      `BigQuery quota or rate limit reached in project ${context.projectId}: wait and retry, or ` +
        'raise the quota in the Cloud console (IAM & Admin → Quotas).',
      'quota',
    );
  }
  if (code === 401 || code === 403 || why.includes('accessDenied')) {
    // "User does not have bigquery.jobs.create permission in project p." → name the role.
    const permission = /\b((?:bigquery|storage)\.[a-zA-Z]+\.[a-zA-Z]+)\b/.exec(text)?.[1];
    const role =
      permission && ROLE_FOR_PERMISSION.find(([pattern]) => pattern.test(permission))?.[1];
    const missing = permission ? `is missing ${permission}` : 'was denied access';
    const grant = role
      ? `grant ${role}`
      : 'grant roles/bigquery.jobUser on the project and roles/bigquery.dataViewer on the dataset';
    return fail(
      `The Google service account ${missing} (dataset ${where}): ${grant}.`,
      'permission',
    );
  }
  if (code === 404 || why.includes('notFound')) {
    // "Not found: Table p:d.t was not found in location US": a name, safe to repeat.
    const thing = /Not found: ((?:Table|Dataset|Job) [\w.:-]+)/.exec(text)?.[1];
    const located = context.location ? ` in location ${context.location}` : '';
    return fail(
      `${thing ?? `Dataset ${where} or a table in it`} was not found${located}: check BIGQUERY_PROJECT, ` +
        'BIGQUERY_DATASET and BIGQUERY_LOCATION, or run `npm run pipeline -- --target bigquery` first.',
      'not-found',
    );
  }
  if (why.some((r) => r === 'invalidQuery' || r === 'invalid') || code === 400) {
    return fail(
      'The query could not run on BigQuery (invalid query: see the server log).',
      'bad-query',
    );
  }
  if (code >= 500 || why.some((r) => /backendError|internalError/.test(r))) {
    return fail('BigQuery is unavailable right now: retry in a minute.', 'unavailable');
  }
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN/.test(text)) {
    return fail(
      'BigQuery could not be reached from this server: check the network.',
      'unavailable',
    );
  }
  return fail('BigQuery failed to answer.', 'unknown');
}

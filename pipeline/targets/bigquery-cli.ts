/** `--target bigquery`: wired to pipeline/targets/bigquery.ts once credentials are configured. */
export function runBigQueryTarget(_options: unknown): Promise<number> {
  console.error(
    'pipeline: --target bigquery is not wired in this build yet (see docs/bigquery.md).',
  );
  return Promise.resolve(2);
}

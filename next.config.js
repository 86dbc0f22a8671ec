// Next.js configuration. DuckDB is a native module: it must stay out of every bundle.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: [
    '@duckdb/node-api',
    '@google-cloud/bigquery',
    '@google-cloud/storage',
    'pino',
  ],
  // The server reads config/ and data/ at run time by path. Keep the built warehouse, the lake
  // and benchmark files (gigabytes) out of output file tracing, which would otherwise read them.
  outputFileTracingExcludes: {
    '*': ['data/bench/**', 'data/lake/**', 'data/tmp/**', 'data/*.duckdb*', 'test-results/**'],
  },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;

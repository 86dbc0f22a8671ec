// Next.js configuration. DuckDB is a native module: it must stay out of every bundle.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: [
    '@duckdb/node-api',
    '@google-cloud/bigquery',
    '@google-cloud/storage',
    'pino',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;

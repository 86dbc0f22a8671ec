// Next.js configuration. DuckDB is a native module: it must stay out of every bundle.
// Static files (the build's chunks, boundaries, the map worker, the favicon) get the same
// nosniff / referrer / permissions headers as pages, and a CSP that lets them load nothing;
// pages and API routes get theirs, with a per-request nonce, from proxy.ts.

import createNextIntlPlugin from 'next-intl/plugin';

/** next-intl reads the request's language and catalogue from i18n/request.ts. */
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** Keep in step with COMMON_SECURITY_HEADERS in lib/server/security-headers.ts. */
const COMMON_SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
  },
];

const STATIC_PATHS = [
  '/_next/static/:path*',
  '/_next/image/:path*',
  '/geojson/:path*',
  '/maplibre-gl-worker.mjs',
  '/favicon.ico',
  '/icon.svg',
];

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
  headers() {
    return Promise.resolve(
      STATIC_PATHS.map((source) => ({
        source,
        headers: [
          ...COMMON_SECURITY_HEADERS,
          // A worker's own CSP governs what it fetches: boundaries and (optionally) basemap tiles.
          {
            key: 'Content-Security-Policy',
            value:
              source === '/maplibre-gl-worker.mjs'
                ? `default-src 'self'; connect-src 'self'${basemapOrigin()}`
                : "default-src 'none'; frame-ancestors 'none'",
          },
        ],
      })),
    );
  },
};

function basemapOrigin() {
  try {
    const url = process.env.NEXT_PUBLIC_BASEMAP_STYLE_URL;
    return url ? ` ${new URL(url).origin}` : '';
  } catch {
    return '';
  }
}

export default withNextIntl(nextConfig);

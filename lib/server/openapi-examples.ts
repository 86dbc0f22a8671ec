/**
 * Live example answers for the OpenAPI document and /docs/api: each documented route's handler
 * run on its example request against the published warehouse, arrays longer than four shortened
 * to three items. Kept per published warehouse (lib/server/warehouse-identity.ts). A route that
 * cannot answer (no warehouse yet) simply has no example.
 */
import 'server-only';
import { API_ROUTES, buildOpenApi, exampleUrl, type ExampleAnswers } from '@/lib/api/openapi';
import { publishedIdentity } from './warehouse-identity';
import { GET as anomalies } from '@/app/api/anomalies/route';
import { GET as area } from '@/app/api/area/route';
import { GET as breakdown } from '@/app/api/breakdown/route';
import { GET as choropleth } from '@/app/api/choropleth/route';
import { GET as options } from '@/app/api/choropleth/options/route';
import { GET as cities } from '@/app/api/cities/route';
import { GET as heatmap } from '@/app/api/heatmap/route';
import { GET as patterns } from '@/app/api/patterns/route';
import { GET as resolution } from '@/app/api/resolution/route';
import { GET as status } from '@/app/api/status/route';
import { GET as trends } from '@/app/api/trends/route';

/** The handler of every documented route, by path (a test checks none is missing). */
export const ROUTE_HANDLERS: Record<string, (request: Request) => Promise<Response>> = {
  '/api/anomalies': anomalies,
  '/api/area': area,
  '/api/breakdown': breakdown,
  '/api/choropleth': choropleth,
  '/api/choropleth/options': options,
  '/api/cities': cities,
  '/api/heatmap': heatmap,
  '/api/patterns': patterns,
  '/api/resolution': resolution,
  '/api/status': status,
  '/api/trends': trends,
};

/** Arrays past four items cut to three, so an example stays readable. */
export function shorten(value: unknown): unknown {
  if (Array.isArray(value)) return (value.length > 4 ? value.slice(0, 3) : value).map(shorten);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v)]));
  }
  return value;
}

export async function liveExamples(origin = 'http://localhost'): Promise<ExampleAnswers> {
  const answers = await Promise.all(
    API_ROUTES.map(async (route) => {
      const handler = ROUTE_HANDLERS[route.path];
      if (!handler) return [route.path, undefined] as const;
      const response = await handler(new Request(`${origin}${exampleUrl(route)}`));
      if (!response.ok) return [route.path, undefined] as const;
      return [route.path, shorten(await response.json())] as const;
    }),
  );
  return Object.fromEntries(answers.filter(([, body]) => body !== undefined));
}

const globalForDoc = globalThis as unknown as {
  atlasOpenApi?: { identity: string; doc: ReturnType<typeof buildOpenApi> };
};

/** The document with live examples, built once per published warehouse. */
export async function openApiDocument(): Promise<ReturnType<typeof buildOpenApi>> {
  const identity = publishedIdentity()?.id ?? null;
  const cached = globalForDoc.atlasOpenApi;
  if (identity && cached?.identity === identity) return cached.doc;
  const doc = buildOpenApi({ examples: await liveExamples() });
  if (identity) globalForDoc.atlasOpenApi = { identity, doc };
  return doc;
}

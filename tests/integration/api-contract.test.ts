/**
 * The public API's contract on a warehouse built by the real pipeline (Toronto, San Francisco
 * and Seattle, whose sample has anomaly flags): every documented route's real answer passes its zod answer schema exactly (no
 * field missing, none undocumented), the OpenAPI 3.1 document generated from those schemas is
 * valid for an OpenAPI validator, documents every route under app/api with 200, 400, 429 and
 * 503 (and 404 where a route can answer it) and examples, and its error examples are what the
 * routes really answer.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { Validator } from '@seriousme/openapi-schema-validator';
import { z } from 'zod';
import { API_ROUTES, ERROR_EXAMPLES, exampleUrl } from '@/lib/api/openapi';
import { RESPONSE_SCHEMAS } from '@/lib/api/response-schemas';
import type * as Examples from '@/lib/server/openapi-examples';
import { buildAppWarehouse, type AppWarehouse } from '../support/app-warehouse';
import { ROOT } from '../support/pipeline';

let app: AppWarehouse;
let live: typeof Examples;

beforeAll(async () => {
  app = await buildAppWarehouse(['toronto', 'san-francisco', 'seattle']);
  process.env.DUCKDB_PATH = app.box.warehouse;
  live = await import('@/lib/server/openapi-examples');
}, 300_000);
afterAll(async () => {
  await app?.close();
});

async function call(url: string): Promise<{ status: number; body: unknown }> {
  const pathname = url.split('?')[0]!;
  const handler = live.ROUTE_HANDLERS[pathname];
  if (!handler) throw new Error(`no handler for ${pathname}`);
  const response = await handler(new Request(`http://localhost${url}`));
  return { status: response.status, body: await response.json() };
}

function schemaOf(names: readonly (keyof typeof RESPONSE_SCHEMAS)[]): z.ZodType {
  const schemas = names.map((name) => RESPONSE_SCHEMAS[name]);
  return schemas.length === 1 ? schemas[0]! : z.union(schemas as unknown as [z.ZodType, z.ZodType]);
}

/** Route paths under app/api, from the folders holding a route.ts. */
function apiRoutePaths(dir = path.join(ROOT, 'app', 'api'), prefix = '/api'): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === 'route.ts') found.push(prefix);
    if (entry.isDirectory()) {
      found.push(...apiRoutePaths(path.join(dir, entry.name), `${prefix}/${entry.name}`));
    }
  }
  return found;
}

describe('API answers and their schemas', () => {
  it("each documented route's example answer passes its schema exactly", async () => {
    for (const route of API_ROUTES) {
      const { status, body } = await call(exampleUrl(route));
      expect(status, `${exampleUrl(route)}: ${JSON.stringify(body)}`).toBe(200);
      // Parsing strips unknown keys: equality means no field goes undocumented.
      expect(schemaOf(route.responses).parse(body), route.path).toEqual(body);
    }
  });

  it('the other shapes of the union answers pass too', async () => {
    const urls: [string, keyof typeof RESPONSE_SCHEMAS][] = [
      ['/api/resolution?city=toronto&level=ward', 'ResolutionResponse'],
      [
        '/api/resolution?city=san-francisco&level=district&estimateType=Graffiti',
        'ResolutionEstimateResponse',
      ],
      ['/api/breakdown?city=san-francisco&level=district&dimension=channel', 'BreakdownResponse'],
      ['/api/heatmap?city=toronto&level=ward&mode=season&rankType=Graffiti', 'HeatmapResponse'],
      ['/api/anomalies?city=san-francisco&level=_city', 'AnomaliesResponse'],
      ['/api/status', 'StatusResponse'],
    ];
    for (const [url, name] of urls) {
      const { status, body } = await call(url);
      expect(status, url).toBe(200);
      expect(RESPONSE_SCHEMAS[name].parse(body), url).toEqual(body);
    }
    const toronto = await call('/api/resolution?city=toronto&level=ward');
    expect(toronto.body).toMatchObject({ available: false, reason: 'no-closing-dates' });
  });

  it('compare= and duplicates=merged answers pass their schemas, the new fields present', async () => {
    const toronto = 'city=toronto&level=ward&from=2025-01-01&to=2025-12-31';
    const sf = 'city=san-francisco&level=district&from=2019-01-01&to=2019-06-30';
    // Each URL, its schema and fields its answer must hold (so the schema of each is exercised).
    const urls: [string, keyof typeof RESPONSE_SCHEMAS, string[]][] = [
      [
        `/api/choropleth?${toronto}&metric=per_1000&compare=previous&duplicates=merged`,
        'ChoroplethResponse',
        ['compare.periodBreaks', 'areas.0.compare.baselineCount', 'duplicates.problems'],
      ],
      [
        `/api/choropleth?${sf}&compare=last_year`,
        'ChoroplethResponse',
        ['compare.label', 'areas.0.compare.tooFew', 'duplicates.sentence'],
      ],
      [
        `/api/trends?${toronto}&compare=previous&duplicates=merged`,
        'TrendsResponse',
        ['compare.baseline.monthInfo', 'compare.baseline.points'],
      ],
      [
        `/api/breakdown?${toronto}&compare=last_year`,
        'BreakdownResponse',
        ['compare.baseline.rows'],
      ],
      [
        `/api/breakdown?${sf}&dimension=channel&compare=previous`,
        'BreakdownResponse',
        ['compare.baseline.rows.0.channel'],
      ],
      [
        `/api/resolution?${sf}&limit=3&compare=previous&duplicates=merged`,
        'ResolutionResponse',
        ['compare.baseline.summary.closed'],
      ],
      [
        `/api/area?${toronto}&area=10&compare=previous`,
        'AreaProfileResponse',
        ['compare.baseline.figures'],
      ],
      [`/api/patterns?${sf}&duplicates=merged`, 'PatternsResponse', ['rows.6.counts.23']],
      [`/api/heatmap?${toronto}&duplicates=merged`, 'HeatmapResponse', ['rows.0.cells']],
    ];
    // Seattle's sample has flagged areas: the map marks them and the flags name their period.
    urls.push(
      ['/api/choropleth?city=seattle&level=precinct', 'ChoroplethResponse', ['unusual.month']],
      [
        '/api/anomalies?city=seattle&level=precinct&limit=100',
        'AnomaliesResponse',
        ['week', 'flags.0.period', 'flags.0.periodStart'],
      ],
    );
    for (const [url, name, fields] of urls) {
      const { status, body } = await call(url);
      expect(status, `${url}: ${JSON.stringify(body)}`).toBe(200);
      expect(RESPONSE_SCHEMAS[name].parse(body), url).toEqual(body);
      for (const field of fields) expect(body, `${url} ${field}`).toHaveProperty(field);
      if (url.includes('duplicates=merged') && name === 'ChoroplethResponse') {
        expect(body).toHaveProperty('duplicates.mode', 'merged');
      }
    }
    const seattle = await call('/api/choropleth?city=seattle&level=precinct');
    const areas = (seattle.body as { areas: { unusual?: string[] }[] }).areas;
    expect(areas.some((area) => area.unusual?.length)).toBe(true);
  });

  it('error answers are the documented ones and pass the error schema', async () => {
    const bad = await call('/api/choropleth?city=toronto&level=ward&metric=bogus');
    expect(bad).toEqual({ status: 400, body: ERROR_EXAMPLES[400] });
    const unknown = await call('/api/choropleth?city=atlantis&level=ward');
    expect(unknown).toEqual({ status: 404, body: ERROR_EXAMPLES[404] });
    for (const answer of [bad.body, unknown.body, ERROR_EXAMPLES[429], ERROR_EXAMPLES[503]]) {
      expect(RESPONSE_SCHEMAS.ApiError.parse(answer)).toEqual(answer);
    }
  });
});

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document of every route, with examples that pass the schemas', async () => {
    const route = await import('@/app/api/openapi.json/route');
    const response = await route.GET(new Request('http://localhost/api/openapi.json'));
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<
        string,
        {
          get: {
            responses: Record<string, { content: Record<string, { example?: unknown }> }>;
          };
        }
      >;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');

    // Every route folder under app/api is documented, and nothing else is.
    expect(Object.keys(doc.paths).sort()).toEqual(apiRoutePaths().sort());
    for (const [pathname, item] of Object.entries(doc.paths)) {
      const codes = Object.keys(item.get.responses);
      for (const code of ['200', '400', '429', '503']) expect(codes, pathname).toContain(code);
      for (const [code, answer] of Object.entries(item.get.responses)) {
        if (pathname === '/api/openapi.json' && code === '200') continue;
        const example = answer.content['application/json']?.example;
        expect(example, `${pathname} ${code}`).toBeDefined();
        if (code !== '200') expect(RESPONSE_SCHEMAS.ApiError.parse(example)).toEqual(example);
      }
    }
    for (const routeDoc of API_ROUTES) {
      const example =
        doc.paths[routeDoc.path]!.get.responses['200']!.content['application/json']!.example;
      expect(schemaOf(routeDoc.responses).parse(example), routeDoc.path).toEqual(example);
      expect(Object.keys(doc.paths[routeDoc.path]!.get.responses)).toContain(
        routeDoc.notFound ? '404' : '200',
      );
    }
    // Every view route documents compare= and duplicates= with their values.
    const parameters = (pathname: string) =>
      (doc.paths[pathname]!.get as unknown as { parameters: { name: string; schema: unknown }[] })
        .parameters;
    for (const routeDoc of API_ROUTES.filter((r) => r.view !== 'none')) {
      const byName = new Map(parameters(routeDoc.path).map((p) => [p.name, p.schema]));
      expect(byName.get('compare'), routeDoc.path).toMatchObject({
        enum: ['previous', 'last_year'],
      });
      expect(byName.get('duplicates'), routeDoc.path).toMatchObject({ enum: ['kept', 'merged'] });
    }
    // Every $ref points at a schema the document holds.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.split('/').at(-1)!], ref).toBeDefined();
    }
  });
});

/**
 * The OpenAPI 3.1 document of the public API, generated from the zod schemas the routes parse
 * their parameters with (the view: lib/view/schema.ts; each route's own: lib/api/params.ts) and
 * the answer schemas of lib/api/response-schemas.ts, through zod 4's z.toJSONSchema (JSON Schema
 * 2020-12, OpenAPI 3.1's dialect). Pure: GET /api/openapi.json adds live example answers, and
 * /docs/api renders the same document.
 */
import { z } from 'zod';
import { rateLimitedText } from './texts';
import { RESPONSE_SCHEMAS } from './response-schemas';
import {
  anomaliesParams,
  areaParams,
  breakdownParams,
  heatmapParams,
  patternsParams,
  resolutionParams,
  statusParams,
  trendsParams,
} from './params';
import { UNEXPECTED_ERROR } from './route';
import { viewShape } from '@/lib/view/schema';

type JsonSchema = Record<string, unknown>;
export type SchemaName = keyof typeof RESPONSE_SCHEMAS;

export interface RouteDoc {
  path: string;
  summary: string;
  description: string;
  /** Which view parameters the route reads before its own. */
  view: 'none' | 'view' | 'view-level-optional' | 'view-area-required';
  /** Whether `compare=` adds the baseline period's figures to the answer (else it is ignored). */
  compares?: boolean;
  own?: z.ZodObject;
  responses: SchemaName[];
  /** Whether the route can answer 404 (an unknown city, level or area, or no data yet). */
  notFound: boolean;
  /** The example request (query parameters) the docs show and the examples are taken from. */
  example: Record<string, string>;
}

const EXAMPLE_VIEW = { city: 'toronto', level: 'ward', from: '2025-01-01', to: '2025-12-31' };

export const API_ROUTES: readonly RouteDoc[] = [
  {
    path: '/api/cities',
    summary: 'Cities',
    description: 'Every configured city: its levels, metrics, months loaded and attribution.',
    view: 'none',
    responses: ['CitiesResponse'],
    notFound: false,
    example: {},
  },
  {
    path: '/api/choropleth',
    summary: 'Areas of a view',
    description:
      "Each area's value of the view's metric over its range and filters, with class breaks, the city total and the requests with no usable location.",
    view: 'view',
    compares: true,
    responses: ['ChoroplethResponse'],
    notFound: true,
    example: { ...EXAMPLE_VIEW, metric: 'per_1000' },
  },
  {
    path: '/api/choropleth/options',
    summary: 'Filter values',
    description:
      'The values each filter can take in the view’s range, with their counts, and which levels have located data there. `level` defaults to the city’s first.',
    view: 'view-level-optional',
    responses: ['FilterOptionsResponse'],
    notFound: true,
    example: { city: 'toronto', from: '2025-01-01', to: '2025-12-31' },
  },
  {
    path: '/api/trends',
    summary: 'Monthly trend',
    description: 'Requests per month by category, with gaps, partial and outlier months marked.',
    view: 'view',
    compares: true,
    own: trendsParams,
    responses: ['TrendsResponse'],
    notFound: true,
    example: { ...EXAMPLE_VIEW, maxCategories: '4' },
  },
  {
    path: '/api/heatmap',
    summary: 'Types by month or season',
    description: 'The top types in scope by month of year (or season), and the busiest by season.',
    view: 'view',
    own: heatmapParams,
    responses: ['HeatmapResponse'],
    notFound: true,
    example: { ...EXAMPLE_VIEW, topN: '5' },
  },
  {
    path: '/api/patterns',
    summary: 'Weekday and hour',
    description:
      'Requests by weekday and hour of opening in the city’s local time, the busiest window, day and hour; requests from months published with dates only are counted apart (`untimed`).',
    view: 'view',
    own: patternsParams,
    responses: ['PatternsResponse'],
    notFound: true,
    example: EXAMPLE_VIEW,
  },
  {
    path: '/api/breakdown',
    summary: 'Types or channels',
    description: 'Requests by type (within category) or by intake channel.',
    view: 'view',
    compares: true,
    own: breakdownParams,
    responses: ['BreakdownResponse'],
    notFound: true,
    example: { ...EXAMPLE_VIEW, dimension: 'type' },
  },
  {
    path: '/api/resolution',
    summary: 'Time to close',
    description:
      'The distribution of time to close, its summary (median, 90th percentile, on-time share) by type and category; with `estimateType`, the typical time to close one type instead.',
    view: 'view',
    compares: true,
    own: resolutionParams,
    responses: ['ResolutionResponse', 'ResolutionEstimateResponse'],
    notFound: true,
    example: {
      city: 'san-francisco',
      level: 'district',
      from: '2019-01-01',
      to: '2019-06-30',
      limit: '3',
    },
  },
  {
    path: '/api/area',
    summary: 'Area profile',
    description:
      "One area's figures against the city's, its top types and its monthly trend. `area` is required.",
    view: 'view-area-required',
    compares: true,
    own: areaParams,
    responses: ['AreaProfileResponse'],
    notFound: true,
    example: { ...EXAMPLE_VIEW, area: '10' },
  },
  {
    path: '/api/anomalies',
    summary: 'Unusual types',
    description:
      'Areas whose last complete month (and, where the data is daily, last complete week) is unusually high for a type or category against its seasonal expectation (Poisson test, Benjamini–Hochberg corrected within each period). Each flag names its `period` and `periodStart`.',
    view: 'none',
    own: anomaliesParams,
    responses: ['AnomaliesResponse'],
    notFound: false,
    example: { city: 'toronto', level: 'ward', limit: '3' },
  },
  {
    path: '/api/status',
    summary: 'Pipeline status',
    description:
      'Per city: the last run and last successful publish, rows loaded, quarantined and unmapped, months covered and whether the data is stale.',
    view: 'none',
    own: statusParams,
    responses: ['StatusResponse'],
    notFound: false,
    example: { city: 'toronto' },
  },
];

const TO_JSON = { target: 'draft-2020-12', unrepresentable: 'any' } as const;

function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/** The response schemas as components, refs between them pointing into the document. */
export function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(RESPONSE_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    ...TO_JSON,
    io: 'output',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => [id, clean(schema as JsonSchema)]),
  );
}

interface Parameter {
  name: string;
  in: 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

function parametersOf(shape: Record<string, z.ZodType>, required: Set<string>): Parameter[] {
  return Object.entries(shape).map(([name, schema]) => {
    const json = clean(z.toJSONSchema(schema, { ...TO_JSON, io: 'input' }));
    const { description, ...rest } = json;
    return {
      name,
      in: 'query' as const,
      required: required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

/** Typed by the view's keys: a new view parameter without its words fails to compile. */
const VIEW_DESCRIPTIONS: Record<keyof typeof viewShape.shape, string> = {
  city: 'City id (GET /api/cities lists them).',
  level: 'Level id of the city, such as ward.',
  metric: 'The measure each area is coloured by.',
  classification: 'How class breaks are drawn.',
  classes: 'Number of classes.',
  from: 'First day of the range (defaults to a year before the last complete month).',
  to: 'Last day of the range (defaults to the end of the last complete month).',
  type: 'Types to keep, comma-separated.',
  category: 'Categories to keep, comma-separated.',
  channel: 'Intake channels to keep, comma-separated.',
  division: 'Divisions to keep, comma-separated.',
  status: 'Only open or only closed requests.',
  area: 'An area key of the level.',
  hotspots: '1 marks areas with clearly more requests than their population predicts.',
  compare:
    'Compare with the period before the range (previous) or the same months a year earlier (last_year): the answer adds `compare`, the baseline period’s figures and the change.',
  duplicates:
    'kept (the default) counts every request; merged counts each problem once, its duplicate reports merged into it.',
};

const NOT_COMPARED =
  'Accepted but ignored here: this route answers the range itself, with no baseline period.';

function routeParameters(route: RouteDoc): Parameter[] {
  const view: Parameter[] =
    route.view === 'none'
      ? []
      : parametersOf(
          viewShape.shape,
          new Set([
            'city',
            ...(route.view === 'view-level-optional' ? [] : ['level']),
            ...(route.view === 'view-area-required' ? ['area'] : []),
          ]),
        ).map((p) => ({
          ...p,
          description:
            p.name === 'compare' && !route.compares
              ? NOT_COMPARED
              : VIEW_DESCRIPTIONS[p.name as keyof typeof VIEW_DESCRIPTIONS],
        }));
  const ownShape = (route.own?.shape ?? {}) as Record<string, z.ZodType>;
  const ownRequired = new Set(
    Object.entries(ownShape)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .map(([name]) => name),
  );
  return [...view, ...parametersOf(ownShape, ownRequired)];
}

/** An example answer for each route, by path (live answers, arrays shortened). */
export type ExampleAnswers = Partial<Record<string, unknown>>;

/** Example error answers, worded as the API words them. */
export const ERROR_EXAMPLES = {
  400: {
    error:
      'metric must be one of count, per_1000, median_days, p90_days, on_time_pct, still_open, change_pct.',
    parameter: 'metric',
  },
  404: {
    error:
      'There is no city "atlantis" (known cities: boston, minneapolis, san-francisco, seattle, toronto).',
    parameter: 'city',
  },
  429: { error: rateLimitedText(300, 12) },
  503: { error: UNEXPECTED_ERROR },
} as const;

export function exampleUrl(route: RouteDoc): string {
  const query = new URLSearchParams(route.example).toString();
  return query ? `${route.path}?${query}` : route.path;
}

const errorResponse = (description: string, example: unknown, headers?: JsonSchema) => ({
  description,
  ...(headers ? { headers } : {}),
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/ApiError' },
      example,
    },
  },
});

const CORS_HEADER = {
  'Access-Control-Allow-Origin': {
    description: 'Any site may read the answer (no credentials).',
    schema: { type: 'string', const: '*' },
  },
};

export function buildOpenApi(options: { examples?: ExampleAnswers; version?: string } = {}) {
  const paths: Record<string, unknown> = {};
  for (const route of API_ROUTES) {
    const [first, ...more] = route.responses;
    const schema = more.length
      ? { oneOf: route.responses.map((name) => ({ $ref: `#/components/schemas/${name}` })) }
      : { $ref: `#/components/schemas/${first}` };
    const example = options.examples?.[route.path];
    const responses: Record<string, unknown> = {
      200: {
        description: `${route.summary}. Example: GET ${exampleUrl(route)}`,
        headers: CORS_HEADER,
        content: {
          'application/json': { schema, ...(example === undefined ? {} : { example }) },
        },
      },
      400: errorResponse(
        'A parameter is not valid or not known: the answer names it.',
        ERROR_EXAMPLES[400],
      ),
      ...(route.notFound
        ? {
            404: errorResponse(
              'The city, level or area the request names does not exist, or no data has been loaded for it yet.',
              ERROR_EXAMPLES[404],
            ),
          }
        : {}),
      429: errorResponse(
        'Too many requests from this client: the per-client limit (API_RATE_LIMIT a minute) is spent.',
        ERROR_EXAMPLES[429],
        {
          'Retry-After': {
            description: 'Seconds until the client may try again.',
            schema: { type: 'integer', minimum: 1 },
          },
        },
      ),
      503: errorResponse(
        'The warehouse could not answer just now; nothing about the request is wrong.',
        ERROR_EXAMPLES[503],
      ),
    };
    paths[route.path] = {
      get: {
        operationId: route.path.slice('/api/'.length).replaceAll('/', '_'),
        summary: route.summary,
        description: route.description,
        parameters: routeParameters(route),
        responses,
      },
    };
  }
  paths['/api/openapi.json'] = {
    get: {
      operationId: 'openapi',
      summary: 'This document',
      description: 'The OpenAPI 3.1 document of this API, with live example answers.',
      parameters: [],
      responses: {
        200: {
          description: 'The document.',
          headers: CORS_HEADER,
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        400: errorResponse('The document takes no parameters.', {
          error: 'Unknown parameter "x".',
          parameter: 'x',
        }),
        429: errorResponse('Too many requests from this client.', ERROR_EXAMPLES[429]),
        503: errorResponse('The document could not be built just now.', ERROR_EXAMPLES[503]),
      },
    },
  };
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Atlas 311 API',
      version: options.version ?? '1',
      summary: 'Figures of city 311 service requests by area, type, month and time to close.',
      description:
        'Read-only JSON over GET. Any site may call it (CORS: Access-Control-Allow-Origin *, no credentials). Each client may make API_RATE_LIMIT requests a minute (300 unless configured); past it the answer is 429 with Retry-After. Answers carry the source attribution of each city; cite it.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: componentSchemas() },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApi>;

/**
 * A city is data: this zod schema is the contract every `config/cities/<id>.json` meets.
 * It names the city's sources, how each published layout maps onto the canonical record,
 * its area levels with their boundary files, and which metrics it can support.
 */
import { z } from 'zod';
import { CHANNELS } from '@/lib/categories';

/** Date formats of the known export tools: ISO, then US 12- and 24-hour text. */
export const DEFAULT_DATE_FORMATS = [
  'iso8601',
  '%m/%d/%Y %I:%M:%S %p',
  '%m/%d/%Y %I:%M %p',
  '%m/%d/%Y %H:%M:%S',
  '%m/%d/%Y %H:%M',
  '%m/%d/%Y',
] as const;

/** Identifiers that end up in SQL are checked against this shape as well as allowlists. */
const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower_snake_case identifier');
const slug = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-kebab-case id');

/** How one canonical field is read from a source column. */
export const fieldMappingSchema = z.object({
  /** Source column name exactly as published (checked against the file's header). */
  column: z.string().min(1),
  /** Optional regular expression; its first capture group is the value. */
  extract: z.string().optional(),
  /** strptime formats tried in order, for timestamps. Absent: ISO 8601. */
  formats: z.array(z.string()).optional(),
  /** Values mapped before use (e.g. "ONTIME" → "true"). */
  map: z.record(z.string(), z.string()).optional(),
  /** Remove leading zeros from a numeric key ("05" → "5", "5.0" → "5"). */
  integerKey: z.boolean().optional(),
});
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

/** Fields of the canonical record a layout can fill. `opened` is required of every layout. */
export const CANONICAL_FIELDS = [
  'request_id',
  'opened',
  'closed',
  'updated',
  'status',
  'type',
  'subtype',
  /** The city's own grouping of the type (Boston reason, Seattle offense_category): categories come from it. */
  'group',
  /** A finer level of the group (Toronto Section, SF service_subtype). */
  'subgroup',
  /** Older name of `group`, still accepted. */
  'category',
  'division',
  'section',
  'channel',
  'latitude',
  'longitude',
  'sla_target',
  'on_time',
  'x',
  'y',
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

export const layoutSchema = z.object({
  id: slug,
  format: z.enum(['csv', 'json']),
  /** Columns that identify this layout from a file's header (all must be present). */
  signature: z.array(z.string()).min(1),
  /** JSON only: dotted path to the records array (e.g. "features"), and per-record prefix. */
  recordsPath: z.string().optional(),
  recordPrefix: z.string().optional(),
  /**
   * Toronto since 2022: fields are not quoted, so a value with a comma splits the row. Known
   * comma-containing values are protected before splitting; a row still one field too long has
   * the comma in `fallbackColumn` (the Division, per the portal's own notes). Anything else is
   * quarantined, never skipped.
   */
  repair: z
    .object({
      kind: z.literal('unquoted-commas'),
      knownValues: z.array(z.string().includes(',')),
      fallbackColumn: z.string(),
    })
    .optional(),
  fields: z.partialRecord(z.enum(CANONICAL_FIELDS), fieldMappingSchema),
  /**
   * Columns whose values identify a request when the layout has no id (Toronto). The id is a
   * hash of them plus the occurrence number, so a status update replaces the earlier version.
   */
  naturalKey: z.array(z.string()).optional(),
  /** Time zone of epoch timestamps (ArcGIS sends UTC epoch milliseconds). */
  epochTimezone: z.string().optional(),
  /** Area keys read straight from a column, by level id. Other levels come from a spatial join. */
  areas: z.record(identifier, fieldMappingSchema).default({}),
  /** Status values that mean the request is closed (after trimming, case-insensitive). */
  closedStatuses: z.array(z.string()).default([]),
  /** Status values that mean the record is void (cancelled, duplicate, test) and is quarantined. */
  voidStatuses: z.array(z.string()).default([]),
  /**
   * Other columns whose values mark a void record (Seattle's NOT_A_CRIME, SF's duplicates),
   * compared case-insensitively after trimming. Void rows are quarantined with their reason.
   */
  voidValues: z.record(z.string(), z.array(z.string())).default({}),
  /**
   * Columns that may hold both coordinates in one text, as other export tools write them:
   * `(lat, lon)`, WKT `POINT (lon lat)`, or Socrata's `{'latitude': …, 'longitude': …}`. Used
   * when the latitude/longitude columns are absent or empty.
   */
  pointColumns: z.array(z.string()).default([]),
  /**
   * Per level, columns holding the area's key or name (a district number, a neighbourhood name),
   * used for rows without usable coordinates; levels read from `areas` do not need them.
   */
  areaColumns: z.record(identifier, z.array(z.string())).default({}),
  /** Coordinates in a projected system that must be converted: EPSG code. */
  projection: z.enum(['EPSG:4326', 'EPSG:3857', 'EPSG:26915']).default('EPSG:4326'),
});
export type Layout = z.infer<typeof layoutSchema>;

/**
 * How an area's key or name is read from one boundary feature: a property (or, without one, the
 * TopoJSON geometry id), optionally without zero padding, looked up in `map`, or put into
 * `template` at `{}`.
 */
export const areaFieldSchema = z.object({
  property: z.string().min(1).optional(),
  /** "001" → "1": the number without leading zeros. */
  integer: z.boolean().optional(),
  /** Values replaced by these (others pass through), e.g. a precinct code → its name. */
  map: z.record(z.string(), z.string()).optional(),
  /** e.g. "District {}". */
  template: z.string().includes('{}').optional(),
});
export type AreaField = z.infer<typeof areaFieldSchema>;

/** Where `npm run boundaries` finds a level's areas in the shared data, and how to read them. */
export const boundarySourceSchema = z.object({
  /** Path relative to the shared data folder (GeoJSON or TopoJSON). */
  file: z.string().min(1),
  /** TopoJSON only: the object holding the areas. */
  topoObject: z.string().optional(),
  key: areaFieldSchema,
  name: areaFieldSchema,
  /** Visvalingam: share of removable vertices kept in the browser file (100 = not simplified). */
  keepPercent: z.number().positive().max(100),
  /** How the key relates to the 311 data, for docs/boundaries.md. */
  note: z.string().optional(),
});
export type BoundarySourceConfig = z.infer<typeof boundarySourceSchema>;

/** Where `npm run boundaries` finds a level's population table in the shared data. */
export const populationSourceSchema = z.object({
  file: z.string().min(1),
  /** Column holding the area key (leading zeros and ".0" dropped), and the population column. */
  keyColumn: z.string().min(1),
  populationColumn: z.string().min(1),
  /** Optional second key column checked against the boundary's area_name. */
  nameColumn: z.string().optional(),
  /** Rows whose figure is not this area's own (a parent's figure copied in): skipped. */
  notOwnFigure: z.record(z.string(), z.string()).optional(),
  /** How the table is matched, for docs/boundaries.md. */
  note: z.string(),
});
export type PopulationSourceConfig = z.infer<typeof populationSourceSchema>;

export const levelSchema = z.object({
  id: identifier,
  label: z.string().min(1),
  /**
   * `<city>/<level>`: public/geojson/<city>/<level>.geojson (simplified) and
   * data/boundaries/<city>/<level>.geojson (full resolution), both with string properties
   * `area_key` and `area_name` (scripts/build-boundaries.ts writes them).
   */
  boundary: z.string().regex(/^[a-z0-9-]+\/[a-z0-9_]+$/),
  /** Full-resolution boundary file relative to the repository, when not the default above. */
  boundaryFile: z.string().optional(),
  expectedAreas: z.number().int().positive(),
  /** data/reference/<city>/<level>-population.csv (area_key,population) exists. */
  hasPopulation: z.boolean(),
  /** Population table relative to the repository, when not the default above. */
  populationFile: z.string().optional(),
  /** What `npm run boundaries` builds this level from (absent: the files are maintained by hand). */
  boundarySource: boundarySourceSchema.optional(),
  populationSource: populationSourceSchema.optional(),
});
export type Level = z.infer<typeof levelSchema>;

const httpSourceBase = z.object({
  id: slug,
  layouts: z.array(slug).min(1),
  /** Hosts besides the configured URL's that the adapter may fetch from or be redirected to. */
  hosts: z.array(z.string().min(1)).optional(),
  /** Cap on one response body in bytes (default 512 MiB). */
  maxResponseBytes: z.number().int().positive().optional(),
});

export const sourceSchema = z.discriminatedUnion('kind', [
  httpSourceBase.extend({
    kind: z.literal('ckan'),
    baseUrl: z.url(),
    packageId: z.string(),
    /** Regex on resource names; the first group is the year. */
    resourcePattern: z.string(),
  }),
  httpSourceBase.extend({
    kind: z.literal('socrata'),
    baseUrl: z.url(),
    datasetId: z.string().regex(/^[a-z0-9]{4}-[a-z0-9]{4}$/),
    updatedField: z.string(),
    orderField: z.string(),
    pageSize: z.number().int().positive().default(50_000),
  }),
  httpSourceBase.extend({
    kind: z.literal('arcgis'),
    /** With `{year}` in it: one FeatureServer layer per year. */
    serviceUrlTemplate: z.url(),
    firstYear: z.number().int(),
    updatedField: z.string(),
    pageSize: z.number().int().positive().max(2000).default(1000),
  }),
  httpSourceBase.extend({
    kind: z.literal('open311'),
    baseUrl: z.url(),
    windowDays: z.number().int().positive().max(90).default(90),
  }),
  httpSourceBase.extend({
    kind: z.literal('file'),
    /** Local path or URL. */
    location: z.string(),
  }),
]);
export type SourceConfig = z.infer<typeof sourceSchema>;

export const sampleSchema = z.object({
  /** Path relative to the repo root. */
  path: z.string(),
  layout: slug,
});

/** The words a city's records are counted in (requests and types, incidents and offences). */
export const nounsSchema = z.object({
  one: z.string().min(1),
  many: z.string().min(1),
  type: z.string().min(1),
  types: z.string().min(1),
});
export type CityNouns = z.infer<typeof nounsSchema>;

/** How requests are grouped into problems (pipeline/sql/intermediate/int_request_problem.sql). */
export const duplicateRuleSchema = z.object({
  /** Two requests of one type at most this far apart (metres) can be one problem. */
  distanceMeters: z.number().positive().max(1000),
  /** … and opened at most this many hours apart. */
  windowHours: z
    .number()
    .positive()
    .max(24 * 28),
});
export type DuplicateRule = z.infer<typeof duplicateRuleSchema>;

export const DEFAULT_DUPLICATE_RULE: DuplicateRule = { distanceMeters: 50, windowHours: 72 };

export const duplicatesSchema = duplicateRuleSchema
  .extend({
    /** Per type (the city's own type name): its own distance and window. */
    types: z.record(z.string().min(1), duplicateRuleSchema).default({}),
  })
  .default({ ...DEFAULT_DUPLICATE_RULE, types: {} });

export const cityConfigSchema = z.object({
  /** The city's id: the config file is `<id>.json`. Any number of cities, none named in code. */
  id: slug,
  name: z.string(),
  /** What the city publishes: 311 service requests or police incidents (crime). */
  kind: z.enum(['311', 'crime']),
  nouns: nounsSchema,
  /**
   * Records without a lifecycle (police incidents): none is open or closed, every record gets
   * this status. Absent: the status comes from the layout and its closedStatuses.
   */
  fixedStatus: z.string().min(1).optional(),
  timezone: z.string(),
  /** Records opened before this date are quarantined: the system did not exist yet. */
  systemStart: z.iso.date(),
  /** [west, south, east, north]: coordinates outside are unusable. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  view: z.object({ longitude: z.number(), latitude: z.number(), zoom: z.number() }),
  metrics: z.object({
    /** Closing dates exist, so resolution time can be computed. */
    resolution: z.boolean(),
    /** A service-level target exists (target date or on-time flag). */
    sla: z.boolean(),
  }),
  levels: z.array(levelSchema).min(1),
  /** Versioned crosswalk CSV under config/crosswalks/: group (and subgroup) or type → category. */
  crosswalk: z.string(),
  /** Published channel values (case-insensitive) → the shared vocabulary; others read as Other. */
  channels: z.record(z.string(), z.enum(CHANNELS)).default({}),
  layouts: z.array(layoutSchema).min(1),
  sources: z.array(sourceSchema).min(1),
  samples: z.array(sampleSchema).min(1),
  /**
   * Date formats every date field tries after its own `formats`, in order (strptime patterns;
   * `iso8601` is DuckDB's ISO reading). The run reports which matched per field.
   */
  dateFormats: z.array(z.string()).default([...DEFAULT_DATE_FORMATS]),
  /** A run whose quarantine share exceeds this fails. */
  quarantineThreshold: z.number().min(0).max(1).default(0.05),
  attribution: z.string(),
  /**
   * How often the live source publishes: a city whose last live publish is older than this
   * allows is stale (lib/freshness.ts). Bundled samples are static and never stale by age.
   */
  cadence: z.enum(['daily', 'weekly', 'monthly']).default('daily'),
  /** Requests of one type this close in space and time count as one problem (duplicates=merged). */
  duplicates: duplicatesSchema,
});
export type CityConfig = z.infer<typeof cityConfigSchema>;

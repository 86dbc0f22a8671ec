/**
 * Pure, seeded generator of Minneapolis 311 cases as pages of the City's ArcGIS FeatureServer
 * (`Public_311_<year>`, 1,000 records a page), for tests and the bundled sample. There is no
 * real row-level Minneapolis sample in the shared data, so everything here is synthetic except
 * the neighbourhood polygons the points fall in.
 *
 * Quirks kept on purpose, because the pipeline must handle them:
 *  - CASEID is not unique: an updated case appears again with a later LastUpdateDate.
 *  - a few cases sit on a placeholder point (City Hall, 350 S 5th St: -93.2650, 44.9772).
 *  - a few cases have null XCOORD/YCOORD and a null geometry.
 *  - dates are epoch milliseconds in UTC, as ArcGIS stores them.
 */
import * as turf from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { mulberry32, randomInt, WeightedTable } from './prng';
import type { Random } from './prng';

export const PLACEHOLDER_POINT = { x: -93.265, y: 44.9772 } as const;

/** Field list as the service describes it (names and esri types). */
export const MINNEAPOLIS_FIELDS = [
  { name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' },
  { name: 'CASEID', type: 'esriFieldTypeString', alias: 'CASEID', length: 50 },
  { name: 'SUBJECTNAME', type: 'esriFieldTypeString', alias: 'SUBJECTNAME', length: 255 },
  { name: 'REASONNAME', type: 'esriFieldTypeString', alias: 'REASONNAME', length: 255 },
  { name: 'TYPENAME', type: 'esriFieldTypeString', alias: 'TYPENAME', length: 255 },
  { name: 'TITLE', type: 'esriFieldTypeString', alias: 'TITLE', length: 255 },
  { name: 'OPENEDDATETIME', type: 'esriFieldTypeDate', alias: 'OPENEDDATETIME', length: 8 },
  { name: 'CASESTATUS', type: 'esriFieldTypeString', alias: 'CASESTATUS', length: 50 },
  { name: 'CLOSEDDATETIME', type: 'esriFieldTypeDate', alias: 'CLOSEDDATETIME', length: 8 },
  { name: 'XCOORD', type: 'esriFieldTypeDouble', alias: 'XCOORD' },
  { name: 'YCOORD', type: 'esriFieldTypeDouble', alias: 'YCOORD' },
  { name: 'LastUpdateDate', type: 'esriFieldTypeDate', alias: 'LastUpdateDate', length: 8 },
] as const;

export interface MinneapolisAttributes {
  OBJECTID: number;
  CASEID: string;
  SUBJECTNAME: string;
  REASONNAME: string;
  TYPENAME: string;
  TITLE: string;
  OPENEDDATETIME: number;
  CASESTATUS: string;
  CLOSEDDATETIME: number | null;
  XCOORD: number | null;
  YCOORD: number | null;
  LastUpdateDate: number;
}

export interface MinneapolisFeature {
  attributes: MinneapolisAttributes;
  geometry: { x: number; y: number } | null;
}

export interface MinneapolisPage {
  objectIdFieldName: 'OBJECTID';
  geometryType: 'esriGeometryPoint';
  spatialReference: { wkid: 4326; latestWkid: 4326 };
  fields: typeof MINNEAPOLIS_FIELDS;
  features: MinneapolisFeature[];
  exceededTransferLimit: boolean;
}

interface CaseType {
  subject: string;
  reason: string;
  type: string;
  /** Relative volume in an average month. */
  weight: number;
  /** Multipliers by month, January first. */
  months: number[];
  /** Median hours to close. */
  medianHours: number;
}

const FLAT = Array.from({ length: 12 }, () => 1);
const WINTER = [1.8, 1.6, 0.9, 0.2, 0, 0, 0, 0, 0, 0.1, 0.6, 1.6];
const SPRING_THAW = [0.8, 1.4, 2, 1.8, 1.3, 0.9, 0.7, 0.6, 0.5, 0.5, 0.6, 0.6];
const SUMMER = [0, 0, 0.1, 0.4, 1.2, 1.8, 2, 1.8, 1.2, 0.4, 0.1, 0];
const WARM = [0.6, 0.6, 0.8, 1, 1.2, 1.3, 1.3, 1.3, 1.1, 1, 0.8, 0.6];

/** Types modelled on Minneapolis 311 service names; weights are illustrative, not measured. */
export const MINNEAPOLIS_TYPES: readonly CaseType[] = [
  {
    subject: 'Public Works',
    reason: 'Street Maintenance',
    type: 'Pothole',
    weight: 9,
    months: SPRING_THAW,
    medianHours: 120,
  },
  {
    subject: 'Public Works',
    reason: 'Snow and Ice',
    type: 'Snow Emergency Complaint',
    weight: 6,
    months: WINTER,
    medianHours: 30,
  },
  {
    subject: 'Regulatory Services',
    reason: 'Snow and Ice',
    type: 'Sidewalk Snow and Ice Complaint',
    weight: 7,
    months: WINTER,
    medianHours: 96,
  },
  {
    subject: 'Public Works',
    reason: 'Graffiti',
    type: 'Graffiti - Public Property',
    weight: 6,
    months: WARM,
    medianHours: 72,
  },
  {
    subject: 'Regulatory Services',
    reason: 'Graffiti',
    type: 'Graffiti - Private Property',
    weight: 5,
    months: WARM,
    medianHours: 240,
  },
  {
    subject: 'Police',
    reason: 'Parking',
    type: 'Abandoned Vehicle',
    weight: 8,
    months: FLAT,
    medianHours: 72,
  },
  {
    subject: 'Public Works',
    reason: 'Solid Waste',
    type: 'Rubbish Pick Up - Missed',
    weight: 8,
    months: FLAT,
    medianHours: 24,
  },
  {
    subject: 'Public Works',
    reason: 'Solid Waste',
    type: 'Bulky Item Pick Up Request',
    weight: 5,
    months: WARM,
    medianHours: 96,
  },
  {
    subject: 'Regulatory Services',
    reason: 'Nuisance',
    type: 'Exterior Nuisance Complaint',
    weight: 7,
    months: WARM,
    medianHours: 168,
  },
  {
    subject: 'Regulatory Services',
    reason: 'Nuisance',
    type: 'Tall Grass and Weeds',
    weight: 4,
    months: SUMMER,
    medianHours: 168,
  },
  {
    subject: 'Regulatory Services',
    reason: 'Housing',
    type: 'Residential Conditions Complaint - Tenant',
    weight: 5,
    months: FLAT,
    medianHours: 336,
  },
  {
    subject: 'Public Works',
    reason: 'Traffic',
    type: 'Street Light Out',
    weight: 4,
    months: FLAT,
    medianHours: 120,
  },
  {
    subject: 'Public Works',
    reason: 'Traffic',
    type: 'Traffic Signal Trouble',
    weight: 2,
    months: FLAT,
    medianHours: 8,
  },
  {
    subject: 'Animal Care and Control',
    reason: 'Animal',
    type: 'Dead Animal Pick Up',
    weight: 3,
    months: WARM,
    medianHours: 24,
  },
  {
    subject: 'Public Works',
    reason: 'Street Maintenance',
    type: 'Street Sweeping Request',
    weight: 2,
    months: [0, 0, 0.4, 1.8, 1.4, 0.6, 0.6, 0.6, 0.8, 1.8, 1.4, 0.2],
    medianHours: 168,
  },
];

export interface MinneapolisGenerateOptions {
  rows: number;
  /** Inclusive, YYYY-MM-DD (local time). */
  from: string;
  to: string;
  seed: number;
  pageSize: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Hour weights for a municipal call centre and app: daytime, weekday-heavy. */
const HOUR_WEIGHTS = [
  1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 3, 6, 8, 8.5, 8, 7.5, 7.5, 7, 6.5, 5.5, 4, 3, 2.5, 2.2, 2, 1.6,
  1.2,
];

/** Second Sunday of March and first Sunday of November (US DST since 2007), as UTC dates. */
function nthSunday(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return Date.UTC(year, month, 1 + ((7 - first) % 7) + (n - 1) * 7);
}

/** Converts a Minneapolis (America/Chicago) wall-clock time, encoded as UTC, to the real instant. */
export function chicagoToUtc(wallClockAsUtc: number): number {
  const year = new Date(wallClockAsUtc).getUTCFullYear();
  const dstStart = nthSunday(year, 2, 2) + 2 * HOUR_MS;
  const dstEnd = nthSunday(year, 10, 1) + 2 * HOUR_MS;
  const offsetHours = wallClockAsUtc >= dstStart && wallClockAsUtc < dstEnd ? 5 : 6;
  return wallClockAsUtc + offsetHours * HOUR_MS;
}

/** The yearly layer is chosen by the local opening date; at New Year Minneapolis is UTC−6. */
export function localYear(epochMs: number): number {
  return new Date(epochMs - 6 * HOUR_MS).getUTCFullYear();
}

type Neighbourhoods = FeatureCollection<
  Polygon | MultiPolygon,
  { area_key: string; area_name: string }
>;

function randomPointIn(
  random: Random,
  area: Neighbourhoods['features'][number],
): { x: number; y: number } {
  const [minX, minY, maxX, maxY] = turf.bbox(area);
  for (let attempt = 0; attempt < 1000; attempt += 1) {
    const x = Number((minX + random() * (maxX - minX)).toFixed(6));
    const y = Number((minY + random() * (maxY - minY)).toFixed(6));
    if (turf.booleanPointInPolygon([x, y], area)) return { x, y };
  }
  throw new Error(`no point found inside ${area.properties.area_name}`);
}

/** Log-normal hours with the given median (σ = 1.1: long right tail of slow cases). */
function drawHours(random: Random, medianHours: number): number {
  const u1 = Math.max(random(), 1e-12);
  const u2 = random();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return medianHours * Math.exp(1.1 * z);
}

/** All records (including updated duplicates), sorted by OBJECTID, for one run. */
export function generateMinneapolisRecords(
  neighbourhoods: Neighbourhoods,
  options: Omit<MinneapolisGenerateOptions, 'pageSize'>,
): MinneapolisFeature[] {
  const random = mulberry32(options.seed);
  const start = Date.parse(`${options.from}T00:00:00Z`);
  const end = Date.parse(`${options.to}T00:00:00Z`);
  if (!(end >= start)) throw new Error(`--to ${options.to} is before --from ${options.from}`);
  // The extract is taken at local midnight after the last day.
  const asOf = chicagoToUtc(end + DAY_MS);

  const dayKeys: { day: number; month: number }[] = [];
  const dayWeights: number[] = [];
  for (let t = start; t <= end; t += DAY_MS) {
    const date = new Date(t);
    const dow = date.getUTCDay();
    const month = date.getUTCMonth();
    dayKeys.push({ day: t, month });
    // Month volume follows the type mix: more in winter storms and spring thaw.
    const monthVolume = MINNEAPOLIS_TYPES.reduce(
      (a, c) => a + c.weight * (c.months[month] ?? 0),
      0,
    );
    dayWeights.push(monthVolume * (dow === 0 || dow === 6 ? 0.55 : 1));
  }
  const dayTable = new WeightedTable(dayKeys, dayWeights);
  const hourTable = new WeightedTable(
    HOUR_WEIGHTS.map((_, h) => h),
    HOUR_WEIGHTS,
  );
  const typeTables = Array.from(
    { length: 12 },
    (_, m) =>
      new WeightedTable(
        MINNEAPOLIS_TYPES,
        MINNEAPOLIS_TYPES.map((c) => c.weight * (c.months[m] ?? 0)),
      ),
  );
  const areaTable = new WeightedTable(
    neighbourhoods.features,
    neighbourhoods.features.map((f) => turf.area(f)),
  );

  const records: {
    sortKey: number;
    attributes: Omit<MinneapolisAttributes, 'OBJECTID'>;
    geometry: MinneapolisFeature['geometry'];
  }[] = [];
  const cases: { opened: number; caseType: CaseType }[] = [];
  for (let i = 0; i < options.rows; i += 1) {
    const { day, month } = dayTable.draw(random);
    const wall = day + hourTable.draw(random) * HOUR_MS + randomInt(random, 0, 3599) * 1000;
    cases.push({
      opened: chicagoToUtc(wall),
      caseType: (typeTables[month] ?? typeTables[0])!.draw(random),
    });
  }
  cases.sort((a, b) => a.opened - b.opened);

  cases.forEach(({ opened, caseType }, i) => {
    const year = localYear(opened);
    const caseId = `${year}-${String(i + 1).padStart(6, '0')}`;
    const location = random();
    let point: { x: number; y: number } | null;
    if (location < 0.006) point = null;
    else if (location < 0.014) point = { ...PLACEHOLDER_POINT };
    else point = randomPointIn(random, areaTable.draw(random));

    const closeAt = opened + drawHours(random, caseType.medianHours) * HOUR_MS;
    const canceled = random() < 0.02;
    const closed = !canceled && closeAt < asOf ? Math.round(closeAt / 1000) * 1000 : null;
    const status = canceled ? 'Canceled' : closed === null ? 'Open' : 'Closed';
    const lastUpdate =
      closed ?? Math.min(asOf - 60_000, opened + Math.round(random() * 48) * HOUR_MS + 60_000);
    const base = {
      CASEID: caseId,
      SUBJECTNAME: caseType.subject,
      REASONNAME: caseType.reason,
      TYPENAME: caseType.type,
      TITLE: caseType.type,
      OPENEDDATETIME: opened,
      XCOORD: point?.x ?? null,
      YCOORD: point?.y ?? null,
    };
    const geometry = point ? { x: point.x, y: point.y } : null;

    // About 2.5% of closed cases were first published while still open and appear twice:
    // the earlier version Open, the later one Closed with a later LastUpdateDate.
    if (closed !== null && closed - opened > 2 * HOUR_MS && random() < 0.025) {
      const firstUpdate = opened + Math.round((closed - opened) / 2 / 1000) * 1000;
      records.push({
        sortKey: opened,
        attributes: {
          ...base,
          CASESTATUS: 'Open',
          CLOSEDDATETIME: null,
          LastUpdateDate: firstUpdate,
        },
        geometry,
      });
      records.push({
        sortKey: closed,
        attributes: {
          ...base,
          CASESTATUS: 'Closed',
          CLOSEDDATETIME: closed,
          LastUpdateDate: closed,
        },
        geometry,
      });
      return;
    }
    records.push({
      sortKey: opened,
      attributes: {
        ...base,
        CASESTATUS: status,
        CLOSEDDATETIME: closed,
        LastUpdateDate: lastUpdate,
      },
      geometry,
    });
  });

  records.sort(
    (a, b) => a.sortKey - b.sortKey || a.attributes.CASEID.localeCompare(b.attributes.CASEID),
  );
  // Each yearly layer numbers its own OBJECTIDs from 1; attributes keep the fields' order.
  const nextId = new Map<number, number>();
  return records.map(({ attributes: a, geometry }) => {
    const year = localYear(a.OPENEDDATETIME);
    const id = (nextId.get(year) ?? 0) + 1;
    nextId.set(year, id);
    const attributes: MinneapolisAttributes = {
      OBJECTID: id,
      CASEID: a.CASEID,
      SUBJECTNAME: a.SUBJECTNAME,
      REASONNAME: a.REASONNAME,
      TYPENAME: a.TYPENAME,
      TITLE: a.TITLE,
      OPENEDDATETIME: a.OPENEDDATETIME,
      CASESTATUS: a.CASESTATUS,
      CLOSEDDATETIME: a.CLOSEDDATETIME,
      XCOORD: a.XCOORD,
      YCOORD: a.YCOORD,
      LastUpdateDate: a.LastUpdateDate,
    };
    return { attributes, geometry };
  });
}

/** Splits records into one FeatureServer layer per year of opening, then pages of `pageSize`. */
export function paginateByYear(
  records: MinneapolisFeature[],
  pageSize: number,
): Map<number, MinneapolisPage[]> {
  const byYear = new Map<number, MinneapolisFeature[]>();
  for (const record of records) {
    const year = localYear(record.attributes.OPENEDDATETIME);
    const list = byYear.get(year) ?? [];
    list.push(record);
    byYear.set(year, list);
  }
  const result = new Map<number, MinneapolisPage[]>();
  for (const [year, list] of [...byYear].sort((a, b) => a[0] - b[0])) {
    const pages: MinneapolisPage[] = [];
    for (let offset = 0; offset < list.length; offset += pageSize) {
      pages.push({
        objectIdFieldName: 'OBJECTID',
        geometryType: 'esriGeometryPoint',
        spatialReference: { wkid: 4326, latestWkid: 4326 },
        fields: MINNEAPOLIS_FIELDS,
        features: list.slice(offset, offset + pageSize),
        exceededTransferLimit: offset + pageSize < list.length,
      });
    }
    result.set(year, pages);
  }
  return result;
}

export function generateMinneapolisPages(
  neighbourhoods: Neighbourhoods,
  options: MinneapolisGenerateOptions,
): Map<number, MinneapolisPage[]> {
  return paginateByYear(generateMinneapolisRecords(neighbourhoods, options), options.pageSize);
}

export function pageFileName(year: number, page: number): string {
  return `public311-${year}-page-${String(page).padStart(3, '0')}.json`;
}

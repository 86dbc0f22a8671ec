/**
 * Fast, seeded generator of San Francisco 311 rows in the current Socrata vw6y-z8j6 CSV layout
 * (header copied from the real 2023-11-28 extract), for benchmarks at the real file's scale
 * (6.6 M rows). Rows are streamed day by day; nothing but one day's rows is held in memory.
 *
 * Every day has its own PRNG (seed × day index) and a fixed share of the rows, so any day can
 * be regenerated alone: the month-append mode uses that to re-emit earlier requests as updates.
 * Real inputs: the header and value formats, the service name/subtype/agency/details mix of the
 * real samples, addresses (street and ZIP) seen in each analysis neighbourhood, the polygons.
 *
 * Quirks kept: ~3% rows with an empty SF Find neighbourhood (the pipeline must join them
 * spatially), a few at the City Hall placeholder point or at 0,0 ("Not associated with a
 * specific address"), ~1.5% closed_date before requested_datetime.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { parse } from 'csv-parse/sync';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { mulberry32, WeightedTable } from './prng';
import type { Random } from './prng';

export const SF_SAMPLE_DIR = 'data/samples/san-francisco';
export const SF_SOCRATA_SAMPLE = 'sf311-socrata-2023-11-28.csv';
export const SF_LEGACY_SAMPLE = 'sf311-legacy-sample-5000.csv';
export const CITY_HALL = { lat: 37.7793, long: -122.4193 } as const;
/** First service_request_id of a generated base file. */
export const FIRST_ID = 1_000_001;

type Area = Feature<Polygon | MultiPolygon, { area_key: string; area_name: string }>;
type Areas = FeatureCollection<Polygon | MultiPolygon, { area_key: string; area_name: string }>;

export interface SfServiceType {
  serviceName: string;
  subtype: string;
  agency: string;
  details: string;
  weight: number;
  /** Median hours to close (log-normal). */
  medianHours: number;
}

/** A precomputed location: every text field a row needs, ready to concatenate. */
interface Spot {
  /** `address,street,supervisor_district,sffind,police_district,lat,long,point` */
  fields: string;
  /** Same, with an empty SF Find neighbourhood. */
  fieldsNoHood: string;
  district: string;
}

export interface SfCalibration {
  header: string;
  types: SfServiceType[];
  /** Analysis neighbourhood name → relative request volume. */
  areaWeights: Map<string, number>;
  /** Analysis neighbourhood name → [street, zip] pairs seen there in the real samples. */
  streets: Map<string, [string, string][]>;
  neighborhoods: Areas;
  sffind: Areas;
  districts: Areas;
}

/** Police district per analysis neighbourhood (the one covering most of it); approximate. */
const POLICE_BY_HOOD: Readonly<Record<string, string>> = {
  'Bayview Hunters Point': 'BAYVIEW',
  'Bernal Heights': 'INGLESIDE',
  'Castro/Upper Market': 'MISSION',
  Chinatown: 'CENTRAL',
  Excelsior: 'INGLESIDE',
  'Financial District/South Beach': 'CENTRAL',
  'Glen Park': 'INGLESIDE',
  'Golden Gate Park': 'PARK',
  'Haight Ashbury': 'PARK',
  'Hayes Valley': 'NORTHERN',
  'Inner Richmond': 'RICHMOND',
  'Inner Sunset': 'TARAVAL',
  Japantown: 'NORTHERN',
  Lakeshore: 'TARAVAL',
  'Lincoln Park': 'RICHMOND',
  'Lone Mountain/USF': 'PARK',
  Marina: 'NORTHERN',
  'McLaren Park': 'INGLESIDE',
  Mission: 'MISSION',
  'Mission Bay': 'SOUTHERN',
  'Nob Hill': 'CENTRAL',
  'Noe Valley': 'INGLESIDE',
  'North Beach': 'CENTRAL',
  'Oceanview/Merced/Ingleside': 'TARAVAL',
  'Outer Mission': 'INGLESIDE',
  'Outer Richmond': 'RICHMOND',
  'Pacific Heights': 'NORTHERN',
  Portola: 'BAYVIEW',
  'Potrero Hill': 'BAYVIEW',
  Presidio: 'RICHMOND',
  'Presidio Heights': 'RICHMOND',
  'Russian Hill': 'CENTRAL',
  Seacliff: 'RICHMOND',
  'South of Market': 'SOUTHERN',
  'Sunset/Parkside': 'TARAVAL',
  Tenderloin: 'TENDERLOIN',
  'Treasure Island': 'SOUTHERN',
  'Twin Peaks': 'PARK',
  'Visitacion Valley': 'INGLESIDE',
  'West of Twin Peaks': 'TARAVAL',
  'Western Addition': 'NORTHERN',
};

/** Median hours to close by service name; the rest take DEFAULT_MEDIAN_HOURS. */
const MEDIAN_HOURS: Readonly<Record<string, number>> = {
  'Street and Sidewalk Cleaning': 10,
  'Graffiti Public Property': 120,
  'Graffiti Private Property': 400,
  'Abandoned Vehicle': 72,
  'Noise Report': 2,
  'Sewer Issues': 8,
  Streetlights: 200,
  'Tree Maintenance': 300,
  'Street Defects': 150,
  'SFHA Requests': 48,
};
const DEFAULT_MEDIAN_HOURS = 96;

function readCsv(path: string): Record<string, string>[] {
  return parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    columns: true,
    relax_quotes: true,
  });
}

/** `2820 GREENWICH ST, SAN FRANCISCO, CA, 94123` → ['GREENWICH ST', '94123']. */
function streetOf(address: string): [string, string] | undefined {
  const match = /^\d+[A-Z]? (.+), SAN FRANCISCO, CA, (94\d{3})$/.exec(address);
  return match?.[1] && match[2] ? [match[1], match[2]] : undefined;
}

/** Reads the real samples and the committed boundaries (all inside the repository). */
export function loadSfCalibration(repoRoot: string): SfCalibration {
  const samples = join(repoRoot, SF_SAMPLE_DIR);
  const readAreas = (name: string) =>
    JSON.parse(
      readFileSync(join(repoRoot, 'data/boundaries/san-francisco', name), 'utf8'),
    ) as Areas;
  const neighborhoods = readAreas('neighborhood.geojson');
  const header = readFileSync(join(samples, SF_SOCRATA_SAMPLE), 'utf8').split('\n')[0] ?? '';
  const socrata = readCsv(join(samples, SF_SOCRATA_SAMPLE));
  const legacy = readCsv(join(samples, SF_LEGACY_SAMPLE));

  // Type mix: legacy Category/Request.Type/Agency/Details (2008–2016) plus the current extract,
  // which counts ten times per row as it stands for today's mix.
  const types = new Map<string, SfServiceType>();
  const add = (name: string, subtype: string, agency: string, details: string, w: number) => {
    if (!name || !subtype || subtype === 'NA' || !agency) return;
    const d = details && details !== 'NA' ? details : subtype;
    const key = `${name}\u0000${subtype}\u0000${agency}\u0000${d}`;
    const type = types.get(key);
    if (type) type.weight += w;
    else
      types.set(key, {
        serviceName: name,
        subtype,
        agency,
        details: d,
        weight: w,
        medianHours: MEDIAN_HOURS[name] ?? DEFAULT_MEDIAN_HOURS,
      });
  };
  for (const r of legacy)
    add(
      r.Category ?? '',
      r['Request.Type'] ?? '',
      r['Responsible.Agency'] ?? '',
      r['Request.Details'] ?? '',
      1,
    );
  for (const r of socrata)
    add(
      r.service_name ?? '',
      r.service_subtype ?? '',
      r.agency_responsible ?? '',
      r.service_details ?? '',
      10,
    );

  // Volume and streets per analysis neighbourhood, from where the real legacy cases fall.
  const areaWeights = new Map(neighborhoods.features.map((f) => [f.properties.area_name, 1]));
  const streets = new Map<string, [string, string][]>();
  for (const r of legacy) {
    const lat = Number(r.Lat);
    const lon = Number(r.Long);
    if (!(lat > 37.6 && lat < 37.9 && lon < -122.3 && lon > -122.6)) continue;
    const area = neighborhoods.features.find((f) => turf.booleanPointInPolygon([lon, lat], f));
    if (!area) continue;
    const name = area.properties.area_name;
    areaWeights.set(name, (areaWeights.get(name) ?? 0) + 1);
    const street = streetOf(r.Address ?? '');
    if (street) streets.set(name, [...(streets.get(name) ?? []), street]);
  }
  return {
    header,
    types: [...types.values()].sort((a, b) => b.weight - a.weight),
    areaWeights,
    streets,
    neighborhoods,
    sffind: readAreas('sffind.geojson'),
    districts: readAreas('district.geojson'),
  };
}

/** How the `point` column is written. */
export const POINT_FORMATS = ['socrata-csv', 'json-repr'] as const;
export type PointFormat = (typeof POINT_FORMATS)[number];

/**
 * `socrata-csv`: a portal CSV export's location text `(37.8009614, -122.399448)`.
 * `json-repr`: the 2023-11-28 extract's Python dict of the SODA JSON location, which is long
 * (~140 bytes) and puts the average row far above the real file's ~340 bytes.
 */
export function formatPoint(lat: string, long: string, format: PointFormat): string {
  if (format === 'socrata-csv') return `"(${lat}, ${long})"`;
  return `"{'human_address': '{""address"": """", ""city"": """", ""state"": """", ""zip"": """"}', 'latitude': '${lat}', 'longitude': '${long}'}"`;
}

export interface SfBenchOptions {
  /** Rows of the base file (also in append mode: the base the increment continues). */
  rows: number;
  seed: number;
  /** Inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  /** YYYY-MM: write only the month after the base file (new rows + updates of earlier ids). */
  appendMonth?: string;
  pointFormat?: PointFormat;
  /** Locations precomputed per analysis neighbourhood. */
  poolSize?: number;
}

const DAY_S = 86_400;
const SPREAD_SIZE = 1 << 14;
const DAY_MS = DAY_S * 1000;
/** 25 `:@computed_region_*` columns and media_url, all empty, between bos_2012 and closed_date. */
const EMPTY_AFTER_BOS = ','.repeat(26);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function randomPointIn(random: Random, area: Area): [number, number] {
  const [minX, minY, maxX, maxY] = turf.bbox(area);
  for (let attempt = 0; attempt < 10_000; attempt += 1) {
    const x = minX + random() * (maxX - minX);
    const y = minY + random() * (maxY - minY);
    if (turf.booleanPointInPolygon([x, y], area)) return [x, y];
  }
  throw new Error(`no point found inside ${area.properties.area_name}`);
}

/** A fresh sequential copy: sliced or cons strings from the parser make every row slow to write. */
function flat(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8');
}

function csvText(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Month volume multipliers (January first): a late-summer high, a December low. */
const MONTH_FACTOR = [0.95, 0.92, 1.0, 1.0, 1.03, 1.03, 1.04, 1.07, 1.05, 1.03, 0.96, 0.9];
/** Hour-of-day weights for requests (app and phone, daytime heavy). */
const HOUR_WEIGHTS = [
  1.2, 0.8, 0.6, 0.5, 0.6, 1, 2.2, 4, 5.6, 6.4, 6.6, 6.4, 6, 6, 5.8, 5.6, 5, 4.4, 3.8, 3.4, 3, 2.6,
  2, 1.6,
];
const OPEN_NOTES = ['open', 'accepted', 'sent', 'in progress', ''] as const;
const CLOSED_NOTES = [
  'Case Resolved',
  'Case Completed - resolved:',
  'Case Completed - resolved: Pickup completed.',
  'Case Transferred',
  'Duplicate',
  'N/A',
  '',
] as const;
const CLOSED_NOTE_WEIGHTS = [14, 24, 6, 5, 3, 8, 40];

/** A generator bound to one calibration and options; each day is generated independently. */
export class SfBenchGenerator {
  private readonly pointFormat: PointFormat;
  private readonly start: number;
  /** Days of the base range. */
  readonly baseDays: number;
  private readonly dayWeightCum: Float64Array;
  private readonly rowsPerWeight: number;
  private readonly dayText: string[] = [];
  private readonly timeText: string[] = [];
  private readonly hourTable: WeightedTable<number>;
  private readonly typeTable: WeightedTable<number>;
  private readonly types: SfServiceType[];
  /** `agency,service_name,service_subtype,service_details` per type, CSV-escaped. */
  private readonly typeCsv: string[];
  private readonly startYear: number;
  /** exp(1.3·z) for z drawn from N(0,1) once: a table lookup instead of log/cos per row. */
  private readonly spread = new Float64Array(SPREAD_SIZE);
  private readonly areaTable: WeightedTable<Spot[]>;
  private readonly placeholder: Spot;
  private readonly nowhere: Spot;
  private readonly closedNotes: WeightedTable<string>;
  /** End of the extract (midnight after the last day), seconds from `start`. */
  private readonly asOf: number;
  readonly header: string;

  constructor(
    calibration: SfCalibration,
    private readonly options: SfBenchOptions,
  ) {
    this.pointFormat = options.pointFormat ?? 'socrata-csv';
    this.header = calibration.header;
    this.start = Date.parse(`${options.from}T00:00:00Z`);
    const end = Date.parse(`${options.to}T00:00:00Z`);
    if (!(end >= this.start))
      throw new Error(`--to ${options.to} is before --from ${options.from}`);
    this.startYear = new Date(this.start).getUTCFullYear();
    this.baseDays = Math.round((end - this.start) / DAY_MS) + 1;
    // Day weights run past the base range for the append month; closings run years past it.
    const totalDays = this.baseDays + 62;
    this.dayWeightCum = new Float64Array(totalDays + 1);
    for (let d = 0; d < totalDays; d += 1) {
      const date = new Date(this.start + d * DAY_MS);
      const years = d / 365.25;
      const dow = date.getUTCDay();
      const weight =
        (1 + 0.09 * years) *
        (MONTH_FACTOR[date.getUTCMonth()] ?? 1) *
        (dow === 0 || dow === 6 ? 0.78 : 1.06);
      this.dayWeightCum[d + 1] = (this.dayWeightCum[d] ?? 0) + weight;
    }
    this.rowsPerWeight = options.rows / (this.dayWeightCum[this.baseDays] ?? 1);
    this.asOf = this.baseDays * DAY_S;
    for (let d = -400; d < totalDays + 10; d += 1) {
      const date = new Date(this.start + d * DAY_MS);
      this.dayText.push(
        `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}T`,
      );
    }
    for (let s = 0; s < DAY_S; s += 1)
      this.timeText.push(
        `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}.000`,
      );
    this.hourTable = new WeightedTable(
      HOUR_WEIGHTS.map((_, h) => h),
      HOUR_WEIGHTS,
    );
    const spreadRandom = mulberry32(options.seed ^ 0x2545f491);
    for (let i = 0; i < SPREAD_SIZE; i += 1) {
      const u1 = Math.max(spreadRandom(), 1e-12);
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * spreadRandom());
      this.spread[i] = Math.exp(1.3 * z);
    }
    this.types = calibration.types;
    this.typeCsv = this.types.map((t) =>
      flat([t.agency, t.serviceName, t.subtype, t.details].map(csvText).join(',')),
    );
    this.typeTable = new WeightedTable(
      this.types.map((_, i) => i),
      this.types.map((t) => t.weight),
    );
    this.closedNotes = new WeightedTable(CLOSED_NOTES, CLOSED_NOTE_WEIGHTS);

    // Location pools, drawn once with their own PRNG so the pool does not depend on --rows.
    const random = mulberry32(options.seed ^ 0x5f3759df);
    const poolSize = options.poolSize ?? 400;
    const pools: Spot[][] = [];
    const poolWeights: number[] = [];
    const allStreets = [...calibration.streets.values()].flat();
    for (const area of calibration.neighborhoods.features) {
      const name = area.properties.area_name;
      const streets = calibration.streets.get(name) ?? [];
      const pool: Spot[] = [];
      for (let i = 0; i < poolSize; i += 1) {
        const [x, y] = randomPointIn(random, area);
        const sffind =
          calibration.sffind.features.find((f) => turf.booleanPointInPolygon([x, y], f))?.properties
            .area_name ?? '';
        const district =
          calibration.districts.features.find((f) => turf.booleanPointInPolygon([x, y], f))
            ?.properties.area_key ?? '';
        const list = streets.length >= 5 ? streets : allStreets;
        const [street, zip] = list[Math.floor(random() * list.length)] ?? ['MARKET ST', '94102'];
        const number = 1 + Math.floor(random() * 40) * 100 + Math.floor(random() * 99);
        pool.push(
          this.spot(
            `${number} ${street}, SAN FRANCISCO, CA, ${zip}`,
            street,
            district,
            sffind,
            POLICE_BY_HOOD[name] ?? '',
            y.toFixed(12),
            x.toFixed(12),
          ),
        );
      }
      pools.push(pool);
      poolWeights.push(calibration.areaWeights.get(name) ?? 1);
    }
    this.areaTable = new WeightedTable(pools, poolWeights);
    this.placeholder = this.spot(
      '1 DR CARLTON B GOODLETT PL, SAN FRANCISCO, CA, 94102',
      'DR CARLTON B GOODLETT PL',
      '5',
      'Civic Center',
      'NORTHERN',
      CITY_HALL.lat.toFixed(12),
      CITY_HALL.long.toFixed(12),
    );
    this.nowhere = this.spot(
      'Not associated with a specific address',
      '',
      '',
      '',
      '',
      '0.000000000000',
      '0.000000000000',
    );
  }

  private spot(
    address: string,
    street: string,
    district: string,
    sffind: string,
    police: string,
    lat: string,
    long: string,
  ): Spot {
    // The point repeats lat/long at 7–8 decimals, as the portal's location text does.
    const point = formatPoint(
      String(Number(Number(lat).toFixed(7))),
      String(Number(Number(long).toFixed(7))),
      this.pointFormat,
    );
    const make = (hood: string) =>
      `${csvText(address)},${csvText(street)},${district},${csvText(hood)},${police},${lat},${long},${point}`;
    return { fields: flat(make(sffind)), fieldsNoHood: flat(make('')), district: flat(district) };
  }

  /** Rows of base days [0, day): rounding the cumulative weight keeps the total exact. */
  rowsBefore(day: number): number {
    return Math.round((this.dayWeightCum[day] ?? 0) * this.rowsPerWeight);
  }

  /** Day index (from `from`) of a YYYY-MM-DD date. */
  dayIndex(date: string): number {
    return Math.round((Date.parse(`${date}T00:00:00Z`) - this.start) / DAY_MS);
  }

  private stamp(seconds: number): string {
    const day = Math.floor(seconds / DAY_S);
    return (this.dayText[day + 400] ?? '') + (this.timeText[seconds - day * DAY_S] ?? '');
  }

  /**
   * The rows of one day as CSV lines (no trailing newline each), ids from `firstId`. With
   * `asOf` the extract time in seconds from `from`: requests closing later are still open.
   */
  dayRows(day: number, count: number, firstId: number, asOf = this.asOf): string[] {
    const random = mulberry32((this.options.seed * 0x9e3779b1) ^ (day * 0x85ebca6b));
    const secondsOfDay = new Float64Array(count);
    for (let i = 0; i < count; i += 1)
      secondsOfDay[i] = this.hourTable.draw(random) * 3600 + Math.floor(random() * 3600);
    secondsOfDay.sort();
    const year = this.startYear + day / 365.25;
    // Channel mix drifts from phone to the app over the years.
    const mobileShare = Math.min(0.85, Math.max(0.1, (year - 2010) * 0.06 + 0.1));
    const lines: string[] = new Array<string>(count);
    for (let i = 0; i < count; i += 1) {
      const opened = day * DAY_S + (secondsOfDay[i] ?? 0);
      const typeIndex = this.typeTable.draw(random);
      const type = this.types[typeIndex]!;
      const where = random();
      let location: string;
      let district: string;
      if (where < 0.002) {
        location = this.nowhere.fields;
        district = '';
      } else if (where < 0.005) {
        location = this.placeholder.fields;
        district = this.placeholder.district;
      } else {
        const pool = this.areaTable.draw(random);
        const spot = pool[Math.floor(random() * pool.length)]!;
        location = where < 0.035 ? spot.fieldsNoHood : spot.fields;
        district = spot.district;
      }
      const channel = random();
      const source =
        channel < mobileShare ? 'Mobile/Open311' : channel < mobileShare + 0.12 ? 'Web' : 'Phone';
      const fate = random();
      let status = 'Open';
      let notes: string;
      let closed = '';
      let updated: number;
      if (fate < 0.015) {
        // Closed before it was opened: a back-dated close on a re-entered case.
        const close = opened - 60 - Math.floor(random() * 86_000);
        status = 'Closed';
        notes = this.closedNotes.draw(random);
        closed = this.stamp(close);
        updated = opened + Math.floor(random() * 600);
      } else {
        const spread = this.spread[Math.floor(random() * SPREAD_SIZE)] ?? 1;
        const close = opened + 60 + Math.floor(type.medianHours * 3600 * spread);
        if (fate < 0.82 && close < asOf) {
          status = 'Closed';
          notes = this.closedNotes.draw(random);
          closed = this.stamp(close);
          updated = Math.min(asOf - 1, close + Math.floor(random() * 120));
        } else {
          notes = OPEN_NOTES[Math.floor(random() * OPEN_NOTES.length)] ?? '';
          updated = Math.min(asOf - 1, opened + Math.floor(random() * 36_000));
        }
      }
      lines[i] =
        `${firstId + i},${this.stamp(opened)},${this.stamp(updated)},${status},${notes},` +
        `${this.typeCsv[typeIndex]},${location},${source},${district}${EMPTY_AFTER_BOS},${closed},,`;
    }
    return lines;
  }

  /** All base-file lines (no header), day by day. */
  *baseLines(): Generator<string> {
    for (const [day, count, firstId] of this.baseDayPlan())
      if (count > 0) yield* this.dayRows(day, count, firstId);
  }

  /** Base-file days as [day, count, firstId], in order. */
  *baseDayPlan(): Generator<[number, number, number]> {
    for (let d = 0; d < this.baseDays; d += 1) {
      const before = this.rowsBefore(d);
      yield [d, this.rowsBefore(d + 1) - before, FIRST_ID + before];
    }
  }

  /**
   * The append month: new requests of every day of `month` (ids after the base file's last),
   * then ~1% as many updates of earlier open requests, now closed with a later updated_datetime.
   */
  *appendLines(month: string): Generator<string> {
    const first = this.dayIndex(`${month}-01`);
    if (first !== this.baseDays)
      throw new Error(
        `--append-month ${month} must be the month right after --to ${this.options.to}`,
      );
    const [y, m] = month.split('-').map(Number) as [number, number];
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const monthEnd = (first + days) * DAY_S;
    let nextId = FIRST_ID + this.options.rows;
    let newRows = 0;
    for (let d = first; d < first + days; d += 1) {
      const count =
        Math.round((this.dayWeightCum[d + 1] ?? 0) * this.rowsPerWeight) -
        Math.round((this.dayWeightCum[d] ?? 0) * this.rowsPerWeight);
      for (const line of this.dayRows(d, count, nextId, monthEnd)) yield line;
      nextId += count;
      newRows += count;
    }
    // Updates: re-emit requests still open in the base file, closed during this month.
    const random = mulberry32(this.options.seed ^ (first * 0x27d4eb2d));
    const wanted = Math.max(1, Math.round(newRows * 0.01));
    const seen = new Set<number>();
    const regenerated = new Map<number, string[]>();
    const updates: { at: number; line: string }[] = [];
    for (let attempt = 0; attempt < wanted * 20 && updates.length < wanted; attempt += 1) {
      // Mostly recent days: open requests cluster near the end of the base file.
      const back = Math.floor(-Math.log(Math.max(random(), 1e-9)) * 30);
      const day = Math.max(0, this.baseDays - 1 - back);
      const [count, firstId] = [
        this.rowsBefore(day + 1) - this.rowsBefore(day),
        FIRST_ID + this.rowsBefore(day),
      ];
      if (count <= 0) continue;
      // Updates cluster on recent days: regenerate each day once.
      const lines = regenerated.get(day) ?? this.dayRows(day, count, firstId);
      regenerated.set(day, lines);
      const index = Math.floor(random() * count);
      const line = lines[index];
      const id = firstId + index;
      if (!line || seen.has(id) || !line.includes(',Open,')) continue;
      seen.add(id);
      const at = first * DAY_S + Math.floor(random() * (monthEnd - first * DAY_S - 1));
      updates.push({ at, line: this.closeLine(line, at, random) });
    }
    updates.sort((a, b) => a.at - b.at);
    for (const u of updates) yield u.line;
  }

  /** An open row closed at `at`: status, notes, updated_datetime and closed_date rewritten. */
  private closeLine(line: string, at: number, random: Random): string {
    const stamp = this.stamp(at);
    // Fields 0..4 never hold commas: id, requested, updated, status, notes.
    const parts = line.split(',');
    const head = parts.slice(0, 5);
    const rest = line.slice(head.join(',').length);
    head[2] = stamp;
    head[3] = 'Closed';
    head[4] = this.closedNotes.draw(random);
    // The line ends with `,,<closed_date>,,`.
    return `${head.join(',')}${rest.slice(0, rest.length - 2)}${stamp},,`;
  }
}

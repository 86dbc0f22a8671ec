/**
 * Seeded generator of a Seattle "SPD Crime Data: 2008-Present" (Socrata tazs-3rd5) CSV export in
 * its NIBRS layout, for the bundled sample. No real row-level NIBRS sample is in the shared data,
 * so the rows are synthetic; what is real: the offence mix per MCPP neighbourhood (the 2008–2021
 * counts per MCPP × NIBRS parent group), the MCPP, precinct and beat polygons.
 *
 * Quirks kept on purpose, because the pipeline must clean them:
 *  - `REDACTED` block addresses with latitude/longitude `REDACTED` or empty (~1%).
 *  - `OOJ` (out of jurisdiction) beat/precinct/sector/neighbourhood with points outside Seattle.
 *  - `NOT_A_CRIME` offences, `-` for an unknown beat and sector.
 *  - one report_number shared by several offence rows (one report, several offence_ids).
 * `loadSeattleCalibration` does the I/O; `generateSeattleCsv` is pure.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as turf from '@turf/turf';
import { parse } from 'csv-parse/sync';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { mulberry32, pick, randomInt, WeightedTable } from './prng';
import type { Random } from './prng';

export const SEATTLE_COLUMNS = [
  'report_number',
  'report_date_time',
  'offense_id',
  'offense_date',
  'nibrs_group_a_b',
  'nibrs_crime_against_category',
  'offense_sub_category',
  'offense_category',
  'nibrs_offense_code_description',
  'nibrs_offense_code',
  'block_address',
  'latitude',
  'longitude',
  'beat',
  'precinct',
  'sector',
  'neighborhood',
  'reporting_area',
] as const;

export const DEFAULT_SHARED_DATA_DIR = '../shared/data';
export const SEATTLE_COUNTS_FILE = 'seattle/crime-counts-2008-2021-by-mcpp-offense-group.csv';

type CrimeAgainst = 'PERSON' | 'PROPERTY' | 'SOCIETY';
type OffenseCategory = 'VIOLENT CRIME' | 'PROPERTY CRIME' | 'ALL OTHER';

interface OffenseGroup {
  against: CrimeAgainst;
  category: OffenseCategory;
  groupAB: 'A' | 'B';
  /** NIBRS offence codes in the group: [code, description, relative weight]. */
  codes: readonly (readonly [string, string, number])[];
}

/** NIBRS parent groups (the real column names of the counts file) → category, code list. */
export const OFFENSE_GROUPS: Readonly<Record<string, OffenseGroup>> = {
  'ASSAULT OFFENSES': {
    against: 'PERSON',
    category: 'VIOLENT CRIME',
    groupAB: 'A',
    codes: [
      ['13A', 'Aggravated Assault', 2],
      ['13B', 'Simple Assault', 6],
      ['13C', 'Intimidation', 2],
    ],
  },
  'HOMICIDE OFFENSES': {
    against: 'PERSON',
    category: 'VIOLENT CRIME',
    groupAB: 'A',
    codes: [
      ['09A', 'Murder & Nonnegligent Manslaughter', 9],
      ['09B', 'Negligent Manslaughter', 1],
    ],
  },
  'KIDNAPPING/ABDUCTION': {
    against: 'PERSON',
    category: 'VIOLENT CRIME',
    groupAB: 'A',
    codes: [['100', 'Kidnapping/Abduction', 1]],
  },
  'SEX OFFENSES': {
    against: 'PERSON',
    category: 'VIOLENT CRIME',
    groupAB: 'A',
    codes: [
      ['11A', 'Rape', 4],
      ['11B', 'Sodomy', 1],
      ['11C', 'Sexual Assault With An Object', 1],
      ['11D', 'Fondling', 4],
    ],
  },
  'SEX OFFENSES, CONSENSUAL': {
    against: 'PERSON',
    category: 'ALL OTHER',
    groupAB: 'A',
    codes: [
      ['36A', 'Incest', 1],
      ['36B', 'Statutory Rape', 3],
    ],
  },
  'HUMAN TRAFFICKING': {
    against: 'PERSON',
    category: 'VIOLENT CRIME',
    groupAB: 'A',
    codes: [
      ['64A', 'Human Trafficking, Commercial Sex Acts', 3],
      ['64B', 'Human Trafficking, Involuntary Servitude', 1],
    ],
  },
  ROBBERY: {
    against: 'PROPERTY',
    category: 'VIOLENT CRIME',
    groupAB: 'A',
    codes: [['120', 'Robbery', 1]],
  },
  'LARCENY-THEFT': {
    against: 'PROPERTY',
    category: 'PROPERTY CRIME',
    groupAB: 'A',
    codes: [
      ['23H', 'All Other Larceny', 35],
      ['23C', 'Shoplifting', 20],
      ['23F', 'Theft From Motor Vehicle', 25],
      ['23G', 'Theft of Motor Vehicle Parts or Accessories', 8],
      ['23D', 'Theft From Building', 8],
      ['23A', 'Pocket-picking', 2],
      ['23B', 'Purse-snatching', 1],
      ['23E', 'Theft From Coin-Operated Machine or Device', 1],
    ],
  },
  'BURGLARY/BREAKING&ENTERING': {
    against: 'PROPERTY',
    category: 'PROPERTY CRIME',
    groupAB: 'A',
    codes: [['220', 'Burglary/Breaking & Entering', 1]],
  },
  'MOTOR VEHICLE THEFT': {
    against: 'PROPERTY',
    category: 'PROPERTY CRIME',
    groupAB: 'A',
    codes: [['240', 'Motor Vehicle Theft', 1]],
  },
  'DESTRUCTION/DAMAGE/VANDALISM OF PROPERTY': {
    against: 'PROPERTY',
    category: 'PROPERTY CRIME',
    groupAB: 'A',
    codes: [['290', 'Destruction/Damage/Vandalism of Property', 1]],
  },
  ARSON: {
    against: 'PROPERTY',
    category: 'PROPERTY CRIME',
    groupAB: 'A',
    codes: [['200', 'Arson', 1]],
  },
  'FRAUD OFFENSES': {
    against: 'PROPERTY',
    category: 'PROPERTY CRIME',
    groupAB: 'A',
    codes: [
      ['26A', 'False Pretenses/Swindle/Confidence Game', 4],
      ['26B', 'Credit Card/Automated Teller Machine Fraud', 3],
      ['26C', 'Impersonation', 1],
      ['26E', 'Wire Fraud', 1],
      ['26F', 'Identity Theft', 3],
    ],
  },
  'COUNTERFEITING/FORGERY': {
    against: 'PROPERTY',
    category: 'PROPERTY CRIME',
    groupAB: 'A',
    codes: [['250', 'Counterfeiting/Forgery', 1]],
  },
  'STOLEN PROPERTY OFFENSES': {
    against: 'PROPERTY',
    category: 'PROPERTY CRIME',
    groupAB: 'A',
    codes: [['280', 'Stolen Property Offenses', 1]],
  },
  EMBEZZLEMENT: {
    against: 'PROPERTY',
    category: 'PROPERTY CRIME',
    groupAB: 'A',
    codes: [['270', 'Embezzlement', 1]],
  },
  'EXTORTION/BLACKMAIL': {
    against: 'PROPERTY',
    category: 'PROPERTY CRIME',
    groupAB: 'A',
    codes: [['210', 'Extortion/Blackmail', 1]],
  },
  BRIBERY: {
    against: 'PROPERTY',
    category: 'ALL OTHER',
    groupAB: 'A',
    codes: [['510', 'Bribery', 1]],
  },
  'BAD CHECKS': {
    against: 'PROPERTY',
    category: 'ALL OTHER',
    groupAB: 'B',
    codes: [['90A', 'Bad Checks', 1]],
  },
  'DRUG/NARCOTIC OFFENSES': {
    against: 'SOCIETY',
    category: 'ALL OTHER',
    groupAB: 'A',
    codes: [
      ['35A', 'Drug/Narcotic Violations', 85],
      ['35B', 'Drug Equipment Violations', 15],
    ],
  },
  'WEAPON LAW VIOLATIONS': {
    against: 'SOCIETY',
    category: 'ALL OTHER',
    groupAB: 'A',
    codes: [['520', 'Weapon Law Violations', 1]],
  },
  'PORNOGRAPHY/OBSCENE MATERIAL': {
    against: 'SOCIETY',
    category: 'ALL OTHER',
    groupAB: 'A',
    codes: [['370', 'Pornography/Obscene Material', 1]],
  },
  'PROSTITUTION OFFENSES': {
    against: 'SOCIETY',
    category: 'ALL OTHER',
    groupAB: 'A',
    codes: [
      ['40A', 'Prostitution', 5],
      ['40B', 'Assisting or Promoting Prostitution', 1],
      ['40C', 'Purchasing Prostitution', 3],
    ],
  },
  'GAMBLING OFFENSES': {
    against: 'SOCIETY',
    category: 'ALL OTHER',
    groupAB: 'A',
    codes: [['39A', 'Betting/Wagering', 1]],
  },
  'ANIMAL CRUELTY': {
    against: 'SOCIETY',
    category: 'ALL OTHER',
    groupAB: 'A',
    codes: [['720', 'Animal Cruelty', 1]],
  },
  'DRIVING UNDER THE INFLUENCE': {
    against: 'SOCIETY',
    category: 'ALL OTHER',
    groupAB: 'B',
    codes: [['90D', 'Driving Under the Influence', 1]],
  },
  'LIQUOR LAW VIOLATIONS': {
    against: 'SOCIETY',
    category: 'ALL OTHER',
    groupAB: 'B',
    codes: [['90G', 'Liquor Law Violations', 1]],
  },
  'FAMILY OFFENSES, NONVIOLENT': {
    against: 'SOCIETY',
    category: 'ALL OTHER',
    groupAB: 'B',
    codes: [['90F', 'Family Offenses, Nonviolent', 1]],
  },
  'CURFEW/LOITERING/VAGRANCY VIOLATIONS': {
    against: 'SOCIETY',
    category: 'ALL OTHER',
    groupAB: 'B',
    codes: [['90B', 'Curfew/Loitering/Vagrancy Violations', 1]],
  },
  'PEEPING TOM': {
    against: 'SOCIETY',
    category: 'ALL OTHER',
    groupAB: 'B',
    codes: [['90H', 'Peeping Tom', 1]],
  },
  DRUNKENNESS: {
    against: 'SOCIETY',
    category: 'ALL OTHER',
    groupAB: 'B',
    codes: [['90E', 'Drunkenness', 1]],
  },
  'TRESPASS OF REAL PROPERTY': {
    against: 'SOCIETY',
    category: 'ALL OTHER',
    groupAB: 'B',
    codes: [['90J', 'Trespass of Real Property', 1]],
  },
};

/** The counts file names two MCPPs differently from the boundary file. */
export const MCPP_NAME_CROSSWALK: Readonly<Record<string, string>> = {
  'CHINATOWN/INTERNATIONAL DISTRICT': 'INTERNATIONAL DISTRICT',
  'MADRONA/LESCHI': 'LESCHI/MADRONA',
};

/** Month multipliers (January first) by crime-against category: property crime peaks in summer. */
const SEASONALITY: Record<CrimeAgainst, readonly number[]> = {
  PROPERTY: [0.86, 0.82, 0.9, 0.94, 1.04, 1.1, 1.16, 1.17, 1.08, 1.0, 0.96, 0.97],
  PERSON: [0.9, 0.86, 0.95, 0.98, 1.05, 1.08, 1.12, 1.1, 1.02, 0.99, 0.96, 0.99],
  SOCIETY: [0.96, 0.94, 1.0, 1.0, 1.03, 1.04, 1.05, 1.04, 1.0, 0.99, 0.97, 0.98],
};

/** Report hour-of-day weights: busy afternoons and evenings, a dip before dawn. */
const HOUR_WEIGHTS = [
  3.4, 2.6, 2.2, 1.6, 1.2, 1.1, 1.6, 2.4, 3.4, 4, 4.4, 4.6, 5, 5, 5, 5.2, 5.4, 5.4, 5.2, 5, 4.8,
  4.6, 4.2, 3.8,
];

/** Places just outside the city for out-of-jurisdiction reports: [lat, lon, block address]. */
const OOJ_PLACES = [
  [47.6101, -122.2015, '1XX BLOCK OF BELLEVUE WAY NE'],
  [47.7557, -122.3415, '175XX BLOCK OF AURORA AVE N'],
  [47.4668, -122.3396, '4XX BLOCK OF SW 152ND ST'],
  [47.4748, -122.2715, '164XX BLOCK OF SOUTHCENTER PKWY'],
  [47.4502, -122.3088, '176XX BLOCK OF INTERNATIONAL BLVD'],
  [47.6815, -122.2087, '1XX BLOCK OF PARK LN'],
] as const;

const STREETS = [
  'E PINE ST',
  'E PIKE ST',
  '3RD AVE',
  'AURORA AVE N',
  'RAINIER AVE S',
  'CALIFORNIA AVE SW',
  'NW MARKET ST',
  'UNIVERSITY WAY NE',
  'LAKE CITY WAY NE',
  'DELRIDGE WAY SW',
  'BROADWAY E',
  '15TH AVE NE',
  'MLK JR WAY S',
  'BEACON AVE S',
  'N 45TH ST',
  'WESTLAKE AVE N',
  'DENNY WAY',
  '1ST AVE S',
  'QUEEN ANNE AVE N',
  'GREENWOOD AVE N',
  '35TH AVE SW',
  'NE NORTHGATE WAY',
  '23RD AVE S',
  'ROOSEVELT WAY NE',
  '4TH AVE',
  'STONE WAY N',
  'S HENDERSON ST',
  'ELLIOTT AVE W',
  'E MADISON ST',
  '15TH AVE W',
] as const;

type Area = Feature<Polygon | MultiPolygon, { area_key: string; area_name: string }>;
type Areas = FeatureCollection<Polygon | MultiPolygon, { area_key: string; area_name: string }>;

export interface SeattleCalibration {
  /** Offence parent groups, in the counts file's column order. */
  groups: string[];
  /** MCPP name as in the boundary file → count per group (same order as `groups`). */
  counts: Map<string, number[]>;
  mcpp: Areas;
  precincts: Areas;
  beats: Areas;
}

/** Reads the real counts (shared data) and the committed boundaries. */
export function loadSeattleCalibration(
  repoRoot: string,
  sharedDataDir?: string,
): SeattleCalibration {
  const shared = resolve(
    repoRoot,
    sharedDataDir ?? process.env.SHARED_DATA_DIR ?? DEFAULT_SHARED_DATA_DIR,
  );
  const records = parse(readFileSync(join(shared, SEATTLE_COUNTS_FILE), 'utf8'));
  const [header, ...rows] = records;
  if (!header) throw new Error(`${SEATTLE_COUNTS_FILE} is empty`);
  const groups = header.slice(1);
  for (const group of groups)
    if (!OFFENSE_GROUPS[group]) throw new Error(`offence group ${group} has no mapping`);
  const readAreas = (name: string) =>
    JSON.parse(readFileSync(join(repoRoot, 'data/boundaries/seattle', name), 'utf8')) as Areas;
  const mcpp = readAreas('mcpp.geojson');
  const known = new Set(mcpp.features.map((f) => f.properties.area_name));
  const counts = new Map<string, number[]>();
  for (const row of rows) {
    const [rawName = '', ...values] = row;
    const numbers = values.map(Number);
    const name = MCPP_NAME_CROSSWALK[rawName] ?? rawName;
    if (!known.has(name)) throw new Error(`MCPP ${rawName} is not in mcpp.geojson`);
    counts.set(name, numbers);
  }
  return {
    groups,
    counts,
    mcpp,
    precincts: readAreas('precinct.geojson'),
    beats: readAreas('beat.geojson'),
  };
}

export interface SeattleGenerateOptions {
  /** Offence rows to write (reports sharing a number count once per offence). */
  rows: number;
  /** Inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  seed: number;
}

const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Socrata floating timestamp: `2024-03-05T14:22:31.000` (wall clock encoded as UTC). */
export function formatFloating(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000`
  );
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function randomPointIn(random: Random, area: Area): [number, number] {
  const [minX, minY, maxX, maxY] = turf.bbox(area);
  for (let attempt = 0; attempt < 1000; attempt += 1) {
    const x = Number((minX + random() * (maxX - minX)).toFixed(7));
    const y = Number((minY + random() * (maxY - minY)).toFixed(7));
    if (turf.booleanPointInPolygon([x, y], area)) return [x, y];
  }
  throw new Error(`no point found inside ${area.properties.area_name}`);
}

function areaAt(areas: Areas, point: [number, number]): Area | undefined {
  return areas.features.find((f) => turf.booleanPointInPolygon(point, f));
}

/** Log-normal hours with the given median. */
function drawHours(random: Random, medianHours: number, sigma: number): number {
  const u1 = Math.max(random(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random());
  return medianHours * Math.exp(sigma * z);
}

interface Offense {
  group: string;
  info: OffenseGroup;
}

interface Place {
  neighborhood: string;
  latitude: string;
  longitude: string;
  blockAddress: string;
  beat: string;
  precinct: string;
  sector: string;
  reportingArea: string;
}

/** The whole CSV (header + rows, `\n` line ends) for one run. */
export function generateSeattleCsv(
  calibration: SeattleCalibration,
  options: SeattleGenerateOptions,
): string {
  const random = mulberry32(options.seed);
  const start = Date.parse(`${options.from}T00:00:00Z`);
  const end = Date.parse(`${options.to}T00:00:00Z`);
  if (!(end >= start)) throw new Error(`--to ${options.to} is before --from ${options.from}`);
  const { groups } = calibration;

  const offenses: Offense[] = groups.map((group) => {
    const info = OFFENSE_GROUPS[group];
    if (!info) throw new Error(`offence group ${group} has no mapping`);
    return { group, info };
  });
  const codeTables = new Map(
    offenses.map((o) => [
      o.group,
      new WeightedTable(
        o.info.codes,
        o.info.codes.map((c) => c[2]),
      ),
    ]),
  );
  // One offence table per MCPP and month: the real 2008–2021 mix times the seasonal factor.
  const offenseTable = (counts: number[], month: number) =>
    new WeightedTable(
      offenses,
      offenses.map((o, i) => (counts[i] ?? 0) * (SEASONALITY[o.info.against][month] ?? 1)),
    );
  const areasByName = new Map(calibration.mcpp.features.map((f) => [f.properties.area_name, f]));
  const mcppNames = [...calibration.counts.keys()].filter((name) => areasByName.has(name));
  const mcppTotals = mcppNames.map((name) =>
    (calibration.counts.get(name) ?? []).reduce((a, b) => a + b, 0),
  );
  const mcppTable = new WeightedTable(mcppNames, mcppTotals);
  const tablesByMcpp = new Map(
    mcppNames.map((name) => [
      name,
      Array.from({ length: 12 }, (_, m) => offenseTable(calibration.counts.get(name) ?? [], m)),
    ]),
  );
  // Out-of-jurisdiction reports take the city-wide mix.
  const cityCounts = groups.map((_, i) =>
    mcppNames.reduce((a, name) => a + (calibration.counts.get(name)?.[i] ?? 0), 0),
  );
  const oojTables = Array.from({ length: 12 }, (_, m) => offenseTable(cityCounts, m));

  // Day weights: city-wide volume follows the property-crime season (most offences), weekends
  // slightly busier for reports.
  const days: { day: number; month: number }[] = [];
  const dayWeights: number[] = [];
  for (let t = start; t <= end; t += DAY_MS) {
    const date = new Date(t);
    const month = date.getUTCMonth();
    const dow = date.getUTCDay();
    days.push({ day: t, month });
    dayWeights.push(
      (0.7 * (SEASONALITY.PROPERTY[month] ?? 1) + 0.3 * (SEASONALITY.PERSON[month] ?? 1)) *
        (dow === 5 || dow === 6 ? 1.06 : 0.98),
    );
  }
  const dayTable = new WeightedTable(days, dayWeights);
  const hourTable = new WeightedTable(
    HOUR_WEIGHTS.map((_, h) => h),
    HOUR_WEIGHTS,
  );

  const placeIn = (name: string): Place => {
    const area = areasByName.get(name);
    if (!area) throw new Error(`no polygon for ${name}`);
    const point = randomPointIn(random, area);
    const beat = areaAt(calibration.beats, point)?.properties.area_key;
    const precinct = areaAt(calibration.precincts, point)?.properties.area_name ?? 'UNKNOWN';
    // Reporting areas are small census-block groupings; a 0.004° grid cell stands in for one.
    const cell =
      Math.floor((point[1] - 47.48) / 0.004) * 100 + Math.floor((point[0] + 122.44) / 0.006);
    const hundred = randomInt(random, 1, 99);
    return {
      neighborhood: name,
      latitude: point[1].toFixed(7),
      longitude: point[0].toFixed(7),
      blockAddress: `${hundred}XX BLOCK OF ${pick(random, STREETS)}`,
      beat: beat ?? '-',
      precinct,
      sector: beat?.charAt(0) ?? '-',
      reportingArea: String(Math.max(1, cell)),
    };
  };

  interface Row {
    reported: number;
    occurred: number;
    reportNumber: string;
    offenseId: number;
    offense: Offense | 'NOT_A_CRIME';
    place: Place;
  }
  const rows: Omit<Row, 'reportNumber' | 'offenseId'>[] = [];
  const reportOf: number[] = [];
  let reports = 0;
  while (rows.length < options.rows) {
    const { day, month } = dayTable.draw(random);
    const reported = day + hourTable.draw(random) * 3_600_000 + randomInt(random, 0, 3599) * 1000;
    const kind = random();
    let place: Place;
    let table: WeightedTable<Offense>;
    if (kind < 0.006) {
      const [lat, lon, address] = pick(random, OOJ_PLACES);
      place = {
        neighborhood: 'OOJ',
        latitude: (lat + (random() - 0.5) * 0.01).toFixed(7),
        longitude: (lon + (random() - 0.5) * 0.01).toFixed(7),
        blockAddress: address,
        beat: 'OOJ',
        precinct: 'OOJ',
        sector: 'OOJ',
        reportingArea: '',
      };
      table = oojTables[month] ?? oojTables[0]!;
    } else {
      const name = mcppTable.draw(random);
      place = placeIn(name);
      table = (tablesByMcpp.get(name) ?? [])[month]!;
      if (kind < 0.016) {
        // Redacted locations: sensitive offences; coordinates either the word or empty.
        const blank = random() < 0.5 ? '' : 'REDACTED';
        place = { ...place, blockAddress: 'REDACTED', latitude: blank, longitude: blank };
      } else if (kind < 0.026) {
        place = { ...place, beat: '-', sector: '-' };
      }
    }
    // About one report in twelve lists two or three offences.
    const extra = random() < 0.085 ? (random() < 0.8 ? 1 : 2) : 0;
    for (let k = 0; k <= extra && rows.length < options.rows; k += 1) {
      const offense: Offense | 'NOT_A_CRIME' =
        random() < 0.005 ? 'NOT_A_CRIME' : table.draw(random);
      const median = offense !== 'NOT_A_CRIME' && offense.info.against === 'PROPERTY' ? 14 : 2;
      const lagMs = Math.round(drawHours(random, median, 1.4) * 3600) * 1000;
      rows.push({ reported, occurred: reported - lagMs, offense, place });
      reportOf.push(reports);
    }
    reports += 1;
  }

  // Report numbers count up within each year in order of reporting, as SPD's do; the offences
  // of one report are contiguous in `rows` and share its report time.
  const reportRows = new Map<number, number[]>();
  reportOf.forEach((r, i) => reportRows.set(r, [...(reportRows.get(r) ?? []), i]));
  const ordered = [...reportRows.values()].sort(
    (a, b) =>
      (rows[a[0] ?? 0]?.reported ?? 0) - (rows[b[0] ?? 0]?.reported ?? 0) ||
      (a[0] ?? 0) - (b[0] ?? 0),
  );
  const perYear = new Map<number, number>();
  let offenseId = 45_000_000_000;
  const numbered: Row[] = [];
  for (const members of ordered) {
    const first = rows[members[0] ?? 0];
    if (!first) continue;
    const year = new Date(first.reported).getUTCFullYear();
    const n = (perYear.get(year) ?? 0) + randomInt(random, 1, 9);
    perYear.set(year, n);
    for (const i of members) {
      const row = rows[i];
      if (!row) continue;
      offenseId += randomInt(random, 1, 40);
      numbered.push({ ...row, reportNumber: `${year}-${pad(n, 6)}`, offenseId });
    }
  }

  const lines = [SEATTLE_COLUMNS.join(',')];
  for (const row of numbered) {
    const notACrime = row.offense === 'NOT_A_CRIME';
    const info = notACrime ? undefined : (row.offense as Offense);
    const code = info ? codeTables.get(info.group)!.draw(random) : undefined;
    const fields = [
      row.reportNumber,
      formatFloating(row.reported),
      String(row.offenseId),
      formatFloating(row.occurred),
      info ? info.info.groupAB : '-',
      info ? info.info.against : 'NOT_A_CRIME',
      info ? info.group : 'NOT_A_CRIME',
      info ? info.info.category : 'NOT_A_CRIME',
      code ? code[1] : 'Not a Crime',
      code ? code[0] : '999',
      row.place.blockAddress,
      row.place.latitude,
      row.place.longitude,
      row.place.beat,
      row.place.precinct,
      row.place.sector,
      row.place.neighborhood,
      row.place.reportingArea,
    ];
    lines.push(fields.map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

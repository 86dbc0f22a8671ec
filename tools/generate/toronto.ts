/**
 * Pure, seeded generator of Toronto 311 requests in the exact published layout of
 * "311 Service Requests – Customer Initiated" (CKAN, one CSV per year):
 *
 *   Creation Date,Status,First 3 Chars of Postal Code,Intersection Street 1,
 *   Intersection Street 2,Ward,Service Request Type,Division,Section
 *
 * Since 2022 the City writes the fields unquoted, so "Parks, Forestry & Recreation" splits a
 * row into ten fields. The generator reproduces that on purpose: loaders must repair it.
 *
 * Calibration comes from real figures (see toronto-calibration.ts); volume is about 1/30 of
 * the real city (≈55 requests a day instead of ≈1,700).
 */
import type { TaxonomyRow, TorontoCalibration } from './toronto-calibration';
import { mulberry32, pick, randomInt, WeightedTable } from './prng';
import type { Random } from './prng';

export const TORONTO_HEADER =
  'Creation Date,Status,First 3 Chars of Postal Code,Intersection Street 1,Intersection Street 2,Ward,Service Request Type,Division,Section';

/**
 * The 2010 file names the forestry division "Urban Forestry"; since 2011 Urban Forestry is a
 * branch of Parks, Forestry & Recreation, which is the Division the current file carries (the
 * comma in it is the real unquoted-field quirk). The 2010 section is kept.
 */
export const DIVISION_RENAMES: Record<string, string> = {
  'Urban Forestry': 'Parks, Forestry & Recreation',
};
/** Divisions that contain a comma, as published. */
export const COMMA_DIVISIONS = ['Parks, Forestry & Recreation'] as const;

/**
 * Types in the 2026 aggregates but not in the 2010 taxonomy: their division and section are
 * copied from the 2010 type they replaced (matched by name/meaning, stated per line).
 */
const ANALOGUE_2010: Record<string, string> = {
  'Property Standards and Maintenance Violations': 'Property Standards',
  'Long Grass and Prohibited Plants on Private Property': 'Long Grass and Weeds',
  'Tree Emergency Clean-Up': 'Storm Clean Up', // Urban Forestry storm debris
  'Residential Bin Lid Damaged': 'Residential: Bin: Repair or Replace Lid',
  // Wildlife: Toronto Animal Services is part of ML&S; the 2010 file has no TAS section,
  // so the ML&S enforcement section is used.
  'Injured - Wildlife': 'Noise',
  'Pick up Dead Wildlife': 'Noise',
  'Road Pothole / Road Damage': 'Road - Damaged',
  'Amplified or Musical Instrument Noise': 'Noise',
  'Residential - Garbage Day Collection - Not Picked Up': 'Res / Garbage / Missed',
  'Residential Oversized/Electronics Item Day Collection Not Picked Up':
    'Residential Furniture / Missed',
  'Clean up Debris on Road': 'Road - Cleaning/Debris',
  'Graffiti on Private Property': 'Graffiti',
  'Clean up Illegal Dumping on City Road Allowance': 'Road - Cleaning/Debris',
  'Residential or Park Tree Removal': 'General Tree Maintenance',
  'Traffic Signal Repair': 'Traffic Signal Maintenance',
};

/**
 * Winter types: neither calibration source has one (the 2010 file has no winter request
 * types and the aggregates are a summer window), yet winter maintenance is a large share of
 * Toronto's winter calls. Names follow the City's request-type style; division and section
 * are those of the 2010 plough-damage types (Transportation Services / Road Operations).
 * `peakShare` is the type's share of all requests in its peak month.
 */
const WINTER_TYPES: { type: string; peakShare: number }[] = [
  { type: 'Road - Snow Clearing', peakShare: 0.035 },
  { type: 'Sidewalk - Snow Clearing', peakShare: 0.03 },
  { type: 'Road - Ice / Salting Required', peakShare: 0.02 },
  { type: 'Sidewalk - Ice / Salting Required', peakShare: 0.015 },
];
const WINTER_DIVISION = { division: 'Transportation Services', section: 'Road Operations' };

/** 2010 types left out: election signs (no municipal election in 2024–2025). Types whose name
 * or Section holds a comma are left out too (2 + 10 requests in 2010: "Transfer Station
 * Comment", "Litter / Bin / Reinstall, Replace Missing"), so every ten-field row comes from
 * the Division, which is the quirk the loaders repair. */
const EXCLUDED_2010 = new Set(['Election Signs']);
const hasComma = (t: TaxonomyRow) => t.type.includes(',') || t.section.includes(',');

/** Multipliers by month (index 0 = January). Matched on the type name, first rule wins. */
const SEASONS: { pattern: RegExp; months: number[] }[] = [
  {
    pattern: /snow|ice \/ salting|plough/i,
    months: [1.3, 1.2, 0.6, 0.1, 0, 0, 0, 0, 0, 0, 0.1, 1],
  },
  {
    pattern: /long grass|weed|grass needs cutting/i,
    months: [0, 0, 0, 0.1, 0.7, 1.2, 1.3, 1.1, 0.6, 0.15, 0, 0],
  },
  {
    pattern: /pruning|stemming|tree removal|tree maintenance|tree planting/i,
    months: [0.35, 0.35, 0.45, 0.6, 0.9, 1.1, 1.1, 0.9, 0.7, 0.55, 0.45, 0.35],
  },
  {
    pattern: /tree emergency|storm clean up/i,
    months: [0.5, 0.5, 0.5, 0.6, 0.9, 1.1, 1.1, 0.9, 0.6, 0.5, 0.5, 0.5],
  },
  { pattern: /yard waste/i, months: [0.05, 0.05, 0.2, 0.9, 1.1, 1, 0.9, 0.9, 1, 1.2, 1.1, 0.2] },
  { pattern: /leaf/i, months: [0, 0, 0, 0.1, 0.1, 0, 0, 0, 0.2, 1, 1.2, 0.3] },
  { pattern: /wildlife/i, months: [0.4, 0.4, 0.6, 0.9, 1.1, 1.1, 1, 0.9, 0.8, 0.6, 0.5, 0.4] },
  { pattern: /noise/i, months: [0.5, 0.5, 0.6, 0.7, 0.9, 1.1, 1.1, 1, 0.8, 0.7, 0.6, 0.5] },
  {
    pattern: /pothole|road - damaged|road damaged/i,
    months: [1.4, 2, 2.2, 1.8, 1.2, 1, 0.9, 0.9, 0.8, 0.8, 0.9, 1.1],
  },
  {
    pattern: /adequate heat/i,
    months: [1.6, 1.5, 1.2, 0.8, 0.3, 0.05, 0.02, 0.02, 0.2, 0.9, 1.3, 1.5],
  },
  {
    pattern: /no water|turn off\/burst|watermain/i,
    months: [1.6, 1.7, 1.2, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1.3],
  },
];

/** Summer months of the aggregates window (2026-05-19 … 2026-08-17), January = 0. */
const WINDOW_MONTHS = [4, 5, 6, 7];
/** No single "other" type may exceed this share: the aggregates list every type above 1.37%. */
const OTHER_TYPE_CAP = 0.012;

const STREETS = [
  'Yonge St',
  'Bloor St W',
  'Bloor St E',
  'Queen St E',
  'Queen St W',
  'Dundas St W',
  'King St W',
  'Eglinton Ave E',
  'Eglinton Ave W',
  'Finch Ave W',
  'Finch Ave E',
  'Sheppard Ave E',
  'Sheppard Ave W',
  'Lawrence Ave E',
  'Lawrence Ave W',
  'Steeles Ave W',
  'Danforth Ave',
  'Spadina Ave',
  'Bathurst St',
  'Jane St',
  'Keele St',
  'Dufferin St',
  'Kipling Ave',
  'Islington Ave',
  'Warden Ave',
  'Kennedy Rd',
  'Markham Rd',
  'Victoria Park Ave',
  'Don Mills Rd',
  'Leslie St',
  'Bayview Ave',
  'St Clair Ave W',
  'College St',
  'Gerrard St E',
  'Kingston Rd',
  'Lake Shore Blvd W',
  'Weston Rd',
  'Avenue Rd',
  'Pape Ave',
  'Jarvis St',
] as const;

/** First 3 characters seen in the real file that are not a Toronto FSA: 905 region, typos. */
const ODD_POSTAL_VALUES = ['L4T', 'L4K', 'L3R', 'L1V', 'L5B', 'M5', 'N/A'] as const;

export interface TorontoGenerateOptions {
  rows: number;
  /** Inclusive, YYYY-MM-DD, local time. */
  from: string;
  to: string;
  seed: number;
}

interface TypeSpec {
  type: string;
  division: string;
  section: string;
  /** Weight per month (12 values). */
  monthly: number[];
  /** Percent completed within 90 days (aggregates, or the city rate). */
  completionRate: number;
  /** Road and traffic requests are often reported at an intersection. */
  intersectionShare: number;
}

function seasonOf(type: string): number[] {
  return SEASONS.find((s) => s.pattern.test(type))?.months ?? Array.from({ length: 12 }, () => 1);
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function divisionOf(row: Pick<TaxonomyRow, 'division' | 'section'>): {
  division: string;
  section: string;
} {
  return { division: DIVISION_RENAMES[row.division] ?? row.division, section: row.section };
}

/** Builds every type with its monthly weight so that May–Aug shares match the aggregates. */
export function buildTypeSpecs(calibration: TorontoCalibration): TypeSpec[] {
  const byName = new Map(calibration.taxonomy.map((t) => [t.type, t]));
  const windowTotal = calibration.topTypes.reduce((a, t) => a + t.count, 0);
  const cityWindowCount = calibration.windowCount;
  const topShareTotal = windowTotal / cityWindowCount;
  const intersectionShareOf = (type: string, division: string) =>
    /road|signal|pothole|debris|noise|sidewalk|snow|salting/i.test(type) ||
    division === 'Transportation Services'
      ? 0.45
      : 0.12;

  const specs: TypeSpec[] = [];
  for (const top of calibration.topTypes) {
    const taxonomy = byName.get(top.type) ?? byName.get(ANALOGUE_2010[top.type] ?? '');
    if (!taxonomy) throw new Error(`no division for top type ${top.type}: add it to ANALOGUE_2010`);
    const season = seasonOf(top.type);
    const norm = mean(WINDOW_MONTHS.map((m) => season[m] ?? 0));
    const share = top.count / cityWindowCount;
    const { division, section } = divisionOf(taxonomy);
    specs.push({
      type: top.type,
      division,
      section,
      monthly: season.map((v) => (share * v) / norm),
      completionRate: top.completionRate,
      intersectionShare: intersectionShareOf(top.type, division),
    });
  }

  const topNames = new Set(calibration.topTypes.map((t) => t.type));
  const replaced = new Set(Object.values(ANALOGUE_2010));
  const others = calibration.taxonomy.filter(
    (t) =>
      !topNames.has(t.type) && !replaced.has(t.type) && !EXCLUDED_2010.has(t.type) && !hasComma(t),
  );
  // Shares of the remaining volume by 2010 counts, capped so no other type enters the top list.
  const otherMass = 1 - topShareTotal;
  let shares = others.map((t) => t.count2010);
  for (let i = 0; i < 20; i += 1) {
    const total = shares.reduce((a, b) => a + b, 0);
    const capped = shares.map((s) => Math.min((s / total) * otherMass, OTHER_TYPE_CAP));
    const cappedTotal = capped.reduce((a, b) => a + b, 0);
    shares = capped.map((s) => (s * otherMass) / cappedTotal);
    if (shares.every((s) => s <= OTHER_TYPE_CAP + 1e-9)) break;
  }
  others.forEach((t, i) => {
    const season = seasonOf(t.type);
    const norm = mean(WINDOW_MONTHS.map((m) => season[m] ?? 0)) || mean(season);
    const share = shares[i] ?? 0;
    const { division, section } = divisionOf(t);
    specs.push({
      type: t.type,
      division,
      section,
      monthly: season.map((v) => (share * v) / norm),
      completionRate: calibration.cityCompletionRate,
      intersectionShare: intersectionShareOf(t.type, division),
    });
  });

  for (const winter of WINTER_TYPES) {
    const season = seasonOf(winter.type);
    const peak = Math.max(...season);
    specs.push({
      type: winter.type,
      ...WINTER_DIVISION,
      monthly: season.map((v) => (winter.peakShare * v) / peak),
      completionRate: 80,
      intersectionShare: 0.45,
    });
  }
  return specs;
}

/** Days between two dates given as epoch milliseconds. */
const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The file's timestamp format: "2024-03-05 14:22:31.0000000" (local wall-clock time). */
export function formatCreationDate(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(
    date.getUTCHours(),
  )}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.0000000`;
}

/**
 * Status as it stands on the day after `to`: the share completed grows with age. At 0–90 days
 * the type's real 90-day completion rate applies (ramping up from 0.6× for brand-new requests);
 * beyond that the open remainder decays with a 180-day time constant.
 */
function drawStatus(random: Random, ageDays: number, completionRate: number): string {
  if (random() < 0.03) return 'Cancelled';
  const c = completionRate / 100;
  const completed =
    ageDays <= 90
      ? c * (0.6 + (0.8 * Math.min(ageDays, 90)) / 90)
      : 1 - (1 - c * 1.4) * Math.exp(-(ageDays - 90) / 180);
  if (random() < Math.min(completed, 0.995)) return 'Completed';
  const open = random();
  return open < 0.55 ? 'In Progress' : open < 0.85 ? 'New' : 'Initiated';
}

/**
 * Types are allotted per calendar month by largest remainder on the month's weights, then
 * shuffled: the mix of each month follows the calibration without sampling noise (a random
 * draw per row moves a 3.7% type by ±0.4pp in a summer, enough to reorder the real top 5).
 */
function assignTypesByMonth(random: Random, times: number[], specs: TypeSpec[]): TypeSpec[] {
  const byMonth = new Map<string, number[]>();
  times.forEach((t, i) => {
    const key = new Date(t).toISOString().slice(0, 7);
    const list = byMonth.get(key) ?? [];
    list.push(i);
    byMonth.set(key, list);
  });
  const result: TypeSpec[] = new Array<TypeSpec>(times.length);
  for (const [key, indices] of byMonth) {
    const month = Number(key.slice(5, 7)) - 1;
    const weights = specs.map((s) => s.monthly[month] ?? 0);
    const total = weights.reduce((a, b) => a + b, 0);
    const exact = weights.map((w) => (w / total) * indices.length);
    const counts = exact.map(Math.floor);
    let missing = indices.length - counts.reduce((a, b) => a + b, 0);
    const order = exact
      .map((e, j) => ({ j, remainder: e - Math.floor(e) }))
      .sort((a, b) => b.remainder - a.remainder || a.j - b.j);
    for (const { j } of order) {
      if (missing <= 0) break;
      counts[j] = (counts[j] ?? 0) + 1;
      missing -= 1;
    }
    const pool: TypeSpec[] = [];
    counts.forEach((n, j) => {
      const spec = specs[j];
      if (spec) for (let k = 0; k < n; k += 1) pool.push(spec);
    });
    for (let k = pool.length - 1; k > 0; k -= 1) {
      const r = Math.floor(random() * (k + 1));
      [pool[k], pool[r]] = [pool[r]!, pool[k]!];
    }
    indices.forEach((rowIndex, k) => {
      const spec = pool[k];
      if (spec) result[rowIndex] = spec;
    });
  }
  return result;
}

export function generateTorontoRows(
  calibration: TorontoCalibration,
  options: TorontoGenerateOptions,
): string[][] {
  const random = mulberry32(options.seed);
  const start = Date.parse(`${options.from}T00:00:00Z`);
  const end = Date.parse(`${options.to}T00:00:00Z`);
  if (!(end >= start)) throw new Error(`--to ${options.to} is before --from ${options.from}`);
  const asOf = end + DAY_MS;

  const days: number[] = [];
  const dayWeights: number[] = [];
  for (let t = start; t <= end; t += DAY_MS) {
    const dow = new Date(t).getUTCDay();
    days.push(t);
    dayWeights.push(dow === 0 || dow === 6 ? 1 : calibration.weekdayWeekendRatio);
  }
  const dayTable = new WeightedTable(days, dayWeights);
  const hourTable = new WeightedTable(
    calibration.hourProfile.map((_, h) => h),
    calibration.hourProfile,
  );
  const wardTable = new WeightedTable(
    calibration.wards,
    calibration.wards.map((w) => w.count),
  );
  const specs = buildTypeSpecs(calibration);
  const fsaTables = new Map(
    Object.entries(calibration.fsaWeights).map(([code, list]) => [
      code,
      new WeightedTable(
        list.map((f) => f.fsa),
        list.map((f) => f.weight),
      ),
    ]),
  );

  const times: number[] = [];
  for (let i = 0; i < options.rows; i += 1) {
    const day = dayTable.draw(random);
    times.push(day + hourTable.draw(random) * 3_600_000 + randomInt(random, 0, 3599) * 1000);
  }
  const specOfRow = assignTypesByMonth(random, times, specs);

  const rows: { time: number; fields: string[] }[] = [];
  for (const [i, time] of times.entries()) {
    const spec = specOfRow[i];
    if (!spec) throw new Error(`row ${i} got no type`);
    const ward = wardTable.draw(random);
    const status = drawStatus(random, (asOf - time) / DAY_MS, spec.completionRate);

    let postal: string;
    let street1 = '';
    let street2 = '';
    const where = random();
    if (where < spec.intersectionShare) {
      postal = 'Int';
      street1 = pick(random, STREETS);
      do street2 = pick(random, STREETS);
      while (street2 === street1);
    } else if (where < spec.intersectionShare + 0.02) postal = '';
    else if (where < spec.intersectionShare + 0.024) postal = pick(random, ODD_POSTAL_VALUES);
    else postal = fsaTables.get(ward.code)?.draw(random) ?? '';
    // A few requests carry no ward (address could not be geocoded to one).
    const wardText = random() < 0.003 ? '' : ward.label;

    rows.push({
      time,
      fields: [
        formatCreationDate(new Date(time)),
        status,
        postal,
        street1,
        street2,
        wardText,
        spec.type,
        spec.division,
        spec.section,
      ],
    });
  }
  rows.sort((a, b) => a.time - b.time);
  return rows.map((r) => r.fields);
}

/** The CSV text as the City publishes it: header, fields joined by commas, never quoted. */
export function generateTorontoCsv(
  calibration: TorontoCalibration,
  options: TorontoGenerateOptions,
): string {
  const lines = generateTorontoRows(calibration, options).map((fields) => fields.join(','));
  return `${TORONTO_HEADER}\n${lines.join('\n')}\n`;
}

/**
 * `npm run crosswalk -- <city>`: proposes config/crosswalks/<city>.csv rows for the request types
 * the published warehouse holds as Unmapped (no group or type rule placed them). A type whose
 * group the crosswalk does not know gets a group row, so every type of that group is placed at
 * once; a type without a group gets a type row. Categories are proposed by keyword rules and only
 * from the taxonomy (lib/categories.ts); a type no rule recognises is listed for a person to
 * decide and nothing is written for it. Existing lines are kept as they are: review the
 * additions (git diff) before committing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCities } from '@/lib/cities';
import { UNMAPPED_CATEGORY } from '@/lib/categories';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { parseCrosswalk, type CrosswalkRow } from '@/pipeline/crosswalk';

const SERVICE_RULES: [RegExp, string][] = [
  [/snow|\bice\b|salt|plow|plough|windrow|shovel/i, 'Snow & ice'],
  [/noise|amplified|music|barking|loud/i, 'Noise'],
  [/graffiti|mural|illegal post/i, 'Graffiti'],
  [
    /street ?light|signal|\bsigns?\b|pavement marking|crosswalk|traffic/i,
    'Traffic, signs & lights',
  ],
  [/parking|abandoned (vehicle|bicycle|bike)|tow|meter|curb colou?r/i, 'Parking & vehicles'],
  [
    /garbage|recycl|\bbins?\b|cart|collection|litter|dumping|waste|trash|rubbish|bulk|compost|sanitation|street clean|sweep|needle/i,
    'Waste & cleaning',
  ],
  [/water|sewer|drain|catch ?basin|hydrant|flood|storm|watermain/i, 'Water & sewer'],
  [/tree|prun|forestry|park|cemetery/i, 'Trees & parks'],
  [
    /animal|wildlife|dog|\bcat\b|raccoon|rodent|\brats?\b|pest|bird|coyote|mosquito/i,
    'Animals & pests',
  ],
  [
    /pot ?hole|road|sidewalk|pavement|curb|bridge|boulevard|asphalt|sinkhole|manhole/i,
    'Streets & sidewalks',
  ],
  [
    /property|bylaw|zoning|building|housing|heat|construction|fence|rental|living condition|code enforcement/i,
    'Housing & buildings',
  ],
  [/general|comment|information|inquiry|feedback|request for service/i, 'General requests'],
];

const CRIME_RULES: [RegExp, string][] = [
  [/assault|homicide|murder|robbery|kidnap|rape|sex offen|threat|intimidation/i, 'Violent crime'],
  [
    /theft|burglary|larceny|shoplift|fraud|vandal|damage|stolen|arson|embezzle|forgery|counterfeit|prowl|pickpocket/i,
    'Property crime',
  ],
  [
    /drug|narcotic|weapon|trespass|dui|warrant|disturbance|liquor|prostitution|traffic/i,
    'Other offences',
  ],
];

export function proposeCategory(name: string, kind: '311' | 'crime'): string | undefined {
  for (const [pattern, category] of kind === 'crime' ? CRIME_RULES : SERVICE_RULES) {
    if (pattern.test(name)) return category;
  }
  return undefined;
}

export type Unplaced = { type: string; group: string | null; rows: number };

/** Proposed rows for the unmapped types, and the types left for a person to decide. */
export function proposeRows(
  unplaced: readonly Unplaced[],
  kind: '311' | 'crime',
): { rows: CrosswalkRow[]; undecided: Unplaced[] } {
  const rows: CrosswalkRow[] = [];
  const undecided: Unplaced[] = [];
  const groups = new Set<string>();
  for (const item of unplaced) {
    if (item.group !== null && groups.has(item.group)) continue;
    // A group rule places every type of the group, the ones to come included: preferred.
    const byGroup = item.group === null ? undefined : proposeCategory(item.group, kind);
    if (item.group !== null && byGroup) {
      groups.add(item.group);
      rows.push({ group: item.group, subgroup: null, type: null, category: byGroup });
      continue;
    }
    const byType = proposeCategory(item.type, kind);
    if (byType) rows.push({ group: null, subgroup: null, type: item.type, category: byType });
    else undecided.push(item);
  }
  return { rows, undecided };
}

export function formatCrosswalk(rows: readonly CrosswalkRow[]): string {
  const cell = (value: string | null) => (value === null ? '' : `"${value.replaceAll('"', '""')}"`);
  // Group rules first, then type overrides; each sorted, so the file diffs cleanly.
  const key = (r: CrosswalkRow) =>
    `${r.type === null ? 0 : 1}|${r.group ?? ''}|${r.subgroup ?? ''}|${r.type ?? ''}`;
  const sorted = [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  return (
    [
      'group,subgroup,type,category',
      ...sorted.map((r) => [r.group, r.subgroup, r.type, r.category].map(cell).join(',')),
    ].join('\n') + '\n'
  );
}

async function main() {
  const cityId = process.argv[2];
  if (!cityId) throw new Error('usage: npm run crosswalk -- <city>');
  const city = loadCities().get(cityId);
  if (!city) throw new Error(`no city "${cityId}" in config/cities`);
  const file = path.join(process.cwd(), city.crosswalk);
  const existing = existsSync(file)
    ? parseCrosswalk(readFileSync(file, 'utf8'), file, city.kind)
    : [];
  const db = await openDuckDb(process.env.DUCKDB_PATH ?? 'data/warehouse.duckdb', {
    readOnly: true,
  });
  const unplaced = await db
    .query<Unplaced>(
      `select type, type_group as "group", count(*) as rows from fact_requests
       where city = ? and category = ? group by all order by rows desc, type`,
      [city.id, UNMAPPED_CATEGORY],
    )
    .finally(() => db.close());
  const { rows, undecided } = proposeRows(unplaced, city.kind);
  if (rows.length) writeFileSync(file, formatCrosswalk([...existing, ...rows]));
  console.log(`${city.crosswalk}: ${existing.length} rules kept, ${rows.length} proposed`);
  for (const row of rows) {
    console.log(
      `  + ${row.type ? `type "${row.type}"` : `group "${row.group}"`} → ${row.category}`,
    );
  }
  if (undecided.length) {
    console.log(
      `${undecided.length} unmapped type${undecided.length === 1 ? ' needs' : 's need'} a decision (no rule recognised ${undecided.length === 1 ? 'it' : 'them'}):`,
    );
    for (const u of undecided)
      console.log(`  ? "${u.type}" (group ${u.group ?? 'none'}, ${u.rows} rows)`);
  }
}

if (process.argv[1]?.endsWith('make-crosswalk.ts')) await main();

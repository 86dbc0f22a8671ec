/**
 * `npx tsx scripts/make-crosswalk.ts <city>`: adds the request types seen in the published
 * warehouse that config/crosswalks/<city>.csv does not list yet, with a category proposed by
 * keyword rules. Existing lines are kept as they are (the file is versioned and hand-edited);
 * review the additions before committing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';

const RULES: [RegExp, string][] = [
  [/snow|ice|salt|plow|plough|windrow/i, 'Snow & ice'],
  [/noise|amplified|music|barking/i, 'Noise'],
  [/graffiti|mural/i, 'Graffiti'],
  [
    /garbage|recycl|bin\b|bin:|bins|collection|litter|dumping|waste|trash|rubbish|bulk|oversized|compost|green bin|sanitation|street clean|sweep|encampment|needle/i,
    'Waste & cleanliness',
  ],
  [/tree|prun|forestry|park|grass|weeds|leaf|leaves|stump/i, 'Trees & parks'],
  [
    /pot ?hole|road|sidewalk|pavement|curb|street light|streetlight|bridge|boulevard|asphalt|sign\b|signs|sinkhole/i,
    'Streets & sidewalks',
  ],
  [/signal|traffic|parking|vehicle|car\b|bike|bicycle|scooter|meter/i, 'Traffic & parking'],
  [/water|sewer|drain|catch basin|hydrant|flood|storm|watermain/i, 'Water & sewer'],
  [/animal|wildlife|dog|cat\b|raccoon|rodent|rat|pest|bird|coyote/i, 'Animals & pests'],
  [
    /property|bylaw|zoning|building|housing|heat|construction|fence|pool|lot|yard|residential/i,
    'Property & bylaws',
  ],
  [
    /assault|theft|burglary|robbery|larceny|fraud|vandal|damage|drug|weapon|homicide|trespass|crime|offense|offence|shoplifting|stolen/i,
    'Crime',
  ],
];

export function proposeCategory(type: string): string {
  for (const [pattern, category] of RULES) if (pattern.test(type)) return category;
  return 'Other';
}

async function main() {
  const city = process.argv[2];
  if (!city) throw new Error('usage: make-crosswalk <city>');
  const file = `config/crosswalks/${city}.csv`;
  const existing = existsSync(file)
    ? parse<{ type: string; category: string }>(readFileSync(file, 'utf8'), { columns: true })
    : [];
  const known = new Set(existing.map((row) => row.type));
  const db = await openDuckDb(process.env.DUCKDB_PATH ?? 'data/warehouse.duckdb', {
    readOnly: true,
  });
  const types = await db.query<{ type: string }>(
    'select distinct type from fact_requests where city = ? order by type',
    [city],
  );
  await db.close();
  const added = types
    .filter((t) => !known.has(t.type))
    .map((t) => ({ type: t.type, category: proposeCategory(t.type) }));
  const rows = [...existing, ...added].sort((a, b) => a.type.localeCompare(b.type));
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  writeFileSync(
    file,
    ['type,category', ...rows.map((r) => `${quote(r.type)},${quote(r.category)}`)].join('\n') +
      '\n',
  );
  console.log(`${file}: ${existing.length} kept, ${added.length} added`);
}

if (process.argv[1]?.endsWith('make-crosswalk.ts')) await main();

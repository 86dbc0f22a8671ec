/**
 * A city's crosswalk (config/crosswalks/<city>.csv) and channel map, read, checked against the
 * shared vocabularies (lib/categories.ts) and loaded as the temp tables stg_checked.sql joins.
 *
 * A crosswalk row places either a group (the city's own published grouping, optionally with a
 * subgroup) or a single type, which overrides its group. Columns: group, subgroup, type,
 * category; a file with only type and category (the older form) is read the same way.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { UNMAPPED_CATEGORY, categoriesFor } from '@/lib/categories';
import type { CityConfig, Layout } from '@/lib/cities/schema';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import type { Drift } from './layouts';
import type { Logger } from './log';

export class CrosswalkError extends Error {
  override name = 'CrosswalkError';
}

export interface CrosswalkRow {
  group: string | null;
  subgroup: string | null;
  type: string | null;
  category: string;
}

const COLUMNS = ['group', 'subgroup', 'type', 'category'] as const;

/** Parse and check a crosswalk: known columns, one rule per key, categories from the taxonomy. */
export function parseCrosswalk(
  text: string,
  file: string,
  kind: CityConfig['kind'],
): CrosswalkRow[] {
  const records: Record<string, string>[] = parse(text, {
    columns: (header: string[]) => header.map((name) => name.trim()),
    skip_empty_lines: true,
    trim: true,
  });
  const header = Object.keys(records[0] ?? {});
  const unknown = header.filter((name) => !(COLUMNS as readonly string[]).includes(name));
  if (unknown.length || (records.length && !header.includes('category'))) {
    throw new CrosswalkError(
      `${file}: columns must be ${COLUMNS.join(', ')} (found ${header.join(', ') || 'none'})`,
    );
  }
  const allowed = new Set(categoriesFor(kind));
  const seen = new Set<string>();
  return records.map((record, i) => {
    const line = i + 2;
    const value = (name: string) => record[name] || null;
    const row: CrosswalkRow = {
      group: value('group'),
      subgroup: value('subgroup'),
      type: value('type'),
      category: record.category ?? '',
    };
    if (!allowed.has(row.category)) {
      throw new CrosswalkError(
        `${file} line ${line}: "${row.category}" is not a ${kind} category (one of: ${[...allowed].join(', ')})`,
      );
    }
    if (row.type ? row.group || row.subgroup : !row.group) {
      throw new CrosswalkError(
        `${file} line ${line}: a row names either a type, or a group (with an optional subgroup)`,
      );
    }
    const key = JSON.stringify([row.group, row.subgroup, row.type]);
    if (seen.has(key)) throw new CrosswalkError(`${file} line ${line}: duplicate rule ${key}`);
    seen.add(key);
    return row;
  });
}

/** Temp tables `crosswalk(grp, subgroup, type, category)` and `channel_map(raw, channel)`. */
export async function loadCrosswalk(
  db: DuckDbWarehouse,
  city: CityConfig,
  file: string,
): Promise<{ rules: number; channels: number }> {
  const rows = parseCrosswalk(readFileSync(file, 'utf8'), file, city.kind);
  await db.run(
    'create or replace temp table crosswalk (grp varchar, subgroup varchar, type varchar, category varchar not null)',
  );
  if (rows.length) {
    await db.run(
      `insert into crosswalk values ${rows.map(() => '(?, ?, ?, ?)').join(', ')}`,
      rows.flatMap((r) => [r.group, r.subgroup, r.type, r.category]),
    );
  }
  const channels = Object.entries(city.channels).map(([raw, channel]) => [
    raw.trim().toLowerCase(),
    channel,
  ]);
  const twice = channels.filter(([raw], i) => channels.findIndex(([r]) => r === raw) !== i);
  if (twice.length) {
    throw new CrosswalkError(
      `${city.id}: channels lists ${twice.map(([raw]) => `"${raw}"`).join(', ')} more than once (values are compared case-insensitively)`,
    );
  }
  await db.run(
    'create or replace temp table channel_map (raw varchar primary key, channel varchar)',
  );
  if (channels.length) {
    await db.run(
      `insert into channel_map values ${channels.map(() => '(?, ?)').join(', ')}`,
      channels.flat(),
    );
  }
  return { rules: rows.length, channels: channels.length };
}

/**
 * Category drift of one loaded file: the types stg_final left unmapped, with their group and
 * row counts, logged and added to the file's drift record (pipeline_runs.drift).
 */
export async function unmappedDrift(
  db: DuckDbWarehouse,
  log: Logger,
  city: CityConfig,
  layout: Layout,
  file: string,
  drift: Drift | undefined,
): Promise<Drift | undefined> {
  const unmapped = await db.query<{ type: string; group: string | null; rows: number }>(
    `select type, type_group as "group", count(*) as rows from stg_final where category = ?
     group by all order by rows desc, type`,
    [UNMAPPED_CATEGORY],
  );
  if (!unmapped.length) return drift;
  const rows = unmapped.reduce((sum, t) => sum + t.rows, 0);
  log.warn(
    { city: city.id, file, types: unmapped.length, rows, unmapped: unmapped.slice(0, 20) },
    `unmapped types: ${unmapped.length} type${unmapped.length === 1 ? '' : 's'} (${rows} rows) have no category; npm run crosswalk -- ${city.id} proposes entries`,
  );
  return {
    ...(drift ?? { layout: layout.id, added: [], removed: [], missingOptional: [] }),
    unmapped,
  };
}

/**
 * Stage "dedupe and upsert": of the typed, deduplicated batch (stg_final), the records that are
 * new or changed (and not older than what is stored) replace their stored versions. Counts are
 * checked: every row read is loaded, quarantined or superseded, nothing else.
 */
import type { CityConfig } from '@/lib/cities';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { sql } from '../sql-files';
import { QualityError } from './quality';

export interface UpsertCounts {
  counts: {
    rows: number;
    quarantined: number;
    accepted: number;
    final: number;
    changed: number;
    stale: number;
  };
  loaded: number;
  superseded: number;
  unchanged: number;
}

/** Upserts stg_changes into fact_requests; the months it touches are added to `affected`. */
export async function upsertChanges(
  db: DuckDbWarehouse,
  city: CityConfig,
  file: string,
  affected: Set<string>,
): Promise<UpsertCounts> {
  await db.run(sql('staging/stg_changes.sql'));
  const [counts] = await db.query<{
    rows: number;
    quarantined: number;
    accepted: number;
    final: number;
    changed: number;
    stale: number;
  }>(sql('staging/stg_counts.sql'));
  if (!counts) throw new Error('count query returned nothing');
  const superseded = counts.accepted - counts.final + counts.stale;
  const loaded = counts.final - counts.stale;
  const unchanged = loaded - counts.changed;
  // Conservation: every row read is loaded, quarantined or superseded; nothing else.
  if (counts.rows !== loaded + counts.quarantined + superseded) {
    throw new QualityError(
      `${city.id}/${file}: ${counts.rows} rows read but ${loaded} loaded + ${counts.quarantined} quarantined + ${superseded} superseded`,
    );
  }

  const months = await db.query<{ month: string }>(sql('staging/stg_changed_months.sql'));
  for (const { month } of months) affected.add(month);

  await db.run(sql('intermediate/fact_request_area_delete_changed.sql'), [city.id]);
  await db.run(sql('intermediate/fact_requests_delete_changed.sql'), [city.id]);
  await db.run(sql('intermediate/fact_requests_insert_changed.sql'));
  return { counts, loaded, superseded, unchanged };
}

/**
 * Stage "dedupe and upsert": of the typed, deduplicated batch (stg_final), the records that are
 * new or changed (and not older than what is stored) replace their stored versions. Counts are
 * checked: every row read is loaded, quarantined or superseded, nothing else.
 */
import type { CityConfig } from '@/lib/cities';
import type { DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
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
  // A stored version edited later than the incoming one wins (late, older re-sends).
  await db.run(`create or replace temp table stg_changes as
    select s.* from stg_final s
    left join fact_requests f on f.city = s.city and f.request_id = s.request_id
    where f.request_id is null
       or (f.row_hash <> s.row_hash and not coalesce(f.updated > s.updated, false))`);
  const [counts] = await db.query<{
    rows: number;
    quarantined: number;
    accepted: number;
    final: number;
    changed: number;
    stale: number;
  }>(`select
      (select count(*) from stg_batch) + (select count(*) from raw_rejects) as rows,
      (select count(*) from stg_checked where reason is not null)
        + (select count(*) from raw_rejects) as quarantined,
      (select count(*) from stg_checked where reason is null) as accepted,
      (select count(*) from stg_final) as final,
      (select count(*) from stg_changes) as changed,
      (select count(*) from stg_final s join fact_requests f using (city, request_id)
        where f.row_hash <> s.row_hash and f.updated > s.updated) as stale`);
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

  const months = await db.query<{ month: string }>(`
    select distinct strftime(month, '%Y-%m-%d') as month from stg_changes
    union
    select distinct strftime(f.month, '%Y-%m-%d') from fact_requests f join stg_changes c using (city, request_id)`);
  for (const { month } of months) affected.add(month);

  await db.run(
    `delete from fact_request_area where city = ? and request_id in (select request_id from stg_changes)`,
    [city.id],
  );
  await db.run(
    `delete from fact_requests where city = ? and request_id in (select request_id from stg_changes)`,
    [city.id],
  );
  await db.run(`insert into fact_requests by name
    select city, request_id, source, opened, closed, updated, month, status, is_open, type, subtype,
      type_group, category, division, section, channel, channel_raw, latitude, longitude,
      sla_target, on_time, resolution_hours, resolution_flag, location_flag, run_id, row_hash
    from stg_changes`);
  return { counts, loaded, superseded, unchanged };
}

/**
 * /api/anomalies with duplicates=merged, on every city's bundled sample: the same flags as
 * duplicates=kept (the test counts requests either way), each with `problems`, the problems
 * among its observed requests, never more than them and equal to an independent count of
 * first requests over fact_requests (and fact_request_area for an area).
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { getAnomalies, type AnomalyFlag } from '@/lib/queries/anomalies';
import { ALL_CITIES, appWarehouseSuite } from '../support/app-warehouse';

const db = appWarehouseSuite();

const CITY_LEVEL = '_city';

/** First requests of the flag's value opened in its month or week, in its area (or anywhere). */
async function factProblems(city: string, level: string, flag: AnomalyFlag): Promise<number> {
  const column = flag.dimension === 'type' ? 'f.type' : 'f.category';
  const period =
    flag.period === 'month'
      ? 'f.month = cast(? as date)'
      : "cast(date_trunc('week', f.opened) as date) = cast(? as date)";
  const area =
    level === CITY_LEVEL
      ? ''
      : `and f.request_id in (select request_id from fact_request_area
           where city = ? and level = ? and area_key = ?)`;
  const [row] = await db.app.box.query<{ n: number }>(
    `select count(*)::integer as n from fact_requests as f
     where f.city = ? and f.is_problem_first and ${column} = ? and ${period} ${area}`,
    [
      city,
      flag.value,
      flag.periodStart,
      ...(level === CITY_LEVEL ? [] : [city, level, flag.areaKey]),
    ],
  );
  return Number(row?.n ?? -1);
}

describe('anomalies with duplicates=merged', () => {
  it('give the same flags, each counting its problems: ≤ requests, equal to the facts', async () => {
    let flags = 0;
    for (const cityId of ALL_CITIES) {
      const city = db.cities.find((c) => c.id === cityId)!;
      for (const level of [...city.levels.map((l) => l.id), CITY_LEVEL]) {
        const query = { city: cityId, level, limit: 100 };
        const kept = await getAnomalies(db.app.wh, query);
        const merged = await getAnomalies(db.app.wh, { ...query, duplicates: 'merged' });
        expect(kept.flags.every((f) => f.problems === undefined)).toBe(true);
        const { flags: mergedFlags, ...mergedRest } = merged;
        const { flags: keptFlags, ...keptRest } = kept;
        expect(mergedRest).toEqual(keptRest);
        expect(mergedFlags.map(({ problems: _p, ...f }) => f)).toEqual(keptFlags);
        for (const flag of mergedFlags) {
          flags += 1;
          expect(flag.problems, `${cityId} ${level} ${flag.value}`).toBeGreaterThanOrEqual(0);
          expect(flag.problems!).toBeLessThanOrEqual(flag.observed);
          expect(flag.problems, `${cityId} ${level} ${flag.value}`).toBe(
            await factProblems(cityId, level, flag),
          );
        }
      }
    }
    // The bundled samples hold flags (Seattle's precinct S, for one): the test is not empty.
    expect(flags).toBeGreaterThan(0);
  });
});

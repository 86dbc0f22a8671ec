import { describe, expect, it } from 'vitest';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';

describe('DuckDB rows leave the driver as plain JSON', () => {
  it('turns BIGINT, HUGEINT, DECIMAL, DATE, TIMESTAMP and NaN into JSON values', async () => {
    const db = await openDuckDb(':memory:');
    try {
      const [row] = await db.query(`select
        42::bigint as small, 9007199254740993::hugeint as huge, 12.50::decimal(6, 2) as dec,
        date '2024-03-01' as d, timestamp '2024-03-01 10:30:00' as ts, 'nan'::double as nan,
        null::varchar as nothing, true as flag`);
      expect(row).toEqual({
        small: 42,
        huge: '9007199254740993',
        dec: 12.5,
        d: '2024-03-01',
        ts: '2024-03-01T10:30:00.000Z',
        nan: null,
        nothing: null,
        flag: true,
      });
      expect(JSON.parse(JSON.stringify(row))).toEqual(row);
    } finally {
      await db.close();
    }
  });
});

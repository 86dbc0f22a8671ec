import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { sql } from '@/lib/queries/filters-sql';
import { count, isoDate, queryRows, text } from '@/lib/queries/rows';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { WarehouseError } from '@/lib/warehouse/types';

describe('queryRows', () => {
  it('types the rows by their schema: sums over nothing are 0, DATE is YYYY-MM-DD', async () => {
    const db = await openDuckDb(':memory:');
    try {
      const rows = await queryRows(
        db,
        sql`select date '0999-03-01' as month, ${'a'} as type, sum(x) as n from (select 1 as x where false)`,
        { month: isoDate, type: text, n: count },
      );
      expect(rows).toEqual([{ month: '0999-03-01', type: 'a', n: 0 }]);
    } finally {
      await db.close();
    }
  });

  it('refuses rows of another shape loudly instead of passing a wrong figure on', async () => {
    const db = await openDuckDb(':memory:');
    try {
      await expect(queryRows(db, sql`select 'many' as n`, { n: count })).rejects.toThrow(
        WarehouseError,
      );
    } finally {
      await db.close();
    }
  });
});

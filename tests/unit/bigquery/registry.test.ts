import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { openWarehouse } from '@/lib/warehouse';
import type { ServerEnv } from '@/lib/env';

describe('openWarehouse', () => {
  it('opens a cached BigQuery warehouse for WAREHOUSE=bigquery', async () => {
    const warehouse = openWarehouse(parseEnv({ WAREHOUSE: 'bigquery', BIGQUERY_PROJECT: 'p' }));
    expect(warehouse.dialect).toBe('bigquery');
    expect('stats' in warehouse).toBe(true);
    await warehouse.close();
  });

  it('opens DuckDB for WAREHOUSE=duckdb', async () => {
    const warehouse = openWarehouse(
      parseEnv({ WAREHOUSE: 'duckdb', DUCKDB_PATH: '/nonexistent/x.duckdb' }),
    );
    expect(warehouse.dialect).toBe('duckdb');
    await warehouse.close();
  });

  it('throws on an unknown warehouse', () => {
    const env = { ...parseEnv({}), WAREHOUSE: 'snowflake' } as unknown as ServerEnv;
    expect(() => openWarehouse(env)).toThrow('Unknown WAREHOUSE snowflake');
  });

  it('names BIGQUERY_PROJECT when it is missing', () => {
    const env = { ...parseEnv({}), WAREHOUSE: 'bigquery' } as ServerEnv;
    expect(() => openWarehouse(env)).toThrow('BIGQUERY_PROJECT');
  });
});

import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';

describe('parseEnv', () => {
  it('applies defaults to an empty environment', () => {
    expect(parseEnv({})).toMatchObject({
      WAREHOUSE: 'duckdb',
      DUCKDB_PATH: 'data/warehouse.duckdb',
      EMBED_ALLOWED_ORIGINS: [],
    });
  });

  it('splits embed origins on spaces and commas', () => {
    expect(
      parseEnv({ EMBED_ALLOWED_ORIGINS: 'https://a.example, https://b.example' })
        .EMBED_ALLOWED_ORIGINS,
    ).toEqual(['https://a.example', 'https://b.example']);
  });

  it('names the variable and its value when one is bad', () => {
    expect(() => parseEnv({ WAREHOUSE: 'postgres' })).toThrow(EnvError);
    expect(() => parseEnv({ WAREHOUSE: 'postgres' })).toThrow(/WAREHOUSE="postgres"/);
    expect(() => parseEnv({ EMBED_ALLOWED_ORIGINS: 'not a url' })).toThrow(/EMBED_ALLOWED_ORIGINS/);
    expect(() => parseEnv({ BIGQUERY_MAX_BYTES_BILLED: '-5' })).toThrow(
      /BIGQUERY_MAX_BYTES_BILLED/,
    );
    expect(() => parseEnv({ DUCKDB_THREADS: 'two' })).toThrow(/DUCKDB_THREADS="two"/);
    expect(() => parseEnv({ DUCKDB_CONNECTIONS: '0' })).toThrow(/DUCKDB_CONNECTIONS/);
  });

  it('gives the web server one DuckDB thread and two connections unless told', () => {
    expect(parseEnv({})).toMatchObject({ DUCKDB_THREADS: 1, DUCKDB_CONNECTIONS: 2 });
    expect(parseEnv({ DUCKDB_THREADS: '4' }).DUCKDB_THREADS).toBe(4);
  });

  it('requires a project for BigQuery', () => {
    expect(() => parseEnv({ WAREHOUSE: 'bigquery' })).toThrow(/BIGQUERY_PROJECT: is required/);
    expect(parseEnv({ WAREHOUSE: 'bigquery', BIGQUERY_PROJECT: 'p' }).BIGQUERY_PROJECT).toBe('p');
  });
});

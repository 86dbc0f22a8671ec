/**
 * schema.sql is the only column list: the BigQuery target's table definitions are read from it
 * (pipeline/targets/schema.ts). Here the parse is held against DuckDB's own catalog after applying
 * the file, column for column (name, order, type, NOT NULL), and every BigQuery table and
 * Parquet export against the DuckDB table it mirrors: a column one side has and the other lacks
 * (row_hash in the export, step in pipeline_runs) fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDbWarehouse } from '@/lib/warehouse/duckdb/connection';
import { FACT_EXPORT_SQL, martExport } from '@/pipeline/targets/bigquery-cli';
import { createTableSql, MART_TABLES, TABLES, type TableName } from '@/pipeline/targets/bigquery';
import { bigQueryColumns, bigQueryType, parseSchemaSql } from '@/pipeline/targets/schema';

const SCHEMA = readFileSync(path.resolve(__dirname, '../../../pipeline/sql/schema.sql'), 'utf8');

const DUCK_TYPE: Record<string, string> = {
  VARCHAR: 'VARCHAR',
  TIMESTAMP: 'TIMESTAMP',
  DATE: 'DATE',
  BOOLEAN: 'BOOLEAN',
  BIGINT: 'BIGINT',
  INTEGER: 'INTEGER',
  DOUBLE: 'DOUBLE',
};

describe('BigQuery tables from schema.sql', () => {
  let db: DuckDbWarehouse;
  beforeAll(async () => {
    db = await openDuckDb(':memory:');
    await db.run(SCHEMA);
  });
  afterAll(() => db.close());

  const catalog = (table: string) =>
    db.query<{ name: string; type: string; nullable: boolean }>(
      `select column_name as name, data_type as type, is_nullable as nullable
       from duckdb_columns() where table_name = ? order by column_index`,
      [table],
    );

  it('parses every table of schema.sql as DuckDB builds it, column for column', async () => {
    const parsed = parseSchemaSql(SCHEMA);
    const tables = await db.query<{ name: string }>(
      `select table_name as name from duckdb_tables() order by table_name`,
    );
    expect([...parsed.keys()].sort()).toEqual(tables.map((t) => t.name));
    for (const [table, columns] of parsed) {
      const actual = await catalog(table);
      expect(
        columns.map((c) => [c.name, DUCK_TYPE[c.duckType], !c.notNull]),
        table,
      ).toEqual(actual.map((c) => [c.name, c.type, c.nullable]));
    }
  });

  it('gives each BigQuery table exactly the DuckDB columns, mapped type by type', async () => {
    for (const table of Object.keys(TABLES) as TableName[]) {
      const actual = await catalog(table);
      expect(TABLES[table].columns, table).toEqual(
        actual.map((c) => [c.name, `${bigQueryType(c.type)}${c.nullable ? '' : ' NOT NULL'}`]),
      );
      const create = createTableSql((t) => `\`p.d.${t}\``, table);
      for (const c of actual) expect(create, `${table}.${c.name}`).toContain(`\`${c.name}\` `);
    }
    expect(Object.keys(TABLES)).toEqual(expect.arrayContaining([...MART_TABLES]));
  });

  it('exports to Parquet exactly the columns BigQuery loads (no row_hash-style drift)', async () => {
    const exported = await db.query<{ column_name: string }>(
      `describe ${FACT_EXPORT_SQL.replace('$1', "'x'").replace('$2', "'y'")}`,
    );
    expect(exported.map((c) => c.column_name)).toEqual(
      bigQueryColumns('fact_requests').map(([name]) => name),
    );
    for (const table of MART_TABLES) {
      const part = martExport(table, 'x', ['2024-01-01']);
      let sql = part.sql;
      part.params.forEach((p, i) => (sql = sql.replaceAll(`$${i + 1}`, `'${p}'`)));
      const columns = await db.query<{ column_name: string }>(`describe ${sql}`);
      expect(
        columns.map((c) => c.column_name),
        table,
      ).toEqual(TABLES[table].columns.map(([name]) => name));
    }
  });

  it('refuses a DuckDB type it has no BigQuery type for, and a statement it cannot read', () => {
    expect(() => bigQueryType('HUGEINT')).toThrow(/no BigQuery type for HUGEINT/);
    expect(() => parseSchemaSql('create view v as select 1;')).toThrow(/unexpected statement/);
  });
});

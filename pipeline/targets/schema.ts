/**
 * pipeline/sql/schema.sql is the only column list of the warehouse. The BigQuery target reads its
 * table definitions from it: each `create table` and `alter table … add column` becomes the
 * table's columns in order, with DuckDB's type mapped to BigQuery's and NOT NULL kept.
 * tests/unit/bigquery/schema.test.ts checks the parse against DuckDB's own catalog after
 * applying the file, column for column.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SchemaColumn {
  name: string;
  /** The DuckDB type as written, upper case (VARCHAR, TIMESTAMP, BIGINT, ...). */
  duckType: string;
  notNull: boolean;
}

const SCHEMA_FILE = fileURLToPath(new URL('../sql/schema.sql', import.meta.url));

/** Table name → columns in definition order. */
export function parseSchemaSql(text: string): Map<string, SchemaColumn[]> {
  const tables = new Map<string, SchemaColumn[]>();
  const code = text.replace(/--[^\n]*/g, '');
  for (const statement of code.split(';')) {
    const create = /create\s+table\s+if\s+not\s+exists\s+(\w+)\s*\(([\s\S]*)\)\s*$/i.exec(
      statement.trim(),
    );
    if (create) {
      const columns: SchemaColumn[] = [];
      for (const part of splitTopLevel(create[2]!)) {
        const column = parseColumn(part);
        if (column) columns.push(column);
      }
      tables.set(create[1]!, columns);
      continue;
    }
    const alter = /alter\s+table\s+(\w+)\s+add\s+column\s+if\s+not\s+exists\s+([\s\S]+)$/i.exec(
      statement.trim(),
    );
    if (alter) {
      const columns = tables.get(alter[1]!);
      const column = parseColumn(alter[2]!);
      if (!columns || !column) throw new Error(`schema.sql: cannot read "${statement.trim()}"`);
      if (!columns.some((c) => c.name === column.name)) columns.push(column);
      continue;
    }
    if (statement.trim()) throw new Error(`schema.sql: unexpected statement "${statement.trim()}"`);
  }
  return tables;
}

/** Commas outside parentheses (a `primary key (a, b)` stays one part). */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parseColumn(part: string): SchemaColumn | undefined {
  if (/^(primary\s+key|unique|check|foreign\s+key|constraint)\b/i.test(part)) return undefined;
  const match = /^(\w+)\s+(\w+)([\s\S]*)$/.exec(part.trim());
  if (!match) throw new Error(`schema.sql: cannot read column "${part}"`);
  const rest = match[3]!;
  return {
    name: match[1]!,
    duckType: match[2]!.toUpperCase(),
    // A primary key column is NOT NULL too, as DuckDB makes it.
    notNull: /\bnot\s+null\b|\bprimary\s+key\b/i.test(rest),
  };
}

const BIGQUERY_TYPES: Record<string, string> = {
  VARCHAR: 'STRING',
  // The contract's timestamps are zone-less local wall-clock times: BigQuery's DATETIME.
  TIMESTAMP: 'DATETIME',
  DATE: 'DATE',
  BOOLEAN: 'BOOL',
  BIGINT: 'INT64',
  INTEGER: 'INT64',
  DOUBLE: 'FLOAT64',
};

export function bigQueryType(duckType: string): string {
  const type = BIGQUERY_TYPES[duckType];
  if (!type) throw new Error(`schema.sql: no BigQuery type for ${duckType}`);
  return type;
}

let cached: Map<string, SchemaColumn[]> | undefined;

export function warehouseSchema(): Map<string, SchemaColumn[]> {
  cached ??= parseSchemaSql(readFileSync(SCHEMA_FILE, 'utf8'));
  return cached;
}

/** A table's columns as [name, 'BIGQUERY_TYPE[ NOT NULL]'], in schema.sql order. */
export function bigQueryColumns(table: string): readonly (readonly [string, string])[] {
  const columns = warehouseSchema().get(table);
  if (!columns) throw new Error(`schema.sql has no table ${table}`);
  return columns.map((c) => [c.name, `${bigQueryType(c.duckType)}${c.notNull ? ' NOT NULL' : ''}`]);
}

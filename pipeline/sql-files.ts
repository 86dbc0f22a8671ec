/**
 * The SQL models under pipeline/sql/, read once per process: the pipeline's stages run these files
 * with bound parameters. Every file starts with its grain (`-- grain: ...`).
 *
 * Values are always bound parameters ($1, $2, ...). A few statements also need text DuckDB does
 * not take as a parameter (a column or table name, a generated CASE): those are `{{name}}`
 * placeholders, filled only with fragments made by sql-text.ts (ident/literal) or generated from
 * code constants, and a file with a placeholder left unfilled is refused.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const sqlDir = (root: string) => path.join(root, 'pipeline', 'sql');

/** pipeline/sql next to this module, wherever the process was started. */
const OWN_SQL_DIR = fileURLToPath(new URL('./sql/', import.meta.url));

const sqlCache = new Map<string, string>();

function readCached(file: string): string {
  let text = sqlCache.get(file);
  if (text === undefined) {
    text = readFileSync(file, 'utf8');
    if (!/^-- grain: /.test(text))
      throw new Error(`${file}: the first line must be "-- grain: ..."`);
    sqlCache.set(file, text);
  }
  return text;
}

export function readSql(root: string, relative: string): string {
  return readCached(path.join(sqlDir(root), relative));
}

/** A statement from pipeline/sql (e.g. 'staging/stg_changes.sql') with its placeholders filled. */
export function sql(relative: string, fragments: Record<string, string> = {}): string {
  const text = readCached(path.join(OWN_SQL_DIR, relative)).replace(
    /\{\{(\w+)\}\}/g,
    (match, name: string) => {
      const fragment = fragments[name];
      if (fragment === undefined) throw new Error(`${relative}: no value for ${match}`);
      return fragment;
    },
  );
  return text;
}

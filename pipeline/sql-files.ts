/**
 * The SQL models under pipeline/sql/, read once per process: the pipeline's stages run these files
 * with bound parameters.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const sqlDir = (root: string) => path.join(root, 'pipeline', 'sql');

const sqlCache = new Map<string, string>();

export function readSql(root: string, relative: string): string {
  const file = path.join(sqlDir(root), relative);
  let text = sqlCache.get(file);
  if (text === undefined) {
    text = readFileSync(file, 'utf8');
    sqlCache.set(file, text);
  }
  return text;
}

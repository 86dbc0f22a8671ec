/**
 * The two ways text from configuration may enter generated SQL. Values in queries are always
 * bound parameters; the staging SQL generated from a city's layout also needs column names
 * (allowlisted against the file's own header first) and constant strings such as strptime
 * formats, which DuckDB wants as literals. Both go through these functions and nowhere else.
 */

/** A quoted identifier. Callers pass only names from an allowlist (a header, a level id). */
export function ident(name: string): string {
  if (name.length === 0 || name.length > 200 || name.includes('\u0000')) {
    throw new Error(`Refusing identifier ${JSON.stringify(name)}`);
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string literal, with quotes doubled. */
export function literal(value: string): string {
  if (value.includes('\u0000')) throw new Error('Refusing a NUL byte in a SQL literal');
  return `'${value.replaceAll("'", "''")}'`;
}

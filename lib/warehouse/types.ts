/**
 * The warehouse interface: the only contract the app and the pipeline hold with a database.
 * Drivers (duckdb/, bigquery/) implement it; nothing outside lib/warehouse knows which runs.
 */

/** A JSON-safe scalar: what every row value is once it leaves a driver. */
export type JsonScalar = string | number | boolean | null;
export type Row = Record<string, JsonScalar>;

/** A bound parameter. Dates travel as ISO strings; the SQL casts them. */
export type Param = string | number | boolean | null;

export const DIALECTS = ['duckdb', 'bigquery'] as const;
export type DialectId = (typeof DIALECTS)[number];

export interface Warehouse {
  readonly dialect: DialectId;
  /** Run one statement with positional `?` parameters; rows come back as plain JSON values. */
  query<T extends Row = Row>(sql: string, params?: readonly Param[]): Promise<T[]>;
  /**
   * Which data queries read now (the published DuckDB file's identity). It only moves forward:
   * the same value before and after a run of queries means every one of them read that data,
   * so an answer built from them may be kept under it. Absent where there is no such identity.
   */
  generation?(): Promise<string>;
  close(): Promise<void>;
}

/** A failure the user can act on; `message` is safe to show, `cause` stays on the server. */
export class WarehouseError extends Error {
  constructor(
    message: string,
    readonly kind: 'not-found' | 'permission' | 'quota' | 'bad-query' | 'unavailable' | 'unknown',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WarehouseError';
  }
}

/**
 * Recognise a file's layout from its header, and check the data contract: every column the
 * layout maps must be present (else the run stops naming it); columns that appeared or
 * vanished since the last load are reported as drift.
 */
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { CityConfig, Layout } from '@/lib/cities/schema';

export class ContractError extends Error {
  override name = 'ContractError';
}

/** Read the header of a CSV file (first line, CSV-parsed so quoted names work). */
export async function readCsvHeader(path: string): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    let text = buffer.subarray(0, bytesRead).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    const rows: string[][] = parse(firstLine, { relax_quotes: true });
    return uniqueColumnNames((rows[0] ?? []).map((name) => name.trim()));
  } finally {
    await handle.close();
  }
}

/**
 * Column names the reader can use: a blank name becomes `column<i>` and a repeated one
 * `<name>_<k>`, as DuckDB's own header detection names them.
 */
export function uniqueColumnNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const name = raw === '' ? `column${i}` : raw;
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}_${count}`;
  });
}

/** Canonical fields without which a record means nothing: the contract's required part. */
const REQUIRED_FIELDS = ['request_id', 'opened', 'type'] as const;

/** Columns the contract requires: the signature, the id (or natural key), opening date and type. */
export function requiredColumns(layout: Layout): string[] {
  const columns = new Set(layout.signature);
  for (const field of REQUIRED_FIELDS) {
    const mapping = layout.fields[field];
    if (mapping) columns.add(mapping.column);
  }
  for (const column of layout.naturalKey ?? []) columns.add(column);
  return [...columns];
}

/** Mapped optional columns (closing date, coordinates, areas…) that a header lacks. */
export function missingOptionalColumns(layout: Layout, header: readonly string[]): string[] {
  const present = new Set(header);
  const required = new Set(requiredColumns(layout));
  const mapped = [
    ...Object.values(layout.fields).map((m) => m?.column),
    ...Object.values(layout.areas).map((m) => m.column),
    ...Object.keys(layout.voidValues),
  ];
  return [...new Set(mapped)].filter(
    (column): column is string => !!column && !required.has(column) && !present.has(column),
  );
}

/**
 * Pick the layout whose signature the header carries. An unknown header is an error that lists
 * what each of the city's layouts expects.
 */
export function detectLayout(city: CityConfig, header: readonly string[], hint?: string): Layout {
  const present = new Set(header);
  const candidates = hint ? city.layouts.filter((layout) => layout.id === hint) : city.layouts;
  const match = candidates.find((layout) =>
    layout.signature.every((column) => present.has(column)),
  );
  if (!match) {
    const expected = candidates
      .map((layout) => `  ${layout.id}: ${layout.signature.join(', ')}`)
      .join('\n');
    throw new ContractError(
      `${city.id}: unrecognised header (${header.slice(0, 12).join(', ')}${header.length > 12 ? ', …' : ''}).\nExpected one of:\n${expected}`,
    );
  }
  const missing = requiredColumns(match).filter((column) => !present.has(column));
  if (missing.length) {
    throw new ContractError(
      `${city.id}: layout ${match.id} is missing required column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}`,
    );
  }
  return match;
}

export interface Drift {
  layout: string;
  /** Columns new since the last load of this layout. */
  added: string[];
  /** Columns gone since the last load. */
  removed: string[];
  /** Optional columns the layout maps that this file lacks (their fields load as null). */
  missingOptional: string[];
  /** Types neither their group nor the crosswalk places (category Unmapped), most rows first. */
  unmapped?: { type: string; group: string | null; rows: number }[];
  /**
   * Per date field, the rows each known format read ('none': no format did), when the file
   * needed a format other than the layout's own: the same layout from another export tool.
   */
  dateFormats?: Record<string, Record<string, number>>;
}

export function diffColumns(
  layout: Layout,
  previous: readonly string[] | undefined,
  current: readonly string[],
): Drift | undefined {
  const before = new Set(previous ?? current);
  const after = new Set(current);
  const added = current.filter((column) => !before.has(column));
  const removed = (previous ?? []).filter((column) => !after.has(column));
  const missingOptional = missingOptionalColumns(layout, current);
  return added.length || removed.length || missingOptional.length
    ? { layout: layout.id, added, removed, missingOptional }
    : undefined;
}

/**
 * CSV export: RFC 4180 fields, a `# ` comment block saying what the file holds (city, level,
 * filters, when, whose data), and file names that carry the filters so two downloads with
 * different filters never overwrite each other. Pure: runs in the browser and in tests.
 */

import { ENGLISH_EXPORTS, type ExportsT } from './words';

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  /** Header text. */
  header: string;
  value: (row: T) => CsvValue;
}

export interface CsvHeader {
  cityName: string;
  cityId: string;
  level: string;
  /** Filter name → value, in the order they should be listed (empty values are left out). */
  filters: Record<string, string | undefined>;
  generatedAt: string;
  /** Data licence and publisher attribution. */
  source: string;
  /** What the rows are, e.g. "Seasonal heatmap: share of each type's requests by month". */
  title?: string;
}

/** Spreadsheet formula injection guard: text that a spreadsheet would evaluate. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: numbers as plain decimals, text quoted when it holds a comma, quote or newline. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text) || text !== text.trim()) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** A comment line cannot contain a newline, or the rest of it would become a data row. */
function commentValue(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

/** The comment block; filter names stay the URL's parameter names (they rebuild the view). */
export function csvHeaderLines(header: CsvHeader, t: ExportsT = ENGLISH_EXPORTS): string[] {
  const filters = Object.entries(header.filters)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${value}`)
    .join('; ');
  const lines = [t('header.export')];
  if (header.title) lines.push(t('header.data', { title: header.title }));
  lines.push(
    t('header.city', { name: header.cityName, id: header.cityId }),
    t('header.level', { level: header.level }),
    t('header.filters', { filters: filters || t('header.none') }),
    t('header.generatedAt', { when: header.generatedAt }),
    t('header.source', { source: header.source }),
  );
  return lines.map((line) => `# ${commentValue(line)}`);
}

/** The whole file: comment block, header row, one line per row, CRLF line ends (RFC 4180). */
export function toCsv<T>(
  header: CsvHeader,
  columns: readonly CsvColumn<T>[],
  rows: readonly T[],
  t: ExportsT = ENGLISH_EXPORTS,
): string {
  const lines = [
    ...csvHeaderLines(header, t),
    columns.map((column) => csvField(column.header)).join(','),
    ...rows.map((row) => columns.map((column) => csvField(column.value(row))).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** Lower-case, ASCII, dash-separated, at most 40 characters: safe in any file system. */
export function fileSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}

export interface CsvFileNameParts {
  city: string;
  level: string;
  metric: string;
  from: string;
  to: string;
  /** The widget, last before the extension: heatmap, trends, resolution… */
  widget: string;
  /** Further filters (area, type, category…) in order; each adds `_<name>-<value>`. */
  extra?: Record<string, string | readonly string[] | undefined>;
}

/** e.g. `atlas311_toronto_ward_count_2024-01-01_2024-12-31_heatmap.csv`. */
export function csvFileName(parts: CsvFileNameParts): string {
  const segments = ['atlas311', parts.city, parts.level, parts.metric, parts.from, parts.to].map(
    (part) => (/^\d{4}-\d{2}-\d{2}$/.test(part) ? part : fileSlug(part) || 'x'),
  );
  for (const [name, value] of Object.entries(parts.extra ?? {})) {
    const text = Array.isArray(value) ? value.join('-') : (value as string | undefined);
    if (!text) continue;
    segments.push(`${fileSlug(name)}-${fileSlug(text) || 'x'}`);
  }
  segments.push(fileSlug(parts.widget) || 'chart');
  return `${segments.join('_')}.csv`;
}

/**
 * The words of an export (messages/<locale>/exports.json): comment lines, column headings and
 * table titles. Pure and client-safe; without a translator every export is in English, as the
 * API's machine-facing side and the tests expect.
 */
import { createTranslator } from 'next-intl';
import enExports from '@/messages/en/exports.json';

type Exports = typeof enExports;
export type ExportKey =
  | `header.${keyof Exports['header']}`
  | `column.${keyof Exports['column']}`
  | `title.${keyof Exports['title']}`;

/** useTranslations('exports') in a component, or ENGLISH_EXPORTS. */
export type ExportsT = (key: ExportKey, values?: Record<string, string | number>) => string;

const english = createTranslator({
  locale: 'en',
  messages: { exports: enExports },
  namespace: 'exports',
});

export const ENGLISH_EXPORTS: ExportsT = (key, values) => english(key, values);

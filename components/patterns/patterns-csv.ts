/** CSV of the weekday × hour grid: one row per weekday and hour, from the same API response. */
import type { PatternsResponse } from '@/lib/api/types';
import { buildCsv, type CsvFile, type CsvTable } from '@/components/export/tables';
import { ENGLISH_EXPORTS, type ExportsT } from '@/components/export/words';
import { weekdayName } from '@/lib/patterns-shape';

export interface PatternsCsvRow {
  weekday: number;
  day: string;
  hour: number;
  count: number;
}

/** Headings and the day's name in the export's language (English by default). */
export function patternsTable(
  data: PatternsResponse,
  t: ExportsT = ENGLISH_EXPORTS,
  locale = 'en',
): CsvTable<PatternsCsvRow> {
  return {
    widget: 'patterns',
    title: t('title.patterns', { kind: data.meta.kind, timezone: data.timezone }),
    columns: [
      { header: t('column.weekday'), value: (row) => row.weekday },
      { header: t('column.day'), value: (row) => row.day },
      { header: t('column.hour'), value: (row) => row.hour },
      { header: t('column.count'), value: (row) => row.count },
    ],
    rows: data.rows.flatMap((row) =>
      row.counts.map((count, hour) => ({
        weekday: row.weekday,
        day: locale === 'en' ? row.label : weekdayName(row.weekday, locale),
        hour,
        count,
      })),
    ),
  };
}

export function patternsCsv(
  data: PatternsResponse,
  t: ExportsT = ENGLISH_EXPORTS,
  locale = 'en',
): CsvFile {
  return buildCsv(
    data.meta,
    patternsTable(data, t, locale),
    { untimed: data.untimed > 0 ? String(data.untimed) : '' },
    t,
  );
}

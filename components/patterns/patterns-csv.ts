/** CSV of the weekday × hour grid: one row per weekday and hour, from the same API response. */
import type { PatternsResponse } from '@/lib/api/types';
import { buildCsv, type CsvFile, type CsvTable } from '@/components/export/tables';

export interface PatternsCsvRow {
  weekday: number;
  day: string;
  hour: number;
  count: number;
}

export function patternsTable(data: PatternsResponse): CsvTable<PatternsCsvRow> {
  return {
    widget: 'patterns',
    title: `When ${data.meta.kind === 'crime' ? 'incidents' : 'requests'} arrive: count by ISO weekday (1 = Monday) and hour of opening, local time (${data.timezone})`,
    columns: [
      { header: 'weekday', value: (row) => row.weekday },
      { header: 'day', value: (row) => row.day },
      { header: 'hour', value: (row) => row.hour },
      { header: 'count', value: (row) => row.count },
    ],
    rows: data.rows.flatMap((row) =>
      row.counts.map((count, hour) => ({ weekday: row.weekday, day: row.label, hour, count })),
    ),
  };
}

export function patternsCsv(data: PatternsResponse): CsvFile {
  return buildCsv(data.meta, patternsTable(data), {
    untimed: data.untimed > 0 ? String(data.untimed) : '',
  });
}

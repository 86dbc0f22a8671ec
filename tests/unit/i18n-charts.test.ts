/**
 * Charts, patterns and exports in French and Spanish: month and weekday names come from Intl
 * (checked against a calendar written out here), hours follow the locale's clock, the chart
 * formatters keep English output as it was, and a CSV in French translates what a person reads
 * (comment lines, headings) while its data values stay as published.
 */
import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import { MESSAGES } from '@/messages';
import { monthName } from '@/lib/heatmap-shape';
import { localHourLabel, localHourRange, weekdayName, WEEKDAY_NAMES } from '@/lib/patterns-shape';
import { makeChartFormat } from '@/components/charts/chart-types';
import { formatCount, formatDays, formatPct } from '@/components/charts/chart-types';
import { csvHeaderLines, toCsv } from '@/components/export/csv';
import { typeBreakdownTable } from '@/components/export/tables';
import type { ExportsT } from '@/components/export/words';

const exportsIn = (locale: 'fr' | 'es'): ExportsT => {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'exports' });
  return (key, values) => t(key, values);
};

describe('calendar words from Intl', () => {
  it('names months and weekdays in each language', () => {
    expect(monthName(1)).toBe('Jan');
    expect(monthName(8, 'fr', 'long')).toBe('août');
    expect(monthName(12, 'es', 'long')).toBe('diciembre');
    expect(WEEKDAY_NAMES).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    expect(weekdayName(1, 'fr')).toBe('lundi');
    expect(weekdayName(7, 'es')).toBe('domingo');
  });

  it('writes hours on the locale clock, English as before', () => {
    expect(localHourRange(9, 11, 'en')).toBe('9–11 am');
    expect(localHourLabel(13, 'fr')).toBe('13:00');
    expect(localHourRange(22, 24, 'es')).toBe('22:00–0:00');
  });
});

describe('chart formatters', () => {
  it('give the old English text and the locale digits elsewhere', () => {
    const en = makeChartFormat('en', (v) => `${v} d`);
    for (const value of [0, 7, 1234, 98765]) expect(en.count(value)).toBe(formatCount(value));
    for (const value of [0, 0.1234, 0.5, 1]) expect(en.pct(value)).toBe(formatPct(value));
    for (const value of [0.44, 9.96, 12.4, 130]) expect(en.days(value)).toBe(formatDays(value));
    const fr = makeChartFormat('fr', (v) => `${v} j`);
    expect(fr.count(1234).replace(/\s/g, ' ')).toBe('1 234');
    expect(fr.pct(0.1234).replace(/\s/g, ' ')).toBe('12,3 %');
    expect(fr.days(2.25)).toBe('2,3 j');
    expect(fr.count(null)).toBe('—');
  });
});

describe('a CSV in French and Spanish', () => {
  const rows = [
    {
      category: 'Streets & sidewalks',
      type: 'Pothole',
      count: 12,
      shareOfCategory: 0.5,
      shareOfTotal: 0.25,
    },
  ];
  const header = {
    cityName: 'Toronto',
    cityId: 'toronto',
    level: 'Ward (ward)',
    filters: { from: '2024-01-01' },
    generatedAt: '2025-01-02T03:04:05.000Z',
    source: 'City of Toronto',
  };

  it('translates comment lines and headings, keeps the values and the filter names', () => {
    const fr = exportsIn('fr');
    const table = typeBreakdownTable(rows, fr);
    const text = toCsv({ ...header, title: table.title }, table.columns, table.rows, fr);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('# Export Atlas 311');
    expect(lines).toContain('# filtres : from=2024-01-01');
    expect(lines).toContain('catégorie,type,nombre,part_de_la_catégorie,part_du_total');
    expect(lines).toContain('Streets & sidewalks,Pothole,12,0.5,0.25');
    expect(csvHeaderLines({ ...header, filters: {} }, exportsIn('es'))).toContain(
      '# filtros: ninguno',
    );
  });

  it('has the same columns in every language, in the same order', () => {
    const en = typeBreakdownTable(rows as never).columns.map((c) => c.header);
    const es = typeBreakdownTable(rows as never, exportsIn('es')).columns.map((c) => c.header);
    expect(en).toEqual(['category', 'type', 'count', 'share_of_category', 'share_of_total']);
    expect(es).toHaveLength(en.length);
    expect(es[0]).toBe('categoría');
  });
});

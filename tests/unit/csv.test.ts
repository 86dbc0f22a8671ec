import { describe, expect, it } from 'vitest';
import { csvField, csvFileName, csvHeaderLines, fileSlug, toCsv } from '@/components/export/csv';

const header = {
  cityName: 'Toronto',
  cityId: 'toronto',
  level: 'ward',
  filters: { from: '2024-01-01', to: '2024-12-31', type: undefined, area: '' },
  generatedAt: '2025-01-02T03:04:05.000Z',
  source: 'City of Toronto, Open Government Licence – Toronto',
};

describe('csvField', () => {
  it('leaves plain text and numbers alone', () => {
    expect(csvField('Pothole')).toBe('Pothole');
    expect(csvField(12)).toBe('12');
    expect(csvField(0.125)).toBe('0.125');
  });

  it('quotes commas, quotes and newlines, doubling inner quotes', () => {
    expect(csvField('Roads, Snow')).toBe('"Roads, Snow"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('quotes text with leading or trailing spaces so they survive', () => {
    expect(csvField(' x')).toBe('" x"');
  });

  it('writes null, undefined and non-finite numbers as empty fields, never 0', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe('-3');
  });
});

describe('csvHeaderLines', () => {
  it('starts with the export marker and lists city, level, filters, time and source', () => {
    expect(csvHeaderLines(header)).toEqual([
      '# Atlas 311 export',
      '# city: Toronto (toronto)',
      '# level: ward',
      '# filters: from=2024-01-01; to=2024-12-31',
      '# generated at: 2025-01-02T03:04:05.000Z',
      '# source: City of Toronto, Open Government Licence – Toronto',
    ]);
  });

  it('keeps a newline in a value from breaking out of the comment', () => {
    const lines = csvHeaderLines({ ...header, filters: { type: 'a\nb,c' } });
    expect(lines).toContain('# filters: type=a b,c');
    expect(lines.every((line) => line.startsWith('# '))).toBe(true);
  });

  it('says none when no filter is set', () => {
    expect(csvHeaderLines({ ...header, filters: {} })).toContain('# filters: none');
  });
});

describe('toCsv', () => {
  it('writes the comment block, a header row and one line per row with CRLF', () => {
    const text = toCsv(
      { ...header, title: 'Heatmap' },
      [
        { header: 'type', value: (row: { type: string; n: number | null }) => row.type },
        { header: 'count', value: (row) => row.n },
      ],
      [
        { type: 'Snow, road', n: 3 },
        { type: 'Noise', n: null },
      ],
    );
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('# Atlas 311 export');
    expect(lines[1]).toBe('# data: Heatmap');
    expect(lines.slice(-4)).toEqual(['type,count', '"Snow, road",3', 'Noise,', '']);
  });
});

describe('csvFileName', () => {
  it('names the city, level, metric, dates and widget', () => {
    expect(
      csvFileName({
        city: 'toronto',
        level: 'ward',
        metric: 'count',
        from: '2024-01-01',
        to: '2024-12-31',
        widget: 'heatmap',
      }),
    ).toBe('atlas311_toronto_ward_count_2024-01-01_2024-12-31_heatmap.csv');
  });

  it('adds filters as slugged name-value segments and skips empty ones', () => {
    expect(
      csvFileName({
        city: 'san-francisco',
        level: 'neighborhood',
        metric: 'median_days',
        from: '2024-01-01',
        to: '2024-03-31',
        widget: 'resolution',
        extra: {
          area: 'Mission / Dolores',
          type: ['Street Cleaning', 'Graffiti'],
          status: undefined,
        },
      }),
    ).toBe(
      'atlas311_san-francisco_neighborhood_median-days_2024-01-01_2024-03-31_area-mission-dolores_type-street-cleaning-graffiti_resolution.csv',
    );
  });
});

describe('fileSlug', () => {
  it('strips accents and punctuation', () => {
    expect(fileSlug('Côte-des-Neiges / NDG')).toBe('cote-des-neiges-ndg');
  });
});

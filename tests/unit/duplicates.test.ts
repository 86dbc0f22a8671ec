import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { mergedSentence, metricLabel } from '@/lib/api/texts';
import { wordsIn } from '../support/i18n-words';
import { cityConfigSchema, DEFAULT_DUPLICATE_RULE, duplicatesSchema } from '@/lib/cities';
import { buildFilters } from '@/lib/queries/filters-sql';
import { requestFilters, viewToSearch, type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';
import { city } from '../support/pipeline';

function view(query: string): View {
  const result = parseView(new URLSearchParams(query));
  if (!result.ok) throw new Error(result.error);
  return result.view;
}

const range = { fromMonth: '2024-01-01', toMonth: '2024-12-01' };

describe('duplicates in the view', () => {
  it('is absent (kept) by default and merged when asked', () => {
    expect(view('city=toronto&level=ward').duplicates).toBeUndefined();
    expect(view('city=toronto&level=ward&duplicates=merged').duplicates).toBe('merged');
    expect(view('city=toronto&level=ward&duplicates=kept').duplicates).toBe('kept');
  });

  it('answers a bad value with a sentence naming the parameter', () => {
    expect(parseView(new URLSearchParams('city=toronto&level=ward&duplicates=yes'))).toMatchObject({
      ok: false,
      parameter: 'duplicates',
      error: 'duplicates must be one of kept, merged.',
    });
  });

  it('travels with the request filters, so charts and exports count the same way', () => {
    const merged = view('city=toronto&level=ward&duplicates=merged&metric=per_1000');
    expect(requestFilters(merged).duplicates).toBe('merged');
    expect(viewToSearch(requestFilters(merged))).toContain('duplicates=merged');
  });
});

describe('buildFilters with duplicates', () => {
  it('reads only first requests of problems when merged, on both marts', () => {
    const merged = view('city=toronto&level=ward&duplicates=merged');
    expect(buildFilters(merged, { range }).sql).toMatch(/ and is_problem_first$/);
    expect(buildFilters(merged, { range, alias: 'm' }).sql).toMatch(/ and m\.is_problem_first$/);
    expect(buildFilters(merged, { range, table: 'mart_resolution_hist' }).sql).toMatch(
      /is_problem_first/,
    );
  });

  it('leaves kept (and absent) views as they were', () => {
    for (const query of ['city=toronto&level=ward', 'city=toronto&level=ward&duplicates=kept']) {
      expect(buildFilters(view(query), { range }).sql).not.toMatch(/is_problem_first/);
    }
  });
});

describe('metricLabel with duplicates', () => {
  it('names counts of distinct problems in merged mode, in every place a measure is named', () => {
    expect(metricLabel('count', '311', 'merged')).toBe('Distinct problems');
    expect(metricLabel('per_1000', '311', 'merged')).toBe('Distinct problems per 1,000 residents');
    expect(metricLabel('count', 'crime', 'merged')).toBe('Distinct problems');
    expect(metricLabel('median_days', '311', 'merged')).toBe('Median days to close');
    expect(metricLabel('count', '311', 'kept')).toBe('Requests');
    expect(metricLabel('count', 'crime')).toBe('Incidents');
  });
});

describe('mergedSentence', () => {
  it('says how many requests became how many problems, and the share merged', () => {
    expect(mergedSentence({ requests: 1234, problems: 980 }, '311')).toBe(
      '1,234 requests merged into 980 problems (21%)',
    );
    expect(mergedSentence({ requests: 10, problems: 10 }, '311')).toBe(
      '10 requests merged into 10 problems (0%)',
    );
  });

  it('uses the city’s nouns and does not divide by zero', () => {
    expect(mergedSentence({ requests: 0, problems: 0 }, 'crime')).toBe(
      '0 incidents merged into 0 problems (0%)',
    );
    expect(mergedSentence({ requests: 1, problems: 1 }, '311')).toBe(
      '1 request merged into 1 problem (0%)',
    );
    // The Count toggle's two words (the shared vocabulary's nouns).
    expect(wordsIn('en').nouns('crime').Many).toBe('Incidents');
    expect(wordsIn('en').nouns('311', 'merged').Many).toBe('Distinct problems');
  });
});

describe('duplicate rules in the city config', () => {
  it('default to 50 m and 72 h with no per-type rules', () => {
    expect(duplicatesSchema.parse(undefined)).toEqual({ ...DEFAULT_DUPLICATE_RULE, types: {} });
    expect(DEFAULT_DUPLICATE_RULE).toEqual({ distanceMeters: 50, windowHours: 72 });
  });

  it('take a per-type distance and window, and refuse a window past 28 days', () => {
    const rules = duplicatesSchema.parse({
      distanceMeters: 40,
      windowHours: 48,
      types: { Graffiti: { distanceMeters: 25, windowHours: 168 } },
    });
    expect(rules.types.Graffiti).toEqual({ distanceMeters: 25, windowHours: 168 });
    expect(duplicatesSchema.safeParse({ distanceMeters: 50, windowHours: 24 * 29 }).success).toBe(
      false,
    );
    expect(duplicatesSchema.safeParse({ distanceMeters: 0, windowHours: 72 }).success).toBe(false);
  });

  it('are part of every bundled city (the schema fills the default)', () => {
    const config = city('san-francisco');
    expect(cityConfigSchema.shape.duplicates).toBeDefined();
    expect(config.duplicates.distanceMeters).toBeGreaterThan(0);
  });
});

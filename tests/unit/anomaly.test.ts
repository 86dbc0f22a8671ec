import { describe, expect, it } from 'vitest';
import { anomalySentence } from '@/components/anomalies/anomaly-words';
import { translator, wordsIn } from '../support/i18n-words';

/** English words: the panel's sentence builder is the only one (French and Spanish: dashboard-i18n.test.ts). */
const EN = [wordsIn('en'), translator('en', 'anomalies')] as const;
import {
  hasDailyData,
  lastCompleteWeek,
  ANOMALY_MIN_EXPECTED,
  lastCompleteMonth,
  testAnomalies,
} from '@/lib/anomaly';
import { poissonUpperTail } from '@/lib/hotspots';
import { flagHref } from '@/components/anomalies/unusual-panel';

describe('testAnomalies', () => {
  it('finds a planted spike among flat cells, and only it', () => {
    const tests = Array.from({ length: 40 }, () => ({ observed: 20, expected: 20 }));
    tests[17] = { observed: 60, expected: 20 };
    const results = testAnomalies(tests);
    expect(results.map((r, i) => (r.flagged ? i : -1)).filter((i) => i >= 0)).toEqual([17]);
    expect(results[17]!.pValue).toBeCloseTo(poissonUpperTail(60, 20), 15);
    expect(results[17]!.pValue).toBeLessThan(1e-10);
  });

  it('a flat series flags nothing, even with ordinary Poisson noise', () => {
    // The same expected count, observed spread like Poisson(30) draws (quantiles, no spike).
    const observed = [22, 24, 25, 26, 27, 28, 29, 29, 30, 30, 31, 31, 32, 33, 34, 35, 36, 38, 40];
    const results = testAnomalies(observed.map((o) => ({ observed: o, expected: 30 })));
    expect(results.some((r) => r.flagged)).toBe(false);
  });

  it('corrects for the number of tests: one p = 0.01 among many is not a discovery', () => {
    const tests = Array.from({ length: 200 }, () => ({ observed: 10, expected: 10 }));
    // P(X ≥ 18 | 10) ≈ 0.014: significant alone, not after Benjamini–Hochberg over 200 tests.
    tests[0] = { observed: 18, expected: 10 };
    expect(testAnomalies(tests.slice(0, 1))[0]!.flagged).toBe(true);
    expect(testAnomalies(tests)[0]!.flagged).toBe(false);
  });

  it('does not test cells with too few expected requests, however large the ratio', () => {
    const small = { observed: 12, expected: ANOMALY_MIN_EXPECTED - 1 };
    const [result] = testAnomalies([small]);
    expect(result).toEqual({ pValue: 1, flagged: false });
  });

  it('needs the ratio floor: a large area 10 % up is significant but not unusual', () => {
    const [result] = testAnomalies([{ observed: 11_000, expected: 10_000 }]);
    expect(result!.pValue).toBeLessThan(1e-10);
    expect(result!.flagged).toBe(false);
  });
});

describe('lastCompleteMonth', () => {
  it('is the month itself when the data reach its last day, else the month before', () => {
    expect(lastCompleteMonth('2025-12-31')).toBe('2025-12-01');
    expect(lastCompleteMonth('2025-12-30T23:59:00')).toBe('2025-11-01');
    expect(lastCompleteMonth('2024-02-29')).toBe('2024-02-01');
    expect(lastCompleteMonth('2025-01-05')).toBe('2024-12-01');
  });
});

describe('the flag in plain words', () => {
  it('says it in plain words', () => {
    expect(
      anomalySentence(
        {
          value: 'Long grass',
          areaName: 'Ward 11',
          observed: 84,
          expected: 27.4,
          month: '2025-06-01',
        },
        ...EN,
      ),
    ).toBe('Long grass in Ward 11: 84 requests, about 3.1× the usual 27 for June');
  });
});

describe('flagHref', () => {
  const view = {
    city: 'toronto',
    level: 'ward',
    metric: 'count',
    classification: 'quantile',
    classes: 5,
    type: ['Pothole'],
    from: '2025-01-01',
  } as const;
  const flag = {
    areaKey: '11',
    areaName: 'Ward 11',
    dimension: 'type',
    value: 'Long grass',
    observed: 84,
    expected: 27,
    ratio: 84 / 27,
    pValue: 1e-9,
    period: 'month',
    periodStart: '2025-06-01',
  } as const;

  it("opens that area filtered to that type, replacing the view's own type filter", () => {
    const url = new URL(flagHref({ ...view, type: [...view.type] }, flag), 'http://x');
    expect(url.searchParams.get('area')).toBe('11');
    expect(url.searchParams.get('type')).toBe('Long grass');
    expect(url.searchParams.get('city')).toBe('toronto');
    expect(url.searchParams.get('from')).toBe('2025-01-01');
  });

  it('a city-wide flag opens the whole city, and a category flag filters by category', () => {
    const url = new URL(
      flagHref(
        { ...view, type: [...view.type] },
        { ...flag, dimension: 'category', value: 'Parks' },
        true,
      ),
      'http://x',
    );
    expect(url.searchParams.get('area')).toBeNull();
    expect(url.searchParams.get('type')).toBeNull();
    expect(url.searchParams.get('category')).toBe('Parks');
  });
});

describe('lastCompleteWeek', () => {
  it('is the week ending on the newest day when that day is a Sunday', () => {
    // 2025-02-09 is a Sunday: the week from Monday 2025-02-03 is complete.
    expect(lastCompleteWeek('2025-02-09')).toBe('2025-02-03');
    expect(lastCompleteWeek('2025-02-09T23:59:00')).toBe('2025-02-03');
  });

  it('is the week before otherwise, across month and year ends', () => {
    expect(lastCompleteWeek('2025-02-10')).toBe('2025-02-03');
    expect(lastCompleteWeek('2025-02-08')).toBe('2025-01-27');
    expect(lastCompleteWeek('2025-01-01')).toBe('2024-12-23');
  });
});

describe('hasDailyData', () => {
  it('needs requests on most days of the weeks compared', () => {
    expect(hasDailyData(91, 91)).toBe(true);
    expect(hasDailyData(55, 91)).toBe(true);
    expect(hasDailyData(13, 91)).toBe(false);
    expect(hasDailyData(0, 0)).toBe(false);
  });
});

describe('a weekly flag in plain words', () => {
  it('says "this week" and the Monday it starts on', () => {
    expect(
      anomalySentence(
        {
          value: 'Graffiti',
          areaName: 'District 3',
          observed: 60,
          expected: 20,
          month: '2025-02-03',
          period: 'week',
        },
        ...EN,
      ),
    ).toBe(
      'Graffiti in District 3: 60 requests this week (from 3 February), about 3× the usual 20',
    );
  });
});

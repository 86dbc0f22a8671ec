import { describe, expect, it } from 'vitest';
import {
  baselineRange,
  changeMetric,
  compareUnsupportedReason,
  rangeEndsPartial,
  resolveRange,
  viewToSearch,
  type View,
} from '@/lib/view';
import { parseView } from '@/lib/view/schema';

const range = (from: string, to: string) => resolveRange({ from, to }, to);

describe('baselineRange', () => {
  it('previous: the same number of whole months immediately before', () => {
    expect(baselineRange(range('2025-01-01', '2025-12-31'), 'previous')).toEqual({
      fromMonth: '2024-01-01',
      toMonth: '2024-12-01',
      from: '2024-01-01',
      to: '2024-12-31',
      months: 12,
    });
    // One month: the month before, to its own last day (31 → 30 → 28/29).
    expect(baselineRange(range('2025-05-01', '2025-05-31'), 'previous')).toMatchObject({
      from: '2025-04-01',
      to: '2025-04-30',
      months: 1,
    });
    expect(baselineRange(range('2024-03-01', '2024-03-31'), 'previous')).toMatchObject({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    // Across a year end.
    expect(baselineRange(range('2025-01-01', '2025-02-28'), 'previous')).toMatchObject({
      from: '2024-11-01',
      to: '2024-12-31',
      months: 2,
    });
  });

  it('last_year: the same months a year earlier, month ends and leap days included', () => {
    expect(baselineRange(range('2025-03-01', '2025-08-31'), 'last_year')).toEqual({
      fromMonth: '2024-03-01',
      toMonth: '2024-08-01',
      from: '2024-03-01',
      to: '2024-08-31',
      months: 6,
    });
    // A leap February against a common one, and back.
    expect(baselineRange(range('2024-02-01', '2024-02-29'), 'last_year')).toMatchObject({
      from: '2023-02-01',
      to: '2023-02-28',
    });
    expect(baselineRange(range('2025-02-01', '2025-02-28'), 'last_year')).toMatchObject({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    // A view naming the leap day itself is widened to its month first.
    expect(baselineRange(range('2024-02-29', '2024-02-29'), 'last_year')).toMatchObject({
      from: '2023-02-01',
      to: '2023-02-28',
      months: 1,
    });
  });

  it('a mid-month view is compared as whole months, like every range', () => {
    expect(baselineRange(range('2025-06-15', '2025-07-14'), 'previous')).toMatchObject({
      from: '2025-04-01',
      to: '2025-05-31',
      months: 2,
    });
    expect(baselineRange(range('2025-06-15', '2025-07-14'), 'last_year')).toMatchObject({
      from: '2024-06-01',
      to: '2024-07-31',
    });
  });

  it('keeps the baseline inside the calendar at the year 0001', () => {
    const early = baselineRange(range('0001-03-01', '0001-04-30'), 'last_year');
    expect(early.from).toBe('0001-01-01');
    expect(early.from <= early.to).toBe(true);
  });
});

describe('rangeEndsPartial', () => {
  it('is true when the data ends inside the last month before its last day', () => {
    expect(rangeEndsPartial({ to: '2025-06-30' }, '2025-06-14')).toBe(true);
    expect(rangeEndsPartial({ to: '2025-06-30' }, '2025-06-30')).toBe(false);
    expect(rangeEndsPartial({ to: '2025-06-30' }, '2025-07-02')).toBe(false);
    // The data ended in an earlier month: the last month is empty, not partial.
    expect(rangeEndsPartial({ to: '2025-06-30' }, '2025-05-20')).toBe(false);
    expect(rangeEndsPartial({ to: '2024-02-29' }, '2024-02-28')).toBe(true);
    expect(rangeEndsPartial({ to: '2025-06-30' }, null)).toBe(false);
  });
});

describe('compare in the view', () => {
  it('parses previous and last_year, rejects anything else, and survives a link', () => {
    const ok = parseView(new URLSearchParams('city=toronto&level=ward&compare=last_year'));
    expect(ok.ok && ok.view.compare).toBe('last_year');
    const none = parseView(new URLSearchParams('city=toronto&level=ward'));
    expect(none.ok && none.view.compare).toBeUndefined();
    const bad = parseView(new URLSearchParams('city=toronto&level=ward&compare=yesterday'));
    expect(bad).toMatchObject({
      ok: false,
      parameter: 'compare',
      error: 'compare must be one of previous, last_year.',
    });
    if (!ok.ok) throw new Error('parse failed');
    expect(viewToSearch(ok.view)).toContain('compare=last_year');
  });

  it('change_pct is already a comparison: the rule says so and a metric change drops compare', () => {
    expect(compareUnsupportedReason({ metric: 'count' })).toBeNull();
    expect(compareUnsupportedReason({ metric: 'change_pct' })).toMatch(/already a comparison/);
    const view = { city: 'toronto', level: 'ward', metric: 'count', compare: 'previous' } as View;
    expect(changeMetric(view, 'change_pct').compare).toBeUndefined();
    expect(changeMetric(view, 'per_1000').compare).toBe('previous');
  });
});

import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import {
  addMonths,
  buildFilters,
  joinSql,
  monthEnd,
  previousRange,
  resolveRange,
  sql,
  UnsupportedFilterError,
} from '@/lib/queries/filters-sql';
import { type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';

function view(query: string): View {
  const result = parseView(new URLSearchParams(query));
  if (!result.ok) throw new Error(result.error);
  return result.view;
}

const range = { fromMonth: '2024-01-01', toMonth: '2024-12-01' };

describe('sql', () => {
  it('turns every interpolated value into a ? parameter', () => {
    const evil = "x'; drop table dim_city; --";
    expect(sql`a = ${evil} and b = ${2}`).toEqual({ sql: 'a = ? and b = ?', params: [evil, 2] });
  });

  it('splices nested fragments with their parameters in order', () => {
    const inner = sql`c = ${'z'}`;
    expect(sql`a = ${1} and ${inner} and d = ${true}`).toEqual({
      sql: 'a = ? and c = ? and d = ?',
      params: [1, 'z', true],
    });
  });

  it('joins an empty list as true', () => {
    expect(joinSql([])).toEqual({ sql: 'true', params: [] });
  });
});

describe('month arithmetic', () => {
  it('adds months across year boundaries', () => {
    expect(addMonths('2024-11-15', 3)).toBe('2025-02-01');
    expect(addMonths('2024-01-31', -1)).toBe('2023-12-01');
    expect(addMonths('2024-03-01', -14)).toBe('2023-01-01');
  });

  it('finds the last day of a month, leap years included', () => {
    expect(monthEnd('2024-02-10')).toBe('2024-02-29');
    expect(monthEnd('2023-02-01')).toBe('2023-02-28');
    expect(monthEnd('2024-12-01')).toBe('2024-12-31');
  });
});

describe('resolveRange', () => {
  it('defaults to the last 12 months of data', () => {
    expect(resolveRange({}, '2025-06-01')).toEqual({
      fromMonth: '2024-07-01',
      toMonth: '2025-06-01',
      from: '2024-07-01',
      to: '2025-06-30',
      months: 12,
    });
  });

  it('widens explicit dates to whole months', () => {
    expect(resolveRange({ from: '2024-03-15', to: '2024-05-02' }, '2025-06-01')).toMatchObject({
      fromMonth: '2024-03-01',
      toMonth: '2024-05-01',
      from: '2024-03-01',
      to: '2024-05-31',
      months: 3,
    });
  });

  it('counts 12 months back from an explicit end when from is missing', () => {
    expect(resolveRange({ to: '2023-12-20' }, '2025-06-01').fromMonth).toBe('2023-01-01');
  });
});

describe('previousRange', () => {
  it('is the period of equal length just before', () => {
    expect(previousRange({ fromMonth: '2024-03-01', toMonth: '2024-05-01' })).toEqual({
      fromMonth: '2023-12-01',
      toMonth: '2024-02-01',
      from: '2023-12-01',
      to: '2024-02-29',
      months: 3,
    });
  });
});

describe('buildFilters', () => {
  it('filters city, level and months with parameters only', () => {
    const where = buildFilters(view('city=toronto&level=ward'), { range });
    expect(where.sql).toBe(
      'city = ? and level = ? and month between cast(? as date) and cast(? as date)',
    );
    expect(where.params).toEqual(['toronto', 'ward', '2024-01-01', '2024-12-01']);
  });

  it('adds one IN list per filter, in a fixed order, with an alias', () => {
    const where = buildFilters(
      view(
        'city=toronto&level=fsa&type=Pothole,Graffiti&status=open&channel=Phone&division=Roads&category=Streets',
      ),
      { range, alias: 'm' },
    );
    expect(where.sql).toBe(
      'm.city = ? and m.level = ? and m.month between cast(? as date) and cast(? as date)' +
        ' and m.type in (?, ?) and m.category in (?) and m.channel in (?)' +
        ' and m.division in (?) and m.status_group in (?)',
    );
    expect(where.params).toEqual([
      'toronto',
      'fsa',
      '2024-01-01',
      '2024-12-01',
      'Pothole',
      'Graffiti',
      'Streets',
      'Phone',
      'Roads',
      'open',
    ]);
  });

  it('keeps hostile filter values out of the SQL text', () => {
    const where = buildFilters(view("city=toronto&level=ward&type=a') or 1=1 --"), { range });
    expect(where.sql).not.toContain('1=1');
    expect(where.params).toContain("a') or 1=1 --");
  });

  it('reads another level, one area and omits filters on request', () => {
    const where = buildFilters(view('city=toronto&level=ward&status=open&type=X'), {
      range,
      level: '_city',
      areaKey: 'toronto',
      omit: ['status'],
    });
    expect(where.sql).toBe(
      'city = ? and level = ? and area_key = ? and month between cast(? as date) and cast(? as date) and type in (?)',
    );
    expect(where.params).toEqual(['toronto', '_city', 'toronto', '2024-01-01', '2024-12-01', 'X']);
  });

  it('filters the resolution histogram by its own category column', () => {
    const where = buildFilters(view('city=boston&level=neighborhood&category=Streets'), {
      range,
      table: 'mart_resolution_hist',
    });
    // A type can fall in several categories (by subgroup): only the histogram's own column is exact.
    expect(where.sql).toMatch(/ and category in \(\?\)$/);
    expect(where.sql).not.toContain('select');
    expect(where.params.at(-1)).toBe('Streets');
  });

  it('refuses a filter the histogram cannot apply, naming the parameter', () => {
    const run = () =>
      buildFilters(view('city=boston&level=neighborhood&channel=Phone'), {
        range,
        table: 'mart_resolution_hist',
      });
    expect(run).toThrow(UnsupportedFilterError);
    try {
      run();
    } catch (error) {
      expect((error as UnsupportedFilterError).parameter).toBe('channel');
    }
  });

  it('ignores status=closed on the histogram, where every request is closed', () => {
    const where = buildFilters(view('city=boston&level=neighborhood&status=closed'), {
      range,
      table: 'mart_resolution_hist',
    });
    expect(where.params).toHaveLength(4);
  });

  it('rejects an alias that is not a plain identifier', () => {
    expect(() =>
      buildFilters(view('city=toronto&level=ward'), { range, alias: 'm; drop' }),
    ).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import {
  busiestSentence,
  findPeaks,
  hourLabel,
  hourRange,
  peakSentence,
  shapeGrid,
} from '@/lib/patterns-shape';
import { nounsFor } from '@/lib/api/texts';

describe('shapeGrid', () => {
  it('lays counts out Monday first, 24 hours each, zeros where nothing arrived', () => {
    const rows = shapeGrid([
      { weekday: 1, hour: 9, count: 5 },
      { weekday: 7, hour: 23, count: 2 },
      { weekday: 1, hour: 9, count: 1 },
    ]);
    expect(rows.map((r) => r.label)).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    expect(rows[0]!.counts[9]).toBe(6);
    expect(rows[0]!.total).toBe(6);
    expect(rows[6]!.counts[23]).toBe(2);
    expect(rows.every((r) => r.counts.length === 24)).toBe(true);
  });

  it('refuses a weekday or hour outside the week', () => {
    expect(() => shapeGrid([{ weekday: 0, hour: 1, count: 1 }])).toThrow(/weekday/);
    expect(() => shapeGrid([{ weekday: 1, hour: 24, count: 1 }])).toThrow(/weekday/);
  });
});

describe('findPeaks', () => {
  it('finds the busiest two consecutive hours, the busiest day and hour', () => {
    const rows = shapeGrid([
      { weekday: 1, hour: 9, count: 10 },
      { weekday: 1, hour: 10, count: 8 },
      { weekday: 3, hour: 10, count: 12 },
      { weekday: 3, hour: 14, count: 1 },
    ]);
    const peaks = findPeaks(rows);
    expect(peaks.window).toEqual({ weekday: 1, fromHour: 9, toHour: 11, count: 18, share: 0.5806 });
    expect(peaks.day).toEqual({ weekday: 1, count: 18, share: 0.5806 });
    expect(peaks.hour).toEqual({ hour: 10, count: 20, share: 0.6452 });
  });

  it('takes the earliest window on a tie and answers null for an empty grid', () => {
    const tie = findPeaks(
      shapeGrid([
        { weekday: 2, hour: 20, count: 3 },
        { weekday: 1, hour: 5, count: 3 },
      ]),
    );
    expect(tie.window).toMatchObject({ weekday: 1, fromHour: 4, toHour: 6 });
    expect(findPeaks(shapeGrid([]))).toEqual({ window: null, day: null, hour: null });
  });
});

describe('hour words', () => {
  it('says hours the way people do', () => {
    expect(hourLabel(0)).toBe('12 am');
    expect(hourLabel(9)).toBe('9 am');
    expect(hourLabel(12)).toBe('12 pm');
    expect(hourLabel(23)).toBe('11 pm');
    expect(hourRange(9, 11)).toBe('9–11 am');
    expect(hourRange(11, 13)).toBe('11 am–1 pm');
    expect(hourRange(12, 14)).toBe('12–2 pm');
    expect(hourRange(22, 24)).toBe('10 pm–12 am');
  });

  it('names the peak in the city’s nouns', () => {
    const peak = { weekday: 1, fromHour: 9, toHour: 11, count: 18, share: 0.0421 };
    expect(peakSentence(peak, nounsFor('311'))).toBe(
      'Most requests arrive Mondays 9–11 am (4.2 % of all requests).',
    );
    expect(peakSentence({ ...peak, weekday: 6 }, nounsFor('crime'))).toMatch(
      /^Most incidents arrive Saturdays/,
    );
    expect(busiestSentence({ weekday: 5 }, { hour: 16 })).toBe(
      'Friday is the busiest day; 4–5 pm the busiest hour.',
    );
  });
});

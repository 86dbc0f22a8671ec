/**
 * The browser's view reader (lib/view/read.ts, no zod) against the server's zod schema
 * (lib/view/schema.ts): for every query below, and for thousands drawn at random around each
 * rule's edges, both accept or both refuse, and an accepted query gives the same view.
 */
import { describe, expect, it } from 'vitest';
import { VIEW_PARAMETERS, isCalendarDate, readView } from '@/lib/view';
import { parseView, viewShape } from '@/lib/view/schema';
import { mulberry32 } from '@/tools/generate/prng';

function agree(query: string, unknown?: 'reject' | 'ignore') {
  const params = new URLSearchParams(query);
  const server = parseView(params, unknown ? { unknown } : {});
  const browser = readView(params, unknown ? { unknown } : {});
  return { server: server.ok ? server.view : null, browser };
}

const CASES = [
  'city=toronto&level=ward',
  'city=toronto&level=ward&metric=per_1000&classification=jenks&classes=7',
  'city=toronto&level=ward&classes=3',
  'city=toronto&level=ward&classes=9',
  'city=toronto&level=ward&classes=2',
  'city=toronto&level=ward&classes=10',
  'city=toronto&level=ward&classes=5.5',
  'city=toronto&level=ward&classes=5.0',
  'city=toronto&level=ward&classes=0x5',
  'city=toronto&level=ward&classes=',
  'city=toronto&level=ward&classes=%205',
  'city=toronto&level=ward&classes=five',
  'city=toronto&level=ward&metric=nope',
  'city=toronto&level=ward&metric=',
  'city=Toronto&level=ward',
  'city=toronto&level=Ward',
  'city=san-francisco&level=supervisor_district',
  'city=&level=ward',
  'level=ward',
  'city=toronto',
  'city=toronto&level=ward&from=2024-01-01&to=2024-12-31',
  'city=toronto&level=ward&from=2024-12-31&to=2024-01-01',
  'city=toronto&level=ward&from=2024-02-29',
  'city=toronto&level=ward&from=2023-02-29',
  'city=toronto&level=ward&from=1900-02-29',
  'city=toronto&level=ward&from=2000-02-29',
  'city=toronto&level=ward&from=0000-01-01',
  'city=toronto&level=ward&from=0001-01-01',
  'city=toronto&level=ward&from=2024-13-01',
  'city=toronto&level=ward&from=2024-04-31',
  'city=toronto&level=ward&from=2024-1-1',
  'city=toronto&level=ward&from=20240101',
  'city=toronto&level=ward&to=',
  'city=toronto&level=ward&type=Pothole,%20Graffiti%20,,',
  'city=toronto&level=ward&type=',
  'city=toronto&level=ward&type=,,',
  `city=toronto&level=ward&category=${'x'.repeat(200)}`,
  `city=toronto&level=ward&category=${'x'.repeat(201)}`,
  `city=toronto&level=ward&channel=${Array.from({ length: 50 }, (_, i) => `c${i}`).join(',')}`,
  `city=toronto&level=ward&channel=${Array.from({ length: 51 }, (_, i) => `c${i}`).join(',')}`,
  `city=toronto&level=ward&division=${'a,'.repeat(2000)}`,
  `city=toronto&level=ward&division=${'ab,'.repeat(1400)}`,
  'city=toronto&level=ward&status=open&hotspots=1&compare=last_year&duplicates=merged',
  'city=toronto&level=ward&status=any',
  'city=toronto&level=ward&hotspots=yes',
  'city=toronto&level=ward&compare=next',
  'city=toronto&level=ward&duplicates=all',
  'city=toronto&level=ward&area=M5V',
  'city=toronto&level=ward&area=',
  `city=toronto&level=ward&area=${'k'.repeat(200)}`,
  `city=toronto&level=ward&area=${'k'.repeat(201)}`,
  'city=toronto&level=ward&utm_source=x',
  'city=toronto&level=ward&metric=count&metric=per_1000',
];

describe('readView (browser) agrees with parseView (server, zod)', () => {
  it('reads the same keys as the schema', () => {
    expect([...VIEW_PARAMETERS]).toEqual(Object.keys(viewShape.shape));
  });

  it.each(CASES)('%s', (query) => {
    for (const unknown of [undefined, 'ignore'] as const) {
      const { server, browser } = agree(query, unknown);
      expect(browser).toEqual(server);
    }
  });

  it('agrees on 5,000 queries drawn at random around each rule', () => {
    const random = mulberry32(311);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const values: Record<string, readonly string[]> = {
      city: ['toronto', 'san-francisco', 'Toronto', '', 'a1', 'x-y'],
      level: ['ward', 'supervisor_district', 'Ward', '', 'fsa-1'],
      metric: ['count', 'per_1000', 'change_pct', 'median_days', 'x', ''],
      classification: ['quantile', 'equal', 'jenks', 'Jenks'],
      classes: ['3', '5', '9', '2', '10', '4.5', '07', '1e1', ' 6 ', '', 'x', '-3'],
      from: [
        '2024-01-01',
        '2024-02-29',
        '2023-02-29',
        '2024-12-31',
        '0000-06-01',
        '2024-00-10',
        '',
      ],
      to: ['2024-06-30', '2023-01-31', '2025-02-28', '2100-02-29', '2400-02-29', '24-01-01'],
      type: ['A', 'A,B', ' A , ,B ', '', ',', 'x'.repeat(201), 'y,'.repeat(51)],
      category: ['Roads', '', 'Roads,Parks'],
      channel: ['phone', 'web,app'],
      division: ['North'],
      status: ['open', 'closed', 'all', ''],
      area: ['10', '', 'M5V', 'k'.repeat(201)],
      hotspots: ['0', '1', '2'],
      compare: ['previous', 'last_year', 'x'],
      duplicates: ['kept', 'merged', 'x'],
      utm_source: ['news'],
    };
    const keys = Object.keys(values);
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const params = new URLSearchParams();
      for (const key of keys) {
        // city and level are usually there; the rest now and then.
        const chance = key === 'city' || key === 'level' ? 0.95 : 0.25;
        if (random() < chance) params.set(key, pick(values[key]!));
      }
      for (const unknown of [undefined, 'ignore'] as const) {
        const { server, browser } = agree(params.toString(), unknown);
        expect(browser, params.toString()).toEqual(server);
        if (server) accepted++;
      }
    }
    // Both outcomes are well represented, so agreement is not agreement on "refused".
    expect(accepted).toBeGreaterThan(400);
    expect(accepted).toBeLessThan(9000);
  });

  it('isCalendarDate: every day of 1999–2001 and of 2100 agrees with the Date object', () => {
    for (const year of [1999, 2000, 2001, 2100]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 32; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const date = new Date(`${text}T00:00:00Z`);
          const real = !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
          expect(isCalendarDate(text), text).toBe(real);
        }
      }
    }
  });
});

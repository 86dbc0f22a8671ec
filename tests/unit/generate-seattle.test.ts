/**
 * The Seattle NIBRS sample generator: byte-identical rebuild of the committed sample, the
 * tazs-3rd5 header, the offence mix per MCPP against the real 2008–2021 counts, points inside
 * their MCPP, summer seasonality, and the quirks the pipeline must clean.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSeattleCsv, loadSeattleCalibration } from '@/tools/generate/seattle';
import type { SEATTLE_COLUMNS, SeattleCalibration } from '@/tools/generate/seattle';

const ROOT = join(import.meta.dirname, '..', '..');
const SAMPLE = join(ROOT, 'data/samples/seattle/nibrs-2024-2025-sample.csv');

type Row = Record<(typeof SEATTLE_COLUMNS)[number], string>;

let calibration: SeattleCalibration;
let text: string;
let rows: Row[];

beforeAll(() => {
  calibration = loadSeattleCalibration(ROOT);
  text = readFileSync(SAMPLE, 'utf8');
  rows = parse<Row>(text, { columns: true });
});

describe('generateSeattleCsv', () => {
  it('reproduces the committed sample byte for byte from its documented command', () => {
    const csv = generateSeattleCsv(calibration, {
      rows: 6000,
      from: '2024-01-01',
      to: '2025-12-31',
      seed: 206,
    });
    expect(csv).toBe(text);
    expect(Buffer.byteLength(text)).toBeLessThan(2_000_000);
  });

  it('gives different rows for another seed', () => {
    const options = { rows: 300, from: '2024-01-01', to: '2024-03-31', seed: 1 };
    expect(generateSeattleCsv(calibration, options)).toBe(generateSeattleCsv(calibration, options));
    expect(generateSeattleCsv(calibration, { ...options, seed: 2 })).not.toBe(
      generateSeattleCsv(calibration, options),
    );
  });

  it('writes the tazs-3rd5 header exactly and 6,000 offence rows', () => {
    expect(text.split('\n')[0]).toBe(
      'report_number,report_date_time,offense_id,offense_date,nibrs_group_a_b,' +
        'nibrs_crime_against_category,offense_sub_category,offense_category,' +
        'nibrs_offense_code_description,nibrs_offense_code,block_address,latitude,longitude,' +
        'beat,precinct,sector,neighborhood,reporting_area',
    );
    expect(rows).toHaveLength(6000);
    expect(new Set(rows.map((r) => r.offense_id)).size).toBe(6000);
  });

  it('writes Socrata floating timestamps, the offence a little before the report', () => {
    const stamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000$/;
    for (const r of rows) {
      expect(r.report_date_time).toMatch(stamp);
      expect(r.offense_date).toMatch(stamp);
      expect(r.offense_date <= r.report_date_time).toBe(true);
    }
    expect(
      rows.every((r) => r.report_date_time >= '2024-01-01' && r.report_date_time < '2026'),
    ).toBe(true);
  });

  // Tolerance: a top MCPP has 300–500 rows here, so a share's standard error is ≤ 2.8 points;
  // 8 points also covers the small shift the seasonal weighting gives a two-year window.
  it('keeps each top MCPP’s offence-group shares within 8 points of the real 2008–2021 shares', () => {
    const byHood = new Map<string, Row[]>();
    for (const r of rows)
      if (r.offense_sub_category !== 'NOT_A_CRIME' && r.neighborhood !== 'OOJ')
        byHood.set(r.neighborhood, [...(byHood.get(r.neighborhood) ?? []), r]);
    const top = [...byHood].sort((a, b) => b[1].length - a[1].length).slice(0, 5);
    expect(top.map(([name]) => name)).toContain('DOWNTOWN COMMERCIAL');
    for (const [name, list] of top) {
      const counts = calibration.counts.get(name) ?? [];
      const total = counts.reduce((a, b) => a + b, 0);
      const groups = calibration.groups
        .map((group, i) => ({ group, share: (counts[i] ?? 0) / total }))
        .sort((a, b) => b.share - a.share)
        .slice(0, 4);
      for (const { group, share } of groups) {
        const sample = list.filter((r) => r.offense_sub_category === group).length / list.length;
        expect(Math.abs(sample - share), `${name} ${group}`).toBeLessThan(0.08);
      }
    }
  });

  it('maps offence groups to NIBRS codes and crime-against categories', () => {
    const pairs = new Set(
      rows.map((r) => `${r.nibrs_offense_code} ${r.nibrs_offense_code_description}`),
    );
    for (const pair of [
      '13A Aggravated Assault',
      '23H All Other Larceny',
      '240 Motor Vehicle Theft',
      '290 Destruction/Damage/Vandalism of Property',
      '220 Burglary/Breaking & Entering',
      '35A Drug/Narcotic Violations',
    ])
      expect(pairs).toContain(pair);
    const against = new Set(rows.map((r) => r.nibrs_crime_against_category));
    expect([...against].sort()).toEqual(['NOT_A_CRIME', 'PERSON', 'PROPERTY', 'SOCIETY']);
  });

  it('puts located rows inside their MCPP polygon, with sector = first letter of the beat', () => {
    const areas = new Map(calibration.mcpp.features.map((f) => [f.properties.area_name, f]));
    const located = rows.filter(
      (r) => r.neighborhood !== 'OOJ' && r.latitude !== '' && r.latitude !== 'REDACTED',
    );
    for (const r of located.slice(0, 400)) {
      const area = areas.get(r.neighborhood);
      expect(area, r.neighborhood).toBeDefined();
      expect(turf.booleanPointInPolygon([Number(r.longitude), Number(r.latitude)], area!)).toBe(
        true,
      );
      expect(r.sector).toBe(r.beat === '-' ? '-' : r.beat.charAt(0));
    }
  });

  it('peaks property crime in summer', () => {
    const month = (r: Row) => Number(r.report_date_time.slice(5, 7));
    const property = rows.filter((r) => r.nibrs_crime_against_category === 'PROPERTY');
    const summer = property.filter((r) => [6, 7, 8].includes(month(r))).length;
    const winter = property.filter((r) => [12, 1, 2].includes(month(r))).length;
    expect(summer / winter).toBeGreaterThan(1.15);
  });

  it('carries the real quirks: REDACTED, OOJ, NOT_A_CRIME, "-" beats, shared report numbers', () => {
    const count = (test: (r: Row) => boolean) => rows.filter(test).length;
    expect(count((r) => r.block_address === 'REDACTED')).toBeGreaterThan(30);
    expect(count((r) => r.latitude === 'REDACTED')).toBeGreaterThan(10);
    expect(count((r) => r.block_address === 'REDACTED' && r.latitude === '')).toBeGreaterThan(10);
    const ooj = rows.filter((r) => r.precinct === 'OOJ');
    expect(ooj.length).toBeGreaterThan(10);
    for (const r of ooj) {
      expect(r.beat).toBe('OOJ');
      const inside = calibration.precincts.features.some((f) =>
        turf.booleanPointInPolygon([Number(r.longitude), Number(r.latitude)], f),
      );
      expect(inside).toBe(false);
    }
    expect(count((r) => r.offense_sub_category === 'NOT_A_CRIME')).toBeGreaterThan(10);
    expect(count((r) => r.offense_category === 'NOT_A_CRIME')).toBeGreaterThan(10);
    expect(count((r) => r.beat === '-' && r.sector === '-')).toBeGreaterThan(30);
    const perReport = new Map<string, number>();
    for (const r of rows) perReport.set(r.report_number, (perReport.get(r.report_number) ?? 0) + 1);
    expect([...perReport.values()].filter((n) => n > 1).length).toBeGreaterThan(200);
  });
});

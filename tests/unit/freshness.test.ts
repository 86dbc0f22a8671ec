import { describe, expect, it } from 'vitest';
import { assessFreshness, type FreshnessRun } from '@/lib/freshness';
import { createTranslator } from 'next-intl';
import { freshnessMessage, freshnessWords } from '@/components/status/freshness-words';
import { MESSAGES } from '@/messages';
import type { Locale } from '@/lib/i18n/locales';
import type { CityStatus } from '@/lib/status';

const tr = (locale: Locale) =>
  createTranslator({ locale, messages: MESSAGES[locale], namespace: 'freshness' });

const now = new Date('2026-06-20T12:00:00Z');
const live = (finished: string, rowsLoaded: number, status: 'success' | 'failed' = 'success') =>
  ({ source: 'live', status, finished, rowsLoaded }) satisfies FreshnessRun;

describe('assessFreshness', () => {
  it('a city never published is stale', () => {
    const v = assessFreshness([live('2026-06-20T00:00:00Z', 0, 'failed')], 'daily', now);
    expect(v).toMatchObject({ stale: true, reason: 'never-published', mode: null });
  });

  it('a daily source published yesterday is fresh; three days ago is late', () => {
    expect(assessFreshness([live('2026-06-19T11:00:00Z', 500)], 'daily', now).stale).toBe(false);
    const late = assessFreshness([live('2026-06-17T11:00:00Z', 500)], 'daily', now);
    expect(late).toMatchObject({ stale: true, reason: 'late' });
    expect(late.ageHours).toBeCloseTo(73, 5);
  });

  it('the boundary is the cadence allowance: 48 h for daily, 32 days for monthly', () => {
    expect(assessFreshness([live('2026-06-18T12:00:00Z', 1)], 'daily', now).stale).toBe(false);
    expect(assessFreshness([live('2026-06-18T11:59:00Z', 1)], 'daily', now).stale).toBe(true);
    // Toronto publishes monthly: three weeks old is fine, five weeks is not.
    expect(assessFreshness([live('2026-05-30T00:00:00Z', 9)], 'monthly', now).stale).toBe(false);
    expect(assessFreshness([live('2026-05-10T00:00:00Z', 9)], 'monthly', now).stale).toBe(true);
  });

  it('ten days of zero-row "successes" from a daily source is stale, not fresh', () => {
    const runs = [live('2026-06-09T06:00:00Z', 1200)];
    for (let d = 10; d <= 20; d++) runs.push(live(`2026-06-${d}T06:00:00Z`, 0));
    const v = assessFreshness(runs, 'daily', now);
    expect(v).toMatchObject({ stale: true, reason: 'zero-rows', zeroRowWarning: true });
    expect(v.lastSuccess).toBe('2026-06-20T06:00:00Z');
    expect(v.lastNonEmptySuccess).toBe('2026-06-09T06:00:00Z');
  });

  it('one zero-row run after a recent load is a warning, not stale', () => {
    const v = assessFreshness(
      [live('2026-06-19T06:00:00Z', 800), live('2026-06-20T06:00:00Z', 0)],
      'daily',
      now,
    );
    expect(v).toMatchObject({ stale: false, zeroRowWarning: true });
    expect(v.message).toMatch(/zero new rows/);
  });

  it('failed runs after a fresh publish do not make it stale, and do not count as publishes', () => {
    const fresh = assessFreshness(
      [live('2026-06-19T20:00:00Z', 10), live('2026-06-20T06:00:00Z', 0, 'failed')],
      'daily',
      now,
    );
    expect(fresh.stale).toBe(false);
    const old = assessFreshness(
      [live('2026-06-10T20:00:00Z', 10), live('2026-06-20T06:00:00Z', 0, 'failed')],
      'daily',
      now,
    );
    expect(old).toMatchObject({ stale: true, reason: 'late', lastSuccess: '2026-06-10T20:00:00Z' });
  });

  it('a bundled sample is a static snapshot: never stale by age, and says so', () => {
    const v = assessFreshness(
      [{ source: 'sample', status: 'success', finished: '2025-01-01T00:00:00Z', rowsLoaded: 0 }],
      'daily',
      now,
    );
    expect(v).toMatchObject({ stale: false, mode: 'sample', zeroRowWarning: false });
  });

  it('warehouse timestamps without a zone are read as UTC', () => {
    const v = assessFreshness([live('2026-06-20 10:00:00', 5)], 'daily', now);
    expect(v.ageHours).toBeCloseTo(2, 5);
  });
});

describe('freshnessMessage', () => {
  const cases: [string, FreshnessRun[], 'daily' | 'weekly' | 'monthly'][] = [
    ['never published', [live('2026-06-20T00:00:00Z', 0, 'failed')], 'daily'],
    [
      'sample',
      [{ source: 'sample', status: 'success', finished: '2026-06-19T00:00:00Z', rowsLoaded: 3 }],
      'daily',
    ],
    ['late', [live('2026-06-01T00:00:00Z', 9)], 'weekly'],
    ['zero rows', [live('2026-06-10T00:00:00Z', 9), live('2026-06-20T00:00:00Z', 0)], 'daily'],
    [
      'zero-row warning',
      [live('2026-06-19T20:00:00Z', 9), live('2026-06-20T10:00:00Z', 0)],
      'daily',
    ],
    ['fresh', [live('2026-06-20T10:00:00Z', 9)], 'monthly'],
  ];
  it.each(cases)('in English is the API sentence word for word (%s)', (_, runs, cadence) => {
    const verdict = assessFreshness(runs, cadence, now);
    expect(freshnessMessage(verdict, cadence, tr('en'))).toBe(verdict.message);
  });
  it('speaks French and Spanish from the same facts', () => {
    const verdict = assessFreshness(
      [live('2026-06-10T00:00:00Z', 9), live('2026-06-20T00:00:00Z', 0)],
      'daily',
      now,
    );
    expect(verdict.reason).toBe('zero-rows');
    expect(freshnessMessage(verdict, 'daily', tr('fr'))).toBe(
      'Périmé : les exécutions en direct depuis le 2026-06-10 n’ont chargé aucune nouvelle ligne (une source quotidienne est attendue dans un délai de 2 jours).',
    );
    expect(freshnessMessage(verdict, 'daily', tr('es'))).toBe(
      'Desactualizado: las ejecuciones en vivo desde el 2026-06-10 no cargaron filas nuevas (de una fuente diaria se esperan datos en un plazo de 2 días).',
    );
  });
});

describe('freshnessWords', () => {
  it('says "Data to <date>, updated <date>" and marks a sample, in each language', () => {
    const verdict = assessFreshness(
      [{ source: 'sample', status: 'success', finished: '2026-06-20T09:00:00Z', rowsLoaded: 3 }],
      'daily',
      now,
    );
    const status: CityStatus = {
      city: 'x',
      name: 'X',
      cadence: 'daily',
      loaded: true,
      watermark: null,
      dataTo: '2026-05-31T23:10:00',
      firstMonth: null,
      lastMonth: null,
      monthsCovered: 1,
      rowsLoaded: 3,
      rowsQuarantined: 0,
      rowsUnmapped: 0,
      lastRun: null,
      lastSuccess: {
        runId: 'r',
        source: 'sample',
        status: 'success',
        finished: '2026-06-20T09:00:00Z',
        rowsLoaded: 3,
        rowsQuarantined: 0,
        step: null,
      },
      stale: false,
      freshness: verdict,
    };
    expect(freshnessWords(status, tr('en'))).toBe(
      'Data to 2026-05-31, updated 2026-06-20 (bundled sample).',
    );
    expect(freshnessWords(status, tr('fr'))).toBe(
      'Données jusqu’au 2026-05-31, mises à jour le 2026-06-20 (échantillon fourni).',
    );
    expect(freshnessWords(status, tr('es'))).toBe(
      'Datos hasta el 2026-05-31, actualizados el 2026-06-20 (muestra incluida).',
    );
    expect(freshnessWords({ ...status, loaded: false }, tr('en'))).toBe(
      'No data published for this city yet.',
    );
  });
});

/**
 * Hotspots: areas with significantly more requests than their share of the population predicts.
 *
 * Test: for area i with population p_i, the expected count under "requests follow population"
 * is E_i = N × p_i / Σp, where N is the located requests over the tested areas. Under that null,
 * X_i ~ Poisson(E_i), and the one-sided p-value is P(X ≥ x_i) = P(x_i, E_i), the regularised
 * lower incomplete gamma function. The p-values are corrected for testing every area at once with
 * Benjamini–Hochberg at false discovery rate α = 0.05. Areas without population are not tested,
 * nor areas whose expected count is below MIN_HOTSPOT_EXPECTED: a park with a handful of
 * residents expects almost nothing, so any count there would look significant.
 *
 * Caveat: 311 counts are over-dispersed (a few streets, a few callers), so a Poisson test is
 * liberal; read a hotspot as "more than population alone explains", not as a cause.
 */

import { MIN_HOTSPOT_EXPECTED } from '@/lib/api/texts';

export const HOTSPOT_ALPHA = 0.05;

export { HOTSPOT_TEST_DESCRIPTION, MIN_HOTSPOT_EXPECTED } from '@/lib/api/texts';

export interface HotspotInput {
  count: number;
  population: number | null;
}

export interface HotspotResult {
  hotspot: boolean;
  expected: number | null;
  pValue: number | null;
}

/** Natural log of Γ(x), Lanczos approximation (g = 7, n = 9), accurate to ~1e-15. */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0]!;
  for (let i = 1; i < 9; i++) sum += c[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Regularised lower incomplete gamma P(a, x), by series or continued fraction. */
export function lowerGammaRegularized(a: number, x: number): number {
  if (x <= 0) return 0;
  if (a <= 0) return 1;
  const lnPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(lnPrefix));
  }
  // Lentz's continued fraction for the upper function Q(a, x).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(lnPrefix) * h);
}

/** P(X ≥ k) for X ~ Poisson(lambda). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  return lowerGammaRegularized(k, lambda);
}

/** Benjamini–Hochberg: which p-values are discoveries at false discovery rate `alpha`. */
export function benjaminiHochberg(pValues: readonly number[], alpha = HOTSPOT_ALPHA): boolean[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  let cutoff = -1;
  order.forEach(({ p }, rank) => {
    if (p <= ((rank + 1) / m) * alpha) cutoff = rank;
  });
  const result = new Array<boolean>(m).fill(false);
  for (let rank = 0; rank <= cutoff; rank++) result[order[rank]!.i] = true;
  return result;
}

export function findHotspots(
  areas: readonly HotspotInput[],
  alpha = HOTSPOT_ALPHA,
  minExpected = MIN_HOTSPOT_EXPECTED,
): HotspotResult[] {
  const tested = areas
    .map((area, index) => ({ ...area, index }))
    .filter(
      (area): area is { count: number; population: number; index: number } =>
        area.population !== null && area.population > 0 && area.count >= 0,
    );
  const results: HotspotResult[] = areas.map(() => ({
    hotspot: false,
    expected: null,
    pValue: null,
  }));
  const totalCount = tested.reduce((sum, a) => sum + a.count, 0);
  const totalPopulation = tested.reduce((sum, a) => sum + a.population, 0);
  if (!tested.length || totalCount === 0) return results;
  const testable: number[] = [];
  const pValues: number[] = [];
  for (const area of tested) {
    const expected = (totalCount * area.population) / totalPopulation;
    if (expected < minExpected) {
      results[area.index] = { hotspot: false, expected, pValue: null };
      continue;
    }
    const pValue = poissonUpperTail(area.count, expected);
    results[area.index] = { hotspot: false, expected, pValue };
    testable.push(area.index);
    pValues.push(pValue);
  }
  benjaminiHochberg(pValues, alpha).forEach((discovered, i) => {
    if (discovered) results[testable[i]!]!.hotspot = true;
  });
  return results;
}

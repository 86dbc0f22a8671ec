/**
 * Colour-blind-safe palettes for the choropleth. Sequential: viridis (perceptually uniform,
 * readable in greyscale and by the common colour-vision deficiencies), light for low values and
 * dark for high ones. Diverging (change_pct): blue for decrease, orange for increase, a neutral
 * light grey at zero (the blue–orange pair stays distinct under deuteranopia and protanopia).
 */

export type Rgb = readonly [number, number, number];

/** Viridis from yellow (low) to purple (high), ten stops for interpolation. */
const VIRIDIS: readonly Rgb[] = [
  [253, 231, 37],
  [181, 222, 43],
  [110, 206, 88],
  [53, 183, 121],
  [31, 158, 137],
  [38, 130, 142],
  [49, 104, 142],
  [62, 73, 137],
  [72, 40, 120],
  [68, 1, 84],
];

const DIVERGING_LOW: readonly Rgb[] = [
  [33, 102, 172],
  [103, 169, 207],
  [209, 229, 240],
];
const DIVERGING_MID: Rgb = [240, 240, 240];
const DIVERGING_HIGH: readonly Rgb[] = [
  [254, 224, 182],
  [241, 163, 64],
  [179, 88, 6],
];

/** Areas with no value: a neutral grey distinct from every palette colour. */
export const NO_DATA_COLOR: Rgb = [189, 189, 189];
/** Outline of areas flagged as hotspots (magenta: off both palettes). */
export const HOTSPOT_COLOR: Rgb = [214, 0, 122];
export const OUTLINE_COLOR: Rgb = [255, 255, 255];
/** Badge of areas flagged "unusual this month": near-black with a white ring, off both palettes. */
export const UNUSUAL_COLOR: Rgb = [25, 25, 35];
export const SELECTED_COLOR: Rgb = [20, 20, 20];

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [
    Math.round(a[0] + (b[0] - a[0]) * t),
    Math.round(a[1] + (b[1] - a[1]) * t),
    Math.round(a[2] + (b[2] - a[2]) * t),
  ];
}

/** A colour at t ∈ [0, 1] along piecewise-linear stops. */
export function ramp(stops: readonly Rgb[], t: number): Rgb {
  const clamped = Math.min(1, Math.max(0, t));
  if (stops.length === 1) return stops[0]!;
  const scaled = clamped * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(scaled));
  return mix(stops[i]!, stops[i + 1]!, scaled - i);
}

/** `n` sequential class colours, light to dark. */
export function sequentialPalette(n: number): Rgb[] {
  if (n <= 0) return [];
  if (n === 1) return [ramp(VIRIDIS, 0.5)];
  return Array.from({ length: n }, (_, i) => ramp(VIRIDIS, i / (n - 1)));
}

/** A diverging colour at t ∈ [−1, 1]: blue below zero, orange above. */
export function divergingColor(t: number): Rgb {
  if (!Number.isFinite(t) || Math.abs(t) < 1e-9) return DIVERGING_MID;
  const clamped = Math.max(-1, Math.min(1, t));
  return clamped < 0
    ? ramp([...DIVERGING_LOW, DIVERGING_MID], 1 + clamped)
    : ramp([DIVERGING_MID, ...DIVERGING_HIGH], clamped);
}

/**
 * One colour per class. Sequential for most metrics; for diverging metrics each class is coloured
 * by its midpoint relative to zero, scaled by the largest absolute edge, so zero stays neutral.
 */
export function classColors(breaks: readonly number[], diverging: boolean): Rgb[] {
  const n = Math.max(0, breaks.length - 1);
  if (!diverging) return sequentialPalette(n);
  const extent = Math.max(...breaks.map((b) => Math.abs(b)), 1e-9);
  return Array.from({ length: n }, (_, i) => {
    const lo = breaks[i]!;
    const hi = breaks[i + 1]!;
    if (lo < 0 && hi > 0) return DIVERGING_MID;
    return divergingColor((lo + hi) / 2 / extent);
  });
}

export function toCss([r, g, b]: Rgb): string {
  return `rgb(${r} ${g} ${b})`;
}

/** The smallest 1, 2, 2.5 or 5 × 10^k at or above `value` (a legend edge a person can read). */
export function niceCeil(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value - 1e-9 * power) return step * power;
  }
  return 10 * power;
}

/**
 * Breaks for a change centred on zero: `classes` equal classes from −M to +M, M the largest
 * absolute change rounded up to a readable edge. The same breaks colour every map of a compared
 * view; an odd count has a grey class around zero, an even one has zero as an edge.
 */
export function symmetricBreaks(values: readonly (number | null)[], classes: number): number[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!present.length) return [];
  const n = Math.max(2, Math.floor(classes));
  const extent = niceCeil(Math.max(...present.map((v) => Math.abs(v))));
  const step = (2 * extent) / n;
  return Array.from({ length: n + 1 }, (_, i) =>
    i === n ? extent : Math.round((-extent + i * step) * 1e6) / 1e6,
  );
}

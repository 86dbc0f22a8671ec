/** Formatters and colours shared by the chart components (words live in lib/api/texts.ts). */

export const formatCount = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : value.toLocaleString('en-US');

export const formatPct = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)}%`;

export const formatDays = (value: number | null | undefined): string =>
  value === null || value === undefined
    ? '—'
    : `${value < 10 ? value.toFixed(1) : Math.round(value)} d`;

/** A palette that stays distinguishable for common colour-vision deficiencies (Okabe–Ito+). */
export const CATEGORY_COLORS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
  '#999999',
  '#7F3C8D',
  '#11A579',
  '#3969AC',
];

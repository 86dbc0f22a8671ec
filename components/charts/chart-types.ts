/** Props shared by the chart components, and the words a city's data is counted in. */

export interface CityInfo {
  id: string;
  name: string;
  kind: '311' | 'crime';
  metrics: { resolution: boolean; sla: boolean };
  levels: { id: string; label: string }[];
  /** The data's freshness (ISO): a last month before it ends is partial. */
  freshness?: string | null;
}

export interface Nouns {
  one: string;
  many: string;
  Many: string;
  type: string;
  types: string;
}

/** Seattle publishes crime: offences/incidents, never "requests". */
export function nounsFor(kind: CityInfo['kind']): Nouns {
  return kind === 'crime'
    ? { one: 'incident', many: 'incidents', Many: 'Incidents', type: 'offence', types: 'offences' }
    : { one: 'request', many: 'requests', Many: 'Requests', type: 'type', types: 'types' };
}

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

/**
 * Response shapes of the app's JSON routes, shared by route handlers, query options and
 * components. Types only: safe to import anywhere.
 */
import type { Classification, Metric } from '@/lib/filters';

export interface LevelSummary {
  id: string;
  label: string;
  /** Areas the boundary file is expected to hold. */
  areas: number;
  hasPopulation: boolean;
  /** Simplified boundaries for the browser: properties area_key, area_name. */
  boundaryUrl: string;
}

export interface CitySummary {
  id: string;
  name: string;
  kind: '311' | 'crime';
  /** The words this city's records are counted in, from its config. */
  nouns: { one: string; many: string; type: string; types: string };
  timezone: string;
  levels: LevelSummary[];
  /** Metrics this city's data supports (per_1000 also needs a level with population). */
  metrics: Metric[];
  hasResolution: boolean;
  hasSla: boolean;
  /** False while the pipeline has not loaded this city: dates are then null. */
  loaded: boolean;
  freshness: string | null;
  firstMonth: string | null;
  lastMonth: string | null;
  rowsLoaded: number | null;
  attribution: string;
  view: { longitude: number; latitude: number; zoom: number };
  bbox: [number, number, number, number];
}

export interface CitiesResponse {
  cities: CitySummary[];
}

export interface ChoroplethArea {
  area_key: string;
  area_name: string;
  /** The metric's value; null where it has no answer (no population, nothing closed, …). */
  value: number | null;
  /** Requests the value is computed from (opened; closed for resolution; due for on-time). */
  count: number;
  population: number | null;
  hotspot?: boolean;
}

export interface HotspotSummary {
  test: string;
  alpha: number;
  tested: number;
  found: number;
}

export interface ChoroplethResponse {
  city: string;
  /** '311' counts requests, 'crime' counts incidents: the words the UI uses. */
  kind: '311' | 'crime';
  level: string;
  metric: Metric;
  classification: Classification;
  /** The effective range: the first day of the first month to the last day of the last. */
  from: string;
  to: string;
  unit: string;
  areas: ChoroplethArea[];
  /** Requests matching the filters with no usable location (city total − sum over areas). */
  unlocated: number;
  /** Requests matching the filters city-wide, located or not. */
  total: number;
  breaks: number[];
  classCounts: number[];
  noData: number;
  hotspots: HotspotSummary | null;
}

export interface FilterOption {
  value: string;
  count: number;
}

export interface FilterOptionsResponse {
  city: string;
  type: FilterOption[];
  category: FilterOption[];
  channel: FilterOption[];
  division: FilterOption[];
}

export interface ApiError {
  error: string;
  parameter?: string;
}

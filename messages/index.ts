/**
 * The message catalogues: one JSON file per namespace per language (messages/<locale>/<ns>.json),
 * so people translating one part of the product do not edit the same file. English is the
 * reference: its shape is the type of every catalogue (i18n/app-config.d.ts), and
 * tests/unit/i18n-catalogues.test.ts fails when French or Spanish lacks a key English has, has
 * one English lacks, or changes a message's {placeholders}.
 * To add a namespace: add the three files and one line per language below.
 */
import type { Locale } from '@/lib/i18n/locales';
import enCommon from './en/common.json';
import frCommon from './fr/common.json';
import esCommon from './es/common.json';
import enWords from './en/words.json';
import frWords from './fr/words.json';
import esWords from './es/words.json';
import enDashboard from './en/dashboard.json';
import frDashboard from './fr/dashboard.json';
import esDashboard from './es/dashboard.json';
import enMap from './en/map.json';
import frMap from './fr/map.json';
import esMap from './es/map.json';
import enAnomalies from './en/anomalies.json';
import frAnomalies from './fr/anomalies.json';
import esAnomalies from './es/anomalies.json';
import enPages from './en/pages.json';
import frPages from './fr/pages.json';
import esPages from './es/pages.json';
import enStatus from './en/status.json';
import frStatus from './fr/status.json';
import esStatus from './es/status.json';
import enApiDocs from './en/apiDocs.json';
import frApiDocs from './fr/apiDocs.json';
import esApiDocs from './es/apiDocs.json';
import enReport from './en/report.json';
import frReport from './fr/report.json';
import esReport from './es/report.json';
import enFreshness from './en/freshness.json';
import frFreshness from './fr/freshness.json';
import esFreshness from './es/freshness.json';
import enFeed from './en/feed.json';
import frFeed from './fr/feed.json';
import esFeed from './es/feed.json';
import enCharts from './en/charts.json';
import frCharts from './fr/charts.json';
import esCharts from './es/charts.json';
import enPatterns from './en/patterns.json';
import frPatterns from './fr/patterns.json';
import esPatterns from './es/patterns.json';
import enExports from './en/exports.json';
import frExports from './fr/exports.json';
import esExports from './es/exports.json';

export const MESSAGES = {
  en: {
    common: enCommon,
    words: enWords,
    dashboard: enDashboard,
    map: enMap,
    anomalies: enAnomalies,
    pages: enPages,
    status: enStatus,
    apiDocs: enApiDocs,
    report: enReport,
    freshness: enFreshness,
    feed: enFeed,
    charts: enCharts,
    patterns: enPatterns,
    exports: enExports,
  },
  fr: {
    common: frCommon,
    words: frWords,
    dashboard: frDashboard,
    map: frMap,
    anomalies: frAnomalies,
    pages: frPages,
    status: frStatus,
    apiDocs: frApiDocs,
    report: frReport,
    freshness: frFreshness,
    feed: frFeed,
    charts: frCharts,
    patterns: frPatterns,
    exports: frExports,
  },
  es: {
    common: esCommon,
    words: esWords,
    dashboard: esDashboard,
    map: esMap,
    anomalies: esAnomalies,
    pages: esPages,
    status: esStatus,
    apiDocs: esApiDocs,
    report: esReport,
    freshness: esFreshness,
    feed: esFeed,
    charts: esCharts,
    patterns: esPatterns,
    exports: esExports,
  },
} satisfies Record<Locale, unknown>;

export type Messages = (typeof MESSAGES)['en'];

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
    charts: enCharts,
    patterns: enPatterns,
    exports: enExports,
  },
  fr: {
    common: frCommon,
    words: frWords,
    charts: frCharts,
    patterns: frPatterns,
    exports: frExports,
  },
  es: {
    common: esCommon,
    words: esWords,
    charts: esCharts,
    patterns: esPatterns,
    exports: esExports,
  },
} satisfies Record<Locale, unknown>;

export type Messages = (typeof MESSAGES)['en'];

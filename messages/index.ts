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

export const MESSAGES = {
  en: { common: enCommon, words: enWords },
  fr: { common: frCommon, words: frWords },
  es: { common: esCommon, words: esWords },
} satisfies Record<Locale, unknown>;

export type Messages = (typeof MESSAGES)['en'];

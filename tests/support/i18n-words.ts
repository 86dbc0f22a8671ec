/** The catalogues' words outside React, for unit tests of the pure parts (next-intl's createTranslator). */
import { createTranslator } from 'next-intl';
import { MESSAGES } from '@/messages';
import type { Locale } from '@/lib/i18n/locales';
import { makeWords } from '@/lib/i18n/words';
import type { ViewWords } from '@/components/dashboard/view-words';

export function wordsIn(locale: Locale) {
  return makeWords(
    createTranslator({ locale, messages: MESSAGES[locale], namespace: 'words' }),
    locale,
  );
}

export function translator<N extends 'dashboard' | 'map' | 'anomalies' | 'pages'>(
  locale: Locale,
  namespace: N,
) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace });
}

export function viewWordsIn(locale: Locale): ViewWords {
  return { t: translator(locale, 'dashboard'), words: wordsIn(locale) };
}

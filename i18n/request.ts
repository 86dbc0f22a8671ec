/**
 * next-intl's request config (wired in next.config.js): the language proxy.ts negotiated for
 * this request (LOCALE_HEADER, from `lang` or Accept-Language) and its catalogue. No locale in
 * the path: every URL stays as it was, `?lang=fr` chooses French.
 */
import { getRequestConfig } from 'next-intl/server';
import { headers } from 'next/headers';
import { MESSAGES } from '@/messages';
import { DEFAULT_LOCALE, isLocale, LOCALE_HEADER } from '@/lib/i18n/locales';

export default getRequestConfig(async () => {
  const header = (await headers()).get(LOCALE_HEADER);
  const locale = isLocale(header) ? header : DEFAULT_LOCALE;
  return { locale, messages: MESSAGES[locale], timeZone: 'UTC' };
});

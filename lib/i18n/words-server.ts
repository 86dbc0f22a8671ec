/** The shared vocabulary (lib/i18n/words.ts) for server components and route handlers. */
import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import { makeWords, type Words } from './words';

export async function getWords(): Promise<Words> {
  const [t, locale] = await Promise.all([getTranslations('words'), getLocale()]);
  return makeWords(t, locale);
}

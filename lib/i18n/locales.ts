/**
 * The languages Atlas 311 speaks and how a request picks one (pure, client-safe).
 * A `lang` parameter in the link wins (kept in links and embed snippets, so a city site can
 * embed the French map); otherwise the browser's Accept-Language; otherwise English.
 * Primary subtags match (`fr-CA` → `fr`); a language we do not have falls through to the next
 * source, it is not an error: the page is still readable in English.
 */
export const LOCALES = ['en', 'fr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The link parameter that chooses the language. */
export const LANG_PARAM = 'lang';
/** The request header proxy.ts sets for the server's i18n config (never trusted from a client). */
export const LOCALE_HEADER = 'x-atlas-locale';

/** Each language's own name, for the switcher (never translated). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** `fr-CA` → `fr`; undefined when the tag's language is not one of ours. */
export function localeOfTag(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) ? primary : undefined;
}

/** Accept-Language's tags, highest q first (ties keep their order); q=0 is "not this one". */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  const tags: { tag: string; q: number; index: number }[] = [];
  header.split(',').forEach((part, index) => {
    const [rawTag, ...params] = part.trim().split(';');
    const tag = rawTag?.trim();
    if (!tag || tag === '*') return;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.trim().split('=');
      if (name?.trim() === 'q') {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? parsed : 0;
      }
    }
    if (q > 0) tags.push({ tag, q, index });
  });
  tags.sort((a, b) => b.q - a.q || a.index - b.index);
  return tags.map((t) => t.tag);
}

/** The language of one request: `lang` parameter, then Accept-Language, then English. */
export function negotiateLocale(
  langParam: string | null | undefined,
  acceptLanguage: string | null | undefined,
): Locale {
  const chosen = localeOfTag(langParam);
  if (chosen) return chosen;
  for (const tag of parseAcceptLanguage(acceptLanguage)) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/**
 * A link with the page's explicit `lang` kept (links carry the language only when the user
 * chose it in the link; a browser preference is not written into links others will open).
 */
export function withLang(href: string, lang: string | null | undefined): string {
  const locale = localeOfTag(lang);
  if (!locale) return href;
  const hashAt = href.indexOf('#');
  const hash = hashAt >= 0 ? href.slice(hashAt) : '';
  const base = hashAt >= 0 ? href.slice(0, hashAt) : href;
  const queryAt = base.indexOf('?');
  const path = queryAt >= 0 ? base.slice(0, queryAt) : base;
  const params = new URLSearchParams(queryAt >= 0 ? base.slice(queryAt + 1) : '');
  params.set(LANG_PARAM, locale);
  return `${path}?${params.toString()}${hash}`;
}

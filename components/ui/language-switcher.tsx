'use client';

/**
 * The three languages as plain links to the same view with `lang` set (works before
 * hydration; the choice is then kept in every link the page makes, see useLangParam).
 */
import { usePathname, useSearchParams } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { LANG_PARAM, LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';

export function LanguageSwitcher({ className }: { className?: string }) {
  const t = useTranslations('common');
  const current = useLocale();
  const pathname = usePathname();
  const search = useSearchParams();
  return (
    <nav className={className ?? 'language-switcher'} aria-label={t('languageSwitcher')}>
      {LOCALES.map((locale) => {
        const params = new URLSearchParams(search.toString());
        params.set(LANG_PARAM, locale);
        return (
          <a
            key={locale}
            href={`${pathname}?${params.toString()}`}
            hrefLang={locale}
            lang={locale}
            aria-current={locale === current ? 'true' : undefined}
            data-testid={`lang-${locale}`}
          >
            {LOCALE_NAMES[locale]}
          </a>
        );
      })}
    </nav>
  );
}

/** The page's explicit `lang` (undefined when the language came from the browser). */
export function useLangParam(): string | undefined {
  return useSearchParams().get(LANG_PARAM) ?? undefined;
}

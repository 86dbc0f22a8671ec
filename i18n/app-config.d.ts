// next-intl's types: t('…') with a key English does not have is a compile error.
import type { Locale } from '@/lib/i18n/locales';
import type { Messages } from '@/messages';

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}

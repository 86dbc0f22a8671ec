import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale } from 'next-intl/server';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: 'Atlas 311: where, what and how fast cities answer',
  description:
    'Open dashboard and embeddable maps of city 311 service requests by ward, postal area and neighbourhood.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

/** The page's language comes from proxy.ts (lib/i18n/locales.ts); its catalogue goes to the client. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>
          <Providers>{children}</Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

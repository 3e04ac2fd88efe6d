import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale } from 'next-intl/server';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import { Providers } from '@/components/trpc';
import { fontSansScClassName } from '@/components/ui/font-sans-sc';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Linli 邻里', template: '%s · Linli 邻里' },
  description: 'Property management: fees, services and work orders for residential communities',
  // Added to a phone's home screen (app/manifest.ts; the icon is app/apple-icon.png) it opens full screen.
  appleWebApp: { capable: true, title: '邻里', statusBarStyle: 'default' },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#276749' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale} className={fontSansScClassName}>
      <body className="min-h-screen bg-gray-50 text-gray-900 antialiased">
        <NextIntlClientProvider>
          <NuqsAdapter>
            <Providers>{children}</Providers>
          </NuqsAdapter>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

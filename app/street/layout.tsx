import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { Logo } from '@/components/ui/logo';
import { LanguageSwitcher } from '@/components/i18n/language-switcher';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { currentSession } from '@/server/auth/session';

/** /street: a street office's liaisons, outside every company; the logo, who is signed in, the language switcher, sign-out. */
export default async function StreetLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  const t = await getTranslations('street');
  return (
    <div className="min-h-screen bg-gray-50">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 bg-white px-4 py-3 sm:px-8">
        <div className="flex items-center gap-3">
          <Logo />
          <span className="text-sm font-medium text-gray-700">{t('title')}</span>
        </div>
        <div className="flex items-center gap-3">
          {session && <span className="hidden text-sm text-gray-500 sm:inline">{t('signedInAs', { name: session.name })}</span>}
          <LanguageSwitcher signedIn={!!session} />
          {session && <SignOutButton />}
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-6 sm:px-8">{children}</main>
    </div>
  );
}

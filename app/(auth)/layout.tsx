import type { ReactNode } from 'react';
import Link from 'next/link';
import { currentSession } from '@/server/auth/session';
import { Logo } from '@/components/ui/logo';
import { LanguageSwitcher } from '@/components/i18n/language-switcher';

/** Sign-in, sign-up, invitations and the company list: one card in the middle of the page. */
export default async function AuthLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-brand-50 to-gray-50">
      <header className="flex items-center justify-between px-4 py-3 sm:px-8">
        <Link href="/">
          <Logo />
        </Link>
        <LanguageSwitcher signedIn={!!session} />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-4 pb-16 sm:pt-10">
        <div className="w-full max-w-md">{children}</div>
      </main>
    </div>
  );
}

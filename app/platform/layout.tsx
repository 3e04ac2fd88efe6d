import type { ReactNode } from 'react';
import Link from 'next/link';
import { Logo } from '@/components/ui/logo';
import { LanguageSwitcher } from '@/components/i18n/language-switcher';

/** /platform: outside every company; a plain page with the logo and the language switcher. */
export default function PlatformLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen bg-gray-50">
      <header className="flex items-center justify-between border-b border-gray-200 bg-white px-4 py-3 sm:px-8">
        <Link href="/companies">
          <Logo />
        </Link>
        <LanguageSwitcher signedIn />
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-8">{children}</main>
    </div>
  );
}

'use client';
import { useTransition } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc';
import { LOCALE_COOKIE, LOCALES, type Locale } from '@/server/shared/locale';

const LABELS: Record<Locale, string> = { 'zh-CN': '中文', en: 'EN' };

/** 中文 | EN. Remembers the choice in a cookie (and on the account when signed in). */
export function LanguageSwitcher({ signedIn, className = '' }: { signedIn: boolean; className?: string }) {
  const locale = useLocale();
  const t = useTranslations('common');
  const router = useRouter();
  const trpc = useTRPC();
  const save = useMutation(trpc.account.setLocale.mutationOptions());
  const [pending, startTransition] = useTransition();

  async function choose(next: Locale) {
    if (next === locale) return;
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
    if (signedIn) {
      // The page changes language from the cookie either way; the account setting is a bonus.
      await save.mutateAsync({ locale: next }).catch(() => undefined);
    }
    startTransition(() => router.refresh());
  }

  return (
    <div role="group" aria-label={t('language')} className={`inline-flex overflow-hidden rounded-md border border-gray-300 text-xs ${className}`}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          disabled={pending}
          onClick={() => choose(l)}
          className={`px-2 py-1 font-medium ${l === locale ? 'bg-brand-600 text-white' : 'bg-white text-gray-700 hover:bg-gray-50'}`}
        >
          {LABELS[l]}
        </button>
      ))}
    </div>
  );
}

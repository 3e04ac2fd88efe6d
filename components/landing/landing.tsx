import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Logo } from '@/components/ui/logo';
import { ButtonLink } from '@/components/ui/button';
import { LanguageSwitcher } from '@/components/i18n/language-switcher';

const FEATURES = ['fees', 'services', 'workOrders', 'reports'] as const;
const ICONS: Record<(typeof FEATURES)[number], string> = { fees: '¥', services: '便', workOrders: '修', reports: '析' };

export async function Landing() {
  const t = await getTranslations('landing');
  return (
    <div className="min-h-screen bg-white">
      <header className="mx-auto flex max-w-6xl items-center justify-between px-4 py-4 sm:px-8">
        <Logo />
        <div className="flex items-center gap-3">
          <LanguageSwitcher signedIn={false} />
          <Link href="/sign-in" className="text-sm font-medium text-gray-700 hover:text-brand-700">
            {t('signIn')}
          </Link>
        </div>
      </header>
      <main>
        <section className="bg-gradient-to-b from-brand-50 to-white">
          <div className="mx-auto max-w-6xl px-4 py-14 sm:px-8 sm:py-20">
            <p className="text-sm font-medium text-brand-700">{t('eyebrow')}</p>
            <h1 className="mt-3 max-w-3xl text-3xl leading-tight font-bold tracking-tight text-gray-900 sm:text-5xl">{t('headline')}</h1>
            <p className="mt-5 max-w-2xl text-base text-gray-600 sm:text-lg">{t('pitch')}</p>
            <div className="mt-8 flex flex-wrap gap-3">
              <ButtonLink href="/sign-up">{t('register')}</ButtonLink>
              <ButtonLink href="/sign-in" variant="secondary">
                {t('signIn')}
              </ButtonLink>
            </div>
          </div>
        </section>
        <section className="mx-auto max-w-6xl px-4 py-12 sm:px-8">
          <h2 className="sr-only">{t('featuresTitle')}</h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {FEATURES.map((f) => (
              <li key={f} className="rounded-xl border border-gray-200 p-5">
                <span className="flex size-9 items-center justify-center rounded-lg bg-brand-600 text-base font-semibold text-white" aria-hidden>
                  {ICONS[f]}
                </span>
                <h3 className="mt-4 font-semibold text-gray-900">{t(`features.${f}.title`)}</h3>
                <p className="mt-1 text-sm text-gray-600">{t(`features.${f}.body`)}</p>
              </li>
            ))}
          </ul>
          <p className="mt-10 rounded-xl bg-gray-50 p-5 text-sm text-gray-600">{t('story')}</p>
        </section>
      </main>
      <footer className="border-t border-gray-100 py-6 text-center text-xs text-gray-500">{t('footer')}</footer>
    </div>
  );
}

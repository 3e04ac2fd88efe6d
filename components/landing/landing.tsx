import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Logo } from '@/components/ui/logo';
import { ButtonLink } from '@/components/ui/button';
import { LanguageSwitcher } from '@/components/i18n/language-switcher';
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_SLUG } from '@/server/shared/demo-logins';

const FEATURES = ['fees', 'services', 'workOrders', 'reports'] as const;
const ICONS: Record<(typeof FEATURES)[number], string> = { fees: '¥', services: '便', workOrders: '修', reports: '析' };

/** The public landing page; `demo`: the app serves the demo company (server/env.ts isDemo), so it is offered with its logins. */
export async function Landing({ demo = false }: { demo?: boolean }) {
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
              {demo && (
                <ButtonLink href={`/${DEMO_SLUG}`} data-testid="landing-demo-link">
                  {t('demo.open')}
                </ButtonLink>
              )}
              <ButtonLink href="/sign-up" variant={demo ? 'secondary' : undefined}>
                {t('register')}
              </ButtonLink>
              <ButtonLink href="/sign-in" variant="secondary">
                {t('signIn')}
              </ButtonLink>
            </div>
          </div>
        </section>
        {demo && (
          <section aria-labelledby="demo-title" className="mx-auto max-w-6xl px-4 pt-10 sm:px-8" data-testid="landing-demo">
            <div className="rounded-xl border border-brand-200 bg-brand-50/40 p-5">
              <h2 id="demo-title" className="text-lg font-semibold text-gray-900">
                {t('demo.title')}
              </h2>
              <p className="mt-1 text-sm text-gray-700">{t('demo.body')}</p>
              <p className="mt-2 text-sm text-gray-700">
                {t('demo.password')} <code className="rounded bg-white px-1.5 py-0.5 font-mono text-gray-900">{DEMO_PASSWORD}</code>
              </p>
              <div className="mt-3 overflow-x-auto">
                <table className="w-full min-w-[32rem] text-left text-sm">
                  <caption className="sr-only">{t('demo.title')}</caption>
                  <thead>
                    <tr className="text-gray-600">
                      <th scope="col" className="py-1.5 pr-4 font-medium">
                        {t('demo.role')}
                      </th>
                      <th scope="col" className="py-1.5 pr-4 font-medium">
                        {t('demo.email')}
                      </th>
                      <th scope="col" className="py-1.5 font-medium">
                        {t('demo.whatToTry')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {DEMO_LOGINS.map((l) => (
                      <tr key={l.email} className="border-t border-brand-100 align-top">
                        <td className="py-1.5 pr-4 whitespace-nowrap text-gray-900">{t(`demo.who.${l.who}`)}</td>
                        <td className="py-1.5 pr-4 font-mono whitespace-nowrap text-gray-900">{l.email}</td>
                        <td className="py-1.5 text-gray-700">{t(`demo.shows.${l.who}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </section>
        )}
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

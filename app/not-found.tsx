import { getTranslations } from 'next-intl/server';
import { ButtonLink } from '@/components/ui/button';
import { Logo } from '@/components/ui/logo';

export default async function NotFound() {
  const t = await getTranslations('errors.pages');
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 text-center">
      <Logo />
      <p className="mt-8 text-5xl font-bold text-brand-600">404</p>
      <h1 className="mt-3 text-xl font-semibold text-gray-900">{t('notFoundTitle')}</h1>
      <p className="mt-2 max-w-md text-sm text-gray-600">{t('notFoundBody')}</p>
      <div className="mt-6 flex gap-2">
        <ButtonLink href="/">{t('home')}</ButtonLink>
        <ButtonLink href="/companies" variant="secondary">
          {t('myCompanies')}
        </ButtonLink>
      </div>
    </main>
  );
}

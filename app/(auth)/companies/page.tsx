import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { serverApi } from '@/server/api/server-caller';
import { currentSession } from '@/server/auth/session';
import type { Role } from '@/server/db/generated/enums';
import { AuthCard } from '@/components/auth/auth-card';
import { CreateCompanyForm } from '@/components/companies/create-company-form';
import { SignOutButton } from '@/components/auth/sign-out-button';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('companies'))('title') };
}

/** The company switcher, and "create another company". */
export default async function CompaniesPage() {
  const session = await currentSession();
  if (!session) redirect('/sign-in?callbackUrl=%2Fcompanies');
  const t = await getTranslations('companies');
  const tRole = await getTranslations('enums.role');
  const api = await serverApi();
  const companies = await api.account.listCompanies();
  const offices = await api.street.listMyOffices();
  const tStreet = await getTranslations('street');
  return (
    <div className="space-y-4">
      <AuthCard title={t('title')} subtitle={t('signedInAs', { name: session.name, email: session.email })}>
        {companies.length === 0 ? (
          <p className="text-sm text-gray-600">{t('none')}</p>
        ) : (
          <ul className="divide-y divide-gray-100 rounded-md border border-gray-200" data-testid="company-list">
            {companies.map((c) => (
              <li key={c.slug}>
                <Link href={`/${c.slug}`} className="flex items-center justify-between gap-3 px-3 py-3 hover:bg-gray-50">
                  <span className="min-w-0">
                    <span className="block truncate font-medium text-gray-900">{c.name}</span>
                    <span className="block text-xs text-gray-500">/{c.slug}</span>
                  </span>
                  <span className="shrink-0 text-xs text-gray-600">{tRole(c.role as Role)} →</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {offices.length > 0 && (
          <ul className="mt-4 divide-y divide-gray-100 rounded-md border border-gray-200" data-testid="street-office-list">
            {offices.map((o) => (
              <li key={o.slug}>
                <Link href={`/street/${o.slug}`} className="flex items-center justify-between gap-3 px-3 py-3 hover:bg-gray-50">
                  <span className="min-w-0">
                    <span className="block truncate font-medium text-gray-900">{o.name}</span>
                    <span className="block text-xs text-gray-500">/street/{o.slug}</span>
                  </span>
                  <span className="shrink-0 text-xs text-gray-600">{tStreet('title')} →</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <div className="mt-4 flex items-center justify-between gap-3">
          <Link href="/account" className="text-sm font-medium text-brand-700 hover:underline">
            {t('account')}
          </Link>
          <SignOutButton />
        </div>
      </AuthCard>
      <AuthCard title={t('createTitle')} subtitle={t('createSubtitle')}>
        <CreateCompanyForm />
      </AuthCard>
    </div>
  );
}

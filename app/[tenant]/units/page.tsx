import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { UnitsPanel } from '@/components/units/units-panel';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('units'))('title') };
}

export default async function UnitsPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'register.read')) return <Forbidden slug={tenant} />;
  return <UnitsPanel />; // filters, search and page: from the query string (useListQuery)
}

import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { ReportsView } from '@/components/reports/reports-view';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('reports'))('title') };
}

/** Reports (#16): admins and executives (reports.read); anyone else is refused. */
export default async function ReportsPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'reports.read')) return <Forbidden slug={tenant} />;
  return <ReportsView />;
}

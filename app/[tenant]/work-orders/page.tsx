import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { WorkOrdersPanel } from '@/components/work-orders/work-orders-panel';

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ view?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('workOrders'))('title') };
}

export default async function WorkOrdersPage({ params, searchParams }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'workorders.board') && !allowed(company, 'workorders.work')) return <Forbidden slug={tenant} />;
  const { view } = await searchParams;
  return <WorkOrdersPanel view={view === 'queue' ? 'queue' : 'board'} />; // filters, search and page: from the query string (useListQuery)
}
